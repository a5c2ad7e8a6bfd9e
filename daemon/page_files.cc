#include "daemon/page_files.h"

#include <google/protobuf/util/json_util.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

namespace newsflow {
namespace fs = std::filesystem;
namespace {

constexpr size_t kReadPieceBytes = 1u << 16;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A file's bytes in pieces, gunzipped on the way for ".gz" (zlib's gzread inflates as it goes).
class ByteReader {
 public:
  ~ByteReader() {
    if (gz_ != nullptr) gzclose(gz_);
    if (file_ != nullptr) std::fclose(file_);
  }
  Status Open(const std::string& path) {
    path_ = path;
    if (EndsWith(path, ".gz")) {
      gz_ = gzopen(path.c_str(), "rb");
      if (gz_ != nullptr) gzbuffer(gz_, kReadPieceBytes);
    } else {
      file_ = std::fopen(path.c_str(), "rb");
    }
    if (gz_ == nullptr && file_ == nullptr) return Status::IoError("cannot open " + path);
    return Status::Ok();
  }
  // Up to `n` bytes into `buf`; 0 at the end of the file.
  StatusOr<size_t> Read(char* buf, size_t n) {
    if (file_ != nullptr) {
      const size_t got = std::fread(buf, 1, n, file_);
      if (got == 0 && std::ferror(file_)) return Status::IoError("reading " + path_);
      return got;
    }
    const int got = gzread(gz_, buf, static_cast<unsigned>(n));
    int err = Z_OK;
    const char* msg = got <= 0 ? gzerror(gz_, &err) : nullptr;
    // At the end, a stream cut short shows as Z_BUF_ERROR.
    if (got < 0 || (err != Z_OK && err != Z_STREAM_END)) {
      return Status::Corruption("gunzip " + path_ + ": " + (msg ? msg : "error"));
    }
    return static_cast<size_t>(got);
  }

 private:
  std::string path_;
  gzFile gz_ = nullptr;
  std::FILE* file_ = nullptr;
};

std::string OverMaxPageBytes(size_t max_bytes, const char* what) {
  return "over max_page_bytes (" + std::to_string(max_bytes) + " bytes" + what + ")";
}

// Reads `reader` line by line (without the '\n'), calling fn(line_number, line) for each; a
// line longer than `max_line` is skipped and reported as fn(number, nullptr).
Status ForEachLine(ByteReader& reader, size_t max_line,
                   const std::function<Status(int, const std::string*)>& fn) {
  std::string line, piece(kReadPieceBytes, '\0');
  bool too_long = false;
  int number = 1;
  while (true) {
    auto got = reader.Read(piece.data(), piece.size());
    if (!got.ok()) return got.status();
    const std::string_view data(piece.data(), *got);
    size_t start = 0;
    while (start < data.size()) {
      const size_t nl = data.find('\n', start);
      const size_t end = nl == std::string_view::npos ? data.size() : nl;
      if (!too_long) line.append(data.substr(start, end - start));
      if (line.size() > max_line) {
        too_long = true;
        std::string().swap(line);
      }
      if (nl == std::string_view::npos) break;
      Status s = fn(number++, too_long ? nullptr : &line);
      if (!s.ok()) return s;
      line.clear();
      too_long = false;
      start = nl + 1;
    }
    if (*got == 0) break;
  }
  if (too_long || !line.empty()) return fn(number, too_long ? nullptr : &line);
  return Status::Ok();
}

using SkipFn = std::function<void(const std::string&, int, const std::string&)>;

Status JsonlPages(const std::string& file, const PageFileOptions& options,
                  const std::function<Status(v1::RawPage&&)>& fn, const SkipFn& on_skipped) {
  ByteReader reader;
  if (Status s = reader.Open(file); !s.ok()) return s;
  return ForEachLine(reader, 2 * options.max_page_bytes, [&](int n, const std::string* line) {
    if (line == nullptr) {
      on_skipped(file, n, OverMaxPageBytes(options.max_page_bytes, ", a line of twice that"));
      return Status::Ok();
    }
    if (line->find_first_not_of(" \t\r") == std::string::npos) return Status::Ok();
    v1::RawPage page;
    google::protobuf::util::JsonParseOptions jo;
    jo.ignore_unknown_fields = false;
    auto st = google::protobuf::util::JsonStringToMessage(*line, &page, jo);
    if (!st.ok()) {
      on_skipped(file, n, std::string(st.message()));
      return Status::Ok();
    }
    if (page.fetched_at_ms() == 0) page.set_fetched_at_ms(options.fetched_at_ms);
    return fn(std::move(page));
  });
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

StatusOr<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  const bool gz = EndsWith(path, ".gz");
  std::error_code ec;
  const uintmax_t size = gz ? 0 : fs::file_size(path, ec);
  if (!gz && !ec && size > max_bytes) return Status::TooLarge(OverMaxPageBytes(max_bytes, ""));
  ByteReader reader;
  if (Status s = reader.Open(path); !s.ok()) return s;
  std::string out;
  // A plain file is read into a buffer of its size (one byte more to see that it ended); a
  // gzip stream grows its buffer as it inflates. Reading stops one byte past the limit, which
  // tells an oversized page from one of exactly max_bytes.
  size_t filled = 0;
  out.resize(!gz && !ec ? static_cast<size_t>(size) + 1 : kReadPieceBytes);
  while (filled <= max_bytes) {
    if (filled == out.size()) out.resize(std::min(max_bytes + 1, 2 * out.size()));
    auto got = reader.Read(out.data() + filled, out.size() - filled);
    if (!got.ok()) return got.status();
    if (*got == 0) {
      out.resize(filled);
      // A grown buffer can be twice the page; pages kept in memory (bench) keep only it.
      if (out.capacity() - filled > filled / 8) out.shrink_to_fit();
      return out;
    }
    filled += *got;
  }
  return Status::TooLarge(OverMaxPageBytes(max_bytes, gz ? " once decompressed" : ""));
}

Status ForEachPage(const std::vector<std::string>& files, const PageFileOptions& options,
                   const std::function<Status(v1::RawPage&&)>& fn, const SkipFn& on_skipped) {
  for (const auto& file : files) {
    const std::string name = EndsWith(file, ".gz") ? file.substr(0, file.size() - 3) : file;
    if (EndsWith(name, ".jsonl")) {
      if (Status s = JsonlPages(file, options, fn, on_skipped); !s.ok()) return s;
      continue;
    }
    auto bytes = ReadFileBytes(file, options.max_page_bytes);
    if (bytes.status().code() == Status::Code::kTooLarge) {
      on_skipped(file, 0, bytes.status().message());
      continue;
    }
    if (!bytes.ok()) return bytes.status();
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
