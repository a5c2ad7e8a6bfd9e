#include "stages/classify/training/topic_rows.h"

#include <fstream>
#include <map>

namespace newsflow {
namespace {

using Row = TopicRow;

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// A minimal reader for one flat JSON object per line: string values are decoded, other values
// (numbers, null, nested objects of other keys) are skipped. Enough for {"label","title","text"}.
class JsonLine {
 public:
  explicit JsonLine(std::string_view s) : s_(s) {}

  bool Parse(std::map<std::string, std::string>* fields) {
    Ws();
    if (!Eat('{')) return false;
    Ws();
    if (Eat('}')) return true;
    while (true) {
      std::string key, value;
      Ws();
      if (!String(&key)) return false;
      Ws();
      if (!Eat(':')) return false;
      Ws();
      if (Peek() == '"') {
        if (!String(&value)) return false;
        (*fields)[key] = std::move(value);
      } else if (!SkipValue()) {
        return false;
      }
      Ws();
      if (Eat(',')) continue;
      return Eat('}');
    }
  }

 private:
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  void Ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n'))
      ++i_;
  }
  bool Hex4(uint32_t* out) {
    if (i_ + 4 > s_.size()) return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return false;
    }
    *out = v;
    return true;
  }
  bool String(std::string* out) {
    if (!Eat('"')) return false;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case 'n':
          out->push_back('\n');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && i_ + 1 < s_.size() && s_[i_] == '\\' &&
              s_[i_ + 1] == 'u') {
            i_ += 2;
            uint32_t lo = 0;
            if (!Hex4(&lo)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          out->push_back(e);
      }
    }
    return false;
  }
  bool SkipValue() {
    int depth = 0;
    while (i_ < s_.size()) {
      char c = Peek();
      if (c == '"') {
        std::string ignored;
        if (!String(&ignored)) return false;
        if (depth == 0) return true;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (depth == 0) return true;
        --depth;
      }
      if (c == ',' && depth == 0) return true;
      ++i_;
    }
    return false;
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

StatusOr<std::vector<TopicRow>> ReadTopicRows(const std::string& path) {
  std::vector<TopicRow> out;
  std::vector<TopicRow>* rows = &out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open training rows " + path);
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::map<std::string, std::string> fields;
    if (!JsonLine(line).Parse(&fields)) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": not a JSON object");
    }
    Row row;
    row.label = fields["label"];
    row.title = fields["title"];
    row.text = fields["text"];
    if (row.label.empty()) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                     ": row without \"label\"");
    }
    if (row.label.find_first_of("\t\n ") != std::string::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                     ": label with white space");
    }
    rows->push_back(std::move(row));
  }
  if (in.bad()) return Status::IoError("cannot read " + path);
  if (rows->empty()) return Status::InvalidArgument(path + ": no rows");
  return out;
}

}  // namespace newsflow
