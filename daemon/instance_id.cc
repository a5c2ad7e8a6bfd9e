#include "daemon/instance_id.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

namespace newsflow {
namespace {

bool IsInstanceId(const std::string& s) {
  if (s.size() != 16) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

StatusOr<std::string> LoadOrCreateInstanceId(const std::string& state_dir) {
  const std::filesystem::path path = std::filesystem::path(state_dir) / "instance_id";
  std::string id;
  if (std::ifstream in(path); in && std::getline(in, id)) {
    if (IsInstanceId(id)) return id;
    return Status::Corruption(path.string() + ": not an instance id (16 hex digits): delete it");
  }
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  if (ec) return Status::IoError("creating " + state_dir + ": " + ec.message());
  std::random_device rd;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
  id = buf;
  // Written to a temporary name and renamed: a crash leaves no half-written id.
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << id << "\n";
    if (!out.flush()) return Status::IoError("writing " + tmp.string());
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IoError("renaming " + tmp.string() + ": " + ec.message());
  return id;
}

pid_t StateDirLockHolder(const std::string& state_dir) {
  const std::string path = state_dir + "/LOCK";
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  struct flock lock {};
  lock.l_type = F_WRLCK;  // would a write lock on the whole file conflict, and with whom?
  lock.l_whence = SEEK_SET;
  const int rc = fcntl(fd, F_GETLK, &lock);
  close(fd);
  return rc == 0 && lock.l_type != F_UNLCK ? lock.l_pid : 0;
}

std::string DerivedTransactionalId(const std::string& group_id, const std::string& instance_id) {
  return group_id + "-" + instance_id;
}

}  // namespace newsflow
