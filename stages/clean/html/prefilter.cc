#include "stages/clean/html/prefilter.h"

#include <cstring>

#include "common/text/ascii.h"

namespace newsflow {
namespace {

using text::AsciiLower;
using text::IsAsciiAlpha;

// HTML's white space (no vertical tab, unlike text::IsAsciiSpace).
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Case-insensitive: does `s` at `pos` start with lower-case `word`?
bool StartsWithCi(std::string_view s, size_t pos, std::string_view word) {
  if (pos + word.size() > s.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (AsciiLower(s[pos + i]) != word[i]) return false;
  }
  return true;
}

// After a tag name: the tokenizer ends the name at whitespace, '/' or '>'.
bool EndsTagName(std::string_view s, size_t pos) {
  return pos >= s.size() || IsSpace(s[pos]) || s[pos] == '/' || s[pos] == '>';
}

// Position of the next "</name" (name ending properly) at or after `pos`, or npos.
size_t FindEndTag(std::string_view s, size_t pos, std::string_view name) {
  while (pos < s.size()) {
    const void* hit = std::memchr(s.data() + pos, '<', s.size() - pos);
    if (hit == nullptr) return std::string_view::npos;
    size_t at = static_cast<const char*>(hit) - s.data();
    if (at + 1 < s.size() && s[at + 1] == '/' && StartsWithCi(s, at + 2, name) &&
        EndsTagName(s, at + 2 + name.size())) {
      return at;
    }
    pos = at + 1;
  }
  return std::string_view::npos;
}

// End of a script element's content per the script-data states, including the escaped and
// double-escaped states entered through "<!--". Returns the position of the closing "</script".
size_t FindScriptEnd(std::string_view s, size_t pos) {
  enum { kData, kEscaped, kDoubleEscaped } state = kData;
  while (pos < s.size()) {
    char c = s[pos];
    if (c == '<') {
      if (s.compare(pos, 4, "<!--") == 0 && state == kData) {
        state = kEscaped;
        pos += 4;
        continue;
      }
      if (s.compare(pos, 2, "</") == 0 && StartsWithCi(s, pos + 2, "script") &&
          EndsTagName(s, pos + 8)) {
        if (state == kDoubleEscaped) {
          state = kEscaped;
          pos += 8;
          continue;
        }
        return pos;
      }
      if (state == kEscaped && StartsWithCi(s, pos + 1, "script") && EndsTagName(s, pos + 7)) {
        state = kDoubleEscaped;
        pos += 7;
        continue;
      }
    } else if (c == '-' && state != kData && s.compare(pos, 3, "-->") == 0) {
      state = kData;
      pos += 3;
      continue;
    }
    // Jump to the next character that can change state.
    const char* lt =
        static_cast<const char*>(std::memchr(s.data() + pos + 1, '<', s.size() - pos - 1));
    size_t next = lt == nullptr ? s.size() : static_cast<size_t>(lt - s.data());
    if (state != kData && next > pos + 1) {
      const char* dash =
          static_cast<const char*>(std::memchr(s.data() + pos + 1, '-', next - pos - 1));
      if (dash != nullptr) next = static_cast<size_t>(dash - s.data());
    }
    pos = next;
  }
  return std::string_view::npos;
}

// Void elements and elements the parser closes implicitly when a sibling starts: they do not
// make the tree deeper, so the depth cap does not count them.
bool Uncounted(std::string_view s, size_t start, size_t len) {
  // By length, so a typical tag is compared against a handful of names.
  static constexpr std::string_view kByLen[9][12] = {
      {},
      {"p"},
      {"br", "hr", "li", "dt", "dd", "tr", "td", "th", "rb", "rt", "rp"},
      {"col", "img", "wbr"},
      {"area", "base", "link", "meta"},
      {"embed", "input", "param", "track", "thead", "tbody", "tfoot", "image"},
      {"source", "option", "keygen"},
      {"caption"},
      {"optgroup", "colgroup"}};
  if (len == 0 || len > 8) return false;
  for (std::string_view n : kByLen[len]) {
    if (n.size() == len && StartsWithCi(s, start, n)) return true;
  }
  return false;
}

size_t TagNameEnd(std::string_view s, size_t pos) {
  while (pos < s.size() && !EndsTagName(s, pos)) ++pos;
  return pos;
}

struct AttrSpan {
  size_t start;  // first byte of the name
  size_t end;    // one past the value (or the name)
  size_t name_len;
};

constexpr size_t kMaxAttrs = 64;

// The attributes the extractor reads; everything else (srcset, data-*, onclick, href on links)
// is dropped before parsing. `tag` is the lower-case tag name.
bool KeepAttr(std::string_view s, const AttrSpan& a, std::string_view tag) {
  auto is = [&](std::string_view w) {
    return a.name_len == w.size() && StartsWithCi(s, a.start, w);
  };
  if (is("class") || is("id") || is("role") || is("itemprop") || is("hidden") ||
      is("aria-hidden") || is("style") || is("lang")) {
    return true;
  }
  if (tag == "meta") return is("name") || is("property") || is("content") || is("http-equiv");
  if (tag == "link") return is("rel") || is("href");
  if (tag == "script") return is("type");
  if (tag == "time") return is("datetime");
  return false;
}

// Tokenizes a start tag's attributes from just after its name (HTML5 "before attribute name"
// and following states). Returns the position just past '>' (or the input's end); fills `attrs`
// (up to kMaxAttrs; `*overflow` when there were more) and `*self_closing`.
size_t ScanStartTag(std::string_view s, size_t pos, AttrSpan* attrs, size_t* n_attrs,
                    bool* overflow, bool* self_closing) {
  *n_attrs = 0;
  *overflow = false;
  *self_closing = false;
  while (pos < s.size()) {
    char c = s[pos];
    if (IsSpace(c)) {
      ++pos;
      continue;
    }
    if (c == '/') {
      ++pos;
      if (pos < s.size() && s[pos] == '>') {
        *self_closing = true;
        return pos + 1;
      }
      continue;
    }
    if (c == '>') return pos + 1;
    AttrSpan a{pos, pos, 0};
    ++pos;  // the first character belongs to the name, even '='
    while (pos < s.size() && !IsSpace(s[pos]) && s[pos] != '/' && s[pos] != '>' && s[pos] != '=') {
      ++pos;
    }
    a.name_len = pos - a.start;
    a.end = pos;
    size_t after = pos;
    while (after < s.size() && IsSpace(s[after])) ++after;
    if (after < s.size() && s[after] == '=') {
      pos = after + 1;
      while (pos < s.size() && IsSpace(s[pos])) ++pos;
      if (pos < s.size() && (s[pos] == '"' || s[pos] == '\'')) {
        const void* q = std::memchr(s.data() + pos + 1, s[pos], s.size() - pos - 1);
        pos = q == nullptr ? s.size()
                           : static_cast<size_t>(static_cast<const char*>(q) - s.data()) + 1;
      } else {
        while (pos < s.size() && !IsSpace(s[pos]) && s[pos] != '>') ++pos;
      }
      a.end = pos;
    }
    if (*n_attrs < kMaxAttrs) {
      attrs[(*n_attrs)++] = a;
    } else {
      *overflow = true;
    }
  }
  return s.size();
}

bool ValueHasLdJson(std::string_view s, const AttrSpan& a) {
  std::string_view raw = s.substr(a.start, a.end - a.start);
  if (raw.size() > 96) return false;
  std::string low(raw);
  for (char& ch : low) ch = AsciiLower(ch);
  return low.find("ld+json") != std::string::npos;
}

// One pass over a page: `copied` trails `pos`; s[copied, pos) is pending to be appended, and
// what is dropped is skipped by moving `copied` past it.
class Filter {
 public:
  Filter(std::string_view s, int max_depth, std::string* out)
      : s_(s), max_depth_(max_depth), out_(out) {}

