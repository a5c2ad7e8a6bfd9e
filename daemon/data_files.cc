#include "daemon/data_files.h"

#include <filesystem>

namespace newsflow {
namespace fs = std::filesystem;

std::vector<std::string> DataDirs() {
  std::vector<std::string> dirs;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && exe.has_parent_path()) {
    const fs::path bin = exe.parent_path();
    dirs.push_back((bin / ".." / "share" / "newsflow").lexically_normal().string());
    dirs.push_back((bin / ".." / ".." / "deploy").lexically_normal().string());
  }
  dirs.push_back("/usr/share/newsflow");
  dirs.push_back("/etc/newsflow");
  return dirs;
}

std::string FindDataFile(const std::string& configured, const std::string& shipped) {
  std::error_code ec;
  if (!configured.empty() && fs::exists(configured, ec)) return configured;
  for (const std::string& dir : DataDirs()) {
    const fs::path candidate = fs::path(dir) / shipped;
    if (fs::exists(candidate, ec)) return candidate.string();
  }
  return configured;
}

}  // namespace newsflow
