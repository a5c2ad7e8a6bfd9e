#include "daemon/page_files.h"

#include <google/protobuf/util/json_util.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace newsflow {
namespace fs = std::filesystem;
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

StatusOr<std::vector<std::string>> ListPageFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        if (it->is_regular_file()) files.push_back(it->path().string());
      }
      if (ec) return Status::IoError("listing " + p + ": " + ec.message());
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else if (fs::is_regular_file(p, ec)) {
      out.push_back(p);
    } else {
      return Status::NotFound("no such file or directory: " + p);
    }
  }
  return out;
}

StatusOr<std::string> ReadFileBytes(const std::string& path) {
  if (EndsWith(path, ".gz")) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (f == nullptr) return Status::IoError("cannot open " + path);
    std::string out;
    char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    int err = 0;
    const char* msg = gzerror(f, &err);
    gzclose(f);
    if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
      return Status::Corruption("gunzip " + path + ": " + (msg ? msg : "error"));
    }
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status ForEachPage(const std::vector<std::string>& files, const PageFileOptions& options,
                   const std::function<Status(v1::RawPage&&)>& fn,
                   const std::function<void(const std::string&, int, const std::string&)>& on_bad_line) {
  for (const auto& file : files) {
    auto bytes = ReadFileBytes(file);
    if (!bytes.ok()) return bytes.status();
    std::string name = EndsWith(file, ".gz") ? file.substr(0, file.size() - 3) : file;
    if (EndsWith(name, ".jsonl")) {
      std::istringstream lines(*bytes);
      std::string line;
      int n = 0;
      while (std::getline(lines, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        v1::RawPage page;
        google::protobuf::util::JsonParseOptions jo;
        jo.ignore_unknown_fields = false;
        auto st = google::protobuf::util::JsonStringToMessage(line, &page, jo);
        if (!st.ok()) {
          on_bad_line(file, n, std::string(st.message()));
          continue;
        }
        if (page.fetched_at_ms() == 0) page.set_fetched_at_ms(options.fetched_at_ms);
        Status s = fn(std::move(page));
        if (!s.ok()) return s;
      }
      continue;
    }
    v1::RawPage page;
    std::error_code ec;
    page.set_url("file://" + fs::absolute(file, ec).lexically_normal().string());
    page.set_fetched_at_ms(options.fetched_at_ms);
    page.set_body(std::move(bytes).value());
    Status s = fn(std::move(page));
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace newsflow
