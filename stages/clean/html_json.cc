#include "stages/clean/html_json.h"

#include <cstdint>

namespace newsflow {
namespace {

constexpr size_t kMaxJsonBytes = 4 << 20;

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

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  bool AtEnd() {
    SkipSpace();
    return p_ >= s_.size();
  }

  bool Value(JsonValue* out, int depth) {
    if (depth > kMaxJsonDepth) return false;
    SkipSpace();
    if (p_ >= s_.size()) return false;
    char c = s_[p_];
    if (c == '{') return Object(out, depth);
    if (c == '[') return Array(out, depth);
    if (c == '"' || c == '\'') {
      out->type = JsonValue::Type::kString;
      return String(&out->text);
    }
    // number, true/false/null, or a bare word: read up to a delimiter.
    size_t start = p_;
    while (p_ < s_.size() && s_[p_] != ',' && s_[p_] != '}' && s_[p_] != ']' && s_[p_] != ':' &&
           !IsSpace(s_[p_])) {
      ++p_;
    }
    if (p_ == start) return false;
    std::string_view word = s_.substr(start, p_ - start);
    if (word == "null") {
      out->type = JsonValue::Type::kNull;
    } else if (word == "true" || word == "false") {
      out->type = JsonValue::Type::kBool;
      out->text = std::string(word);
    } else {
      out->type = JsonValue::Type::kNumber;
      out->text = std::string(word);
    }
    return true;
  }

 private:
  static bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

  void SkipSpace() {
    while (p_ < s_.size()) {
      if (IsSpace(s_[p_]) || s_[p_] == ';') {
        ++p_;
      } else if (s_.compare(p_, 4, "<!--") == 0) {
        p_ += 4;
      } else if (s_.compare(p_, 3, "-->") == 0) {
        p_ += 3;
      } else if (s_.compare(p_, 9, "<![CDATA[") == 0) {
        p_ += 9;
      } else if (s_.compare(p_, 3, "]]>") == 0) {
        p_ += 3;
      } else if (s_.compare(p_, 2, "//") == 0) {
        while (p_ < s_.size() && s_[p_] != '\n') ++p_;
      } else if (s_.compare(p_, 2, "/*") == 0) {
        size_t end = s_.find("*/", p_ + 2);
        p_ = end == std::string_view::npos ? s_.size() : end + 2;
      } else {
        break;
      }
    }
  }

  bool Object(JsonValue* out, int depth) {
    out->type = JsonValue::Type::kObject;
    ++p_;  // '{'
    while (true) {
      SkipSpace();
      if (p_ >= s_.size()) return !out->members.empty();
      if (s_[p_] == '}') {
        ++p_;
        return true;
      }
      if (s_[p_] == ',') {
        ++p_;
        continue;
      }
      std::string key;
      if (s_[p_] == '"' || s_[p_] == '\'') {
        if (!String(&key)) return false;
      } else {
        size_t start = p_;
        while (p_ < s_.size() && s_[p_] != ':' && !IsSpace(s_[p_]) && s_[p_] != '}') ++p_;
        if (p_ == start) return false;
        key = std::string(s_.substr(start, p_ - start));
      }
      SkipSpace();
      if (p_ >= s_.size() || s_[p_] != ':') return false;
      ++p_;
      JsonValue v;
      if (!Value(&v, depth + 1)) return false;
      out->members.emplace_back(std::move(key), std::move(v));
    }
  }

  bool Array(JsonValue* out, int depth) {
    out->type = JsonValue::Type::kArray;
    ++p_;  // '['
    while (true) {
      SkipSpace();
      if (p_ >= s_.size()) return !out->items.empty();
      if (s_[p_] == ']') {
        ++p_;
        return true;
      }
      if (s_[p_] == ',') {
        ++p_;
        continue;
      }
      JsonValue v;
      if (!Value(&v, depth + 1)) return false;
      out->items.push_back(std::move(v));
    }
  }

  bool Hex4(uint32_t* out) {
    if (p_ + 4 > s_.size()) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[p_ + i];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        v |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        v |= c - 'A' + 10;
      } else {
        return false;
      }
    }
    p_ += 4;
    *out = v;
    return true;
  }

  bool String(std::string* out) {
    char quote = s_[p_++];
    while (p_ < s_.size()) {
      char c = s_[p_++];
      if (c == quote) return true;
      if (c != '\\') {
        // Raw control characters inside strings are invalid JSON but common: keep as space.
        out->push_back((c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
        continue;
      }
      if (p_ >= s_.size()) return false;
      char e = s_[p_++];
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
        case 'f':
          out->push_back(' ');
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && p_ + 6 <= s_.size() && s_[p_] == '\\' &&
              s_[p_ + 1] == 'u') {
            p_ += 2;
            uint32_t lo = 0;
            if (!Hex4(&lo)) return false;
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              cp = 0xFFFD;
            }
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          out->push_back(e);  // \" \\ \/ and unknown escapes
      }
    }
    return false;
  }

  std::string_view s_;
  size_t p_ = 0;
};

}  // namespace

const JsonValue* JsonValue::Find(std::string_view key) const {
  if (type != Type::kObject) return nullptr;
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::optional<JsonValue> ParseJsonLd(std::string_view text) {
  if (text.size() > kMaxJsonBytes) return std::nullopt;
  Reader reader(text);
  std::vector<JsonValue> values;
  while (!reader.AtEnd()) {
    JsonValue v;
    if (!reader.Value(&v, 0)) break;
    values.push_back(std::move(v));
    if (values.size() > 64) break;
  }
  if (values.empty()) return std::nullopt;
  if (values.size() == 1) return std::move(values[0]);
  JsonValue array;
  array.type = JsonValue::Type::kArray;
  array.items = std::move(values);
  return array;
}

}  // namespace newsflow