  void Run() {
    out_->clear();
    out_->reserve(s_.size());
    while (pos_ < s_.size()) {
      const void* hit = std::memchr(s_.data() + pos_, '<', s_.size() - pos_);
      if (hit == nullptr) break;
      size_t lt = static_cast<const char*>(hit) - s_.data();
      if (s_.compare(lt, 4, "<!--") == 0) {
        Comment(lt);
      } else if (lt + 1 < s_.size() && s_[lt + 1] == '/') {
        EndTag(lt);
      } else if (lt + 1 >= s_.size() || !IsAsciiAlpha(s_[lt + 1])) {
        pos_ = lt + 1;
      } else {
        StartTag(lt);
      }
    }
    CopyTo(s_.size());
  }

 private:
  void CopyTo(size_t end) {
    if (end > copied_) {
      out_->append(s_.data() + copied_, end - copied_);
      copied_ = end;
    }
  }

  // Drops s[from, to) and continues after it.
  void Drop(size_t from, size_t to) {
    CopyTo(from);
    copied_ = to;
    pos_ = to;
  }

  // "<!-->" and "<!--->" are complete comments; otherwise up to "-->" or "--!>".
  void Comment(size_t lt) {
    size_t end;
    if (s_.compare(lt + 4, 1, ">") == 0) {
      end = lt + 5;
    } else if (s_.compare(lt + 4, 2, "->") == 0) {
      end = lt + 6;
    } else {
      size_t close = s_.find("--", lt + 4);
      while (close != std::string_view::npos && s_.compare(close + 2, 1, ">") != 0 &&
             s_.compare(close + 2, 2, "!>") != 0) {
        close = s_.find("--", close + 1);
      }
      if (close == std::string_view::npos) {
        end = s_.size();
      } else {
        end = close + (s_[close + 2] == '>' ? 3 : 4);
      }
    }
    Drop(lt, end);
  }

