#include "common/json/json.h"

#include <cstdint>

#include "common/text/utf8.h"

namespace newsflow::json {
namespace {

class Reader {
 public:
  Reader(std::string_view s, const ReadOptions& options) : s_(s), options_(options) {}

  bool AtEnd() {
    SkipSpace();
    return p_ >= s_.size();
  }

  bool Value(json::Value* out, int depth) {
    if (depth > kMaxDepth) return false;
    SkipSpace();
    if (p_ >= s_.size()) return false;
    char c = s_[p_];
    if (c == '{') return Object(out, depth);
    if (c == '[') return Array(out, depth);
    if (c == '"' || c == '\'') {
      out->type = Value::Type::kString;
      return String(&out->text);
    }
    return Word(out);
  }

 private:
  static bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

  // A number, true/false/null, or a bare word: read up to a delimiter.
  bool Word(json::Value* out) {
    size_t start = p_;
    while (p_ < s_.size() && s_[p_] != ',' && s_[p_] != '}' && s_[p_] != ']' && s_[p_] != ':' &&
           !IsSpace(s_[p_])) {
      ++p_;
    }
    if (p_ == start) return false;
    std::string_view word = s_.substr(start, p_ - start);
    if (word == "null") {
      out->type = Value::Type::kNull;
    } else if (word == "true" || word == "false") {
      out->type = Value::Type::kBool;
      out->text = std::string(word);
    } else {
      out->type = Value::Type::kNumber;
      out->text = std::string(word);
    }
    return true;
  }

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

  // At the end of the input inside an object or array that holds `n` entries.
  bool EndedInside(size_t n) const {
    return options_.unclosed == Unclosed::kKeepWhatWasRead && n > 0;
  }

  bool Key(std::string* key) {
    if (s_[p_] == '"' || s_[p_] == '\'') return String(key);
    size_t start = p_;
    while (p_ < s_.size() && s_[p_] != ':' && !IsSpace(s_[p_]) && s_[p_] != '}') ++p_;
    if (p_ == start) return false;
    *key = std::string(s_.substr(start, p_ - start));
    return true;
  }

  bool Object(json::Value* out, int depth) {
    out->type = Value::Type::kObject;
    ++p_;  // '{'
    while (true) {
      SkipSpace();
      if (p_ >= s_.size()) return EndedInside(out->members.size());
      if (s_[p_] == '}') {
        ++p_;
        return true;
      }
      if (s_[p_] == ',') {
        ++p_;
        continue;
      }
      std::string key;
      if (!Key(&key)) return false;
      SkipSpace();
      if (p_ >= s_.size() || s_[p_] != ':') return false;
      ++p_;
      json::Value v;
      if (!Value(&v, depth + 1)) return false;
      out->members.emplace_back(std::move(key), std::move(v));
    }
  }

  bool Array(json::Value* out, int depth) {
    out->type = Value::Type::kArray;
    ++p_;  // '['
    while (true) {
      SkipSpace();
      if (p_ >= s_.size()) return EndedInside(out->items.size());
      if (s_[p_] == ']') {
        ++p_;
        return true;
      }
      if (s_[p_] == ',') {
        ++p_;
        continue;
      }
      json::Value v;
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

  // After "\u": one code point, a surrogate pair read as one.
  bool CodePoint(std::string* out) {
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
    text::AppendUtf8(cp, out);
    return true;
  }

  // After a backslash.
  bool Escape(std::string* out) {
    if (p_ >= s_.size()) return false;
    const bool as_space = options_.controls == Controls::kAsSpace;
    char e = s_[p_++];
    switch (e) {
      case 'n':
        out->push_back('\n');
        return true;
      case 't':
        out->push_back('\t');
        return true;
      case 'r':
        out->push_back('\r');
        return true;
      case 'b':
        out->push_back(as_space ? ' ' : '\b');
        return true;
      case 'f':
        out->push_back(as_space ? ' ' : '\f');
        return true;
      case 'u':
        return CodePoint(out);
      default:
        out->push_back(e);  // \" \\ \/ and unknown escapes
        return true;
    }
  }

  bool String(std::string* out) {
    const bool as_space = options_.controls == Controls::kAsSpace;
    char quote = s_[p_++];
    while (p_ < s_.size()) {
      char c = s_[p_++];
      if (c == quote) return true;
      if (c == '\\') {
        if (!Escape(out)) return false;
        continue;
      }
      // Raw control characters inside strings are invalid JSON but common.
      bool control = c == '\n' || c == '\r' || c == '\t';
      out->push_back(control && as_space ? ' ' : c);
    }
    return false;
  }

  std::string_view s_;
  const ReadOptions& options_;
  size_t p_ = 0;
};

}  // namespace

const Value* Value::Find(std::string_view key) const {
  if (type != Type::kObject) return nullptr;
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::optional<Value> Read(std::string_view text, const ReadOptions& options) {
  if (text.size() > options.max_bytes) return std::nullopt;
  Reader reader(text, options);
  Value v;
  if (!reader.Value(&v, 0)) return std::nullopt;
  return v;
}

std::optional<Value> ReadSequence(std::string_view text, const ReadOptions& options) {
  if (text.size() > options.max_bytes) return std::nullopt;
  Reader reader(text, options);
  std::vector<Value> values;
  while (!reader.AtEnd()) {
    Value v;
    if (!reader.Value(&v, 0)) break;
    values.push_back(std::move(v));
    if (values.size() > 64) break;
  }
  if (values.empty()) return std::nullopt;
  if (values.size() == 1) return std::move(values[0]);
  Value array;
  array.type = Value::Type::kArray;
  array.items = std::move(values);
  return array;
}

}  // namespace newsflow::json