  // Skips the end tag's name so "</script>" found here (stray) is harmless.
  void EndTag(size_t lt) {
    size_t name_end = TagNameEnd(s_, lt + 2);
    pos_ = name_end;
    if (name_end > lt + 2 && IsAsciiAlpha(s_[lt + 2]) &&
        !Uncounted(s_, lt + 2, name_end - lt - 2)) {
      if (max_depth_ > 0 && depth_ > max_depth_) {
        // The end tag of a start tag dropped below.
        const void* gt = std::memchr(s_.data() + name_end, '>', s_.size() - name_end);
        size_t end = gt == nullptr ? s_.size() : static_cast<const char*>(gt) - s_.data() + 1;
        Drop(lt, end);
      }
      if (depth_ > 0) --depth_;
    }
  }

  void StartTag(size_t lt) {
    size_t name_start = lt + 1;
    size_t name_end = TagNameEnd(s_, name_start);
    std::string_view name = s_.substr(name_start, name_end - name_start);
    bool script = name.size() == 6 && StartsWithCi(s_, name_start, "script");
    AttrSpan attrs[kMaxAttrs];
    size_t n_attrs = 0;
    bool overflow = false;
    bool self_closing = false;
    size_t tag_end = ScanStartTag(s_, name_end, attrs, &n_attrs, &overflow, &self_closing);
    pos_ = tag_end;
    std::string lower_name(name.substr(0, 16));
    for (char& ch : lower_name) ch = AsciiLower(ch);
    bool json_ld = false;
    size_t kept = 0;
    for (size_t i = 0; i < n_attrs; ++i) {
      bool keep = KeepAttr(s_, attrs[i], lower_name);
      if (keep && script && attrs[i].name_len == 4 && ValueHasLdJson(s_, attrs[i])) {
        json_ld = true;
      }
      if (keep) attrs[kept++] = attrs[i];
    }
    if (kept < n_attrs && !overflow && tag_end <= s_.size() && s_[tag_end - 1] == '>') {
      // Rewrite the tag with the kept attributes only.
      CopyTo(lt);
      out_->push_back('<');
      out_->append(name);
      for (size_t i = 0; i < kept; ++i) {
        out_->push_back(' ');
        out_->append(s_.data() + attrs[i].start, attrs[i].end - attrs[i].start);
      }
      if (self_closing) out_->push_back('/');
      out_->push_back('>');
      copied_ = tag_end;
    }
    Contents(lt, name_start, name, lower_name, tag_end, json_ld);
  }

  // What follows a start tag: raw text to drop or to skip over, or one level deeper.
  void Contents(size_t lt, size_t name_start, std::string_view name, const std::string& lower_name,
                size_t tag_end, bool json_ld) {
    auto is = [&](std::string_view w) {
      return name.size() == w.size() && StartsWithCi(s_, name_start, w);
    };
    if (is("script")) {
      size_t end = FindScriptEnd(s_, tag_end);
      if (end == std::string_view::npos) end = s_.size();
      if (json_ld) {
        pos_ = end;
      } else {
        Drop(tag_end, end);
      }
    } else if (is("style")) {
      size_t end = FindEndTag(s_, tag_end, "style");
      Drop(tag_end, end == std::string_view::npos ? s_.size() : end);
    } else if (is("svg")) {
      // Foreign content: not raw text, but nothing in it is article text. Self-closing <svg/>
      // has no content; an unclosed one is left to the parser.
      if (tag_end >= 2 && s_[tag_end - 2] == '/') return;
      size_t end = FindEndTag(s_, tag_end, "svg");
      if (end != std::string_view::npos) Drop(tag_end, end);
    } else if (is("title") || is("textarea")) {
      size_t end = FindEndTag(s_, tag_end, is("title") ? "title" : "textarea");
      pos_ = end == std::string_view::npos ? s_.size() : end;
    } else if (is("xmp") || is("iframe") || is("noembed") || is("noframes")) {
      size_t end = FindEndTag(s_, tag_end, lower_name);
      pos_ = end == std::string_view::npos ? s_.size() : end;
    } else if (is("plaintext")) {
      pos_ = s_.size();
    } else if (!Uncounted(s_, name_start, name.size())) {
      ++depth_;
      if (max_depth_ > 0 && depth_ > max_depth_) {
        CopyTo(lt);
        copied_ = tag_end;
      }
    }
  }

  std::string_view s_;
  const int max_depth_;
  std::string* out_;
  size_t pos_ = 0;
  size_t copied_ = 0;
  int depth_ = 0;  // elements open, as far as a byte scan can tell
};

}  // namespace

void DropInvisibleRawText(std::string_view html, int max_depth, std::string* out) {
  Filter(html, max_depth, out).Run();
}

}  // namespace newsflow
