#include "stages/clean/html_prefilter.h"

#include <cstring>

namespace newsflow {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Case-insensitive: does `s` at `pos` start with lower-case `word`?
bool StartsWithCi(std::string_view s, size_t pos, std::string_view word) {
  if (pos + word.size() > s.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (Lower(s[pos + i]) != word[i]) return false;
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
  for (char& ch : low) ch = Lower(ch);
  return low.find("ld+json") != std::string::npos;
}

}  // namespace

void DropInvisibleRawText(std::string_view s, int max_depth, std::string* out) {
  int depth = 0;  // elements open, as far as a byte scan can tell
  out->clear();
  out->reserve(s.size());
  size_t pos = 0;
  size_t copied = 0;  // s[copied, pos) is pending to be appended
  auto copy_to = [&](size_t end) {
    if (end > copied) {
      out->append(s.data() + copied, end - copied);
      copied = end;
    }
  };
  while (pos < s.size()) {
    const void* hit = std::memchr(s.data() + pos, '<', s.size() - pos);
    if (hit == nullptr) break;
    size_t lt = static_cast<const char*>(hit) - s.data();
    if (s.compare(lt, 4, "<!--") == 0) {
      // Comment: "<!-->" and "<!--->" are complete comments; otherwise up to "-->" or "--!>".
      size_t end;
      if (s.compare(lt + 4, 1, ">") == 0) {
        end = lt + 5;
      } else if (s.compare(lt + 4, 2, "->") == 0) {
        end = lt + 6;
      } else {
        size_t close = s.find("--", lt + 4);
        while (close != std::string_view::npos && s.compare(close + 2, 1, ">") != 0 &&
               s.compare(close + 2, 2, "!>") != 0) {
          close = s.find("--", close + 1);
        }
        if (close == std::string_view::npos) {
          end = s.size();
        } else {
          end = close + (s[close + 2] == '>' ? 3 : 4);
        }
      }
      copy_to(lt);
      copied = end;
      pos = end;
      continue;
    }
    if (lt + 1 < s.size() && s[lt + 1] == '/') {
      // End tag: skip its name so "</script>" found here (stray) is harmless.
      size_t name_end = TagNameEnd(s, lt + 2);
      pos = name_end;
      if (name_end > lt + 2 && IsAlpha(s[lt + 2]) && !Uncounted(s, lt + 2, name_end - lt - 2)) {
        if (max_depth > 0 && depth > max_depth) {
          // The end tag of a start tag dropped below.
          const void* gt = std::memchr(s.data() + name_end, '>', s.size() - name_end);
          size_t end = gt == nullptr ? s.size() : static_cast<const char*>(gt) - s.data() + 1;
          copy_to(lt);
          copied = end;
          pos = end;
        }
        if (depth > 0) --depth;
      }
      continue;
    }
    if (lt + 1 >= s.size() || !IsAlpha(s[lt + 1])) {
      pos = lt + 1;
      continue;
    }
    size_t name_start = lt + 1;
    size_t name_end = TagNameEnd(s, name_start);
    std::string_view name = s.substr(name_start, name_end - name_start);
    auto is = [&](std::string_view w) {
      return name.size() == w.size() && StartsWithCi(s, name_start, w);
    };
    bool script = is("script");
    AttrSpan attrs[kMaxAttrs];
    size_t n_attrs = 0;
    bool overflow = false;
    bool self_closing = false;
    size_t tag_end = ScanStartTag(s, name_end, attrs, &n_attrs, &overflow, &self_closing);
    pos = tag_end;
    std::string lower_name(name.substr(0, 16));
    for (char& ch : lower_name) ch = Lower(ch);
    bool json_ld = false;
    size_t kept = 0;
    for (size_t i = 0; i < n_attrs; ++i) {
      bool keep = KeepAttr(s, attrs[i], lower_name);
      if (keep && script && attrs[i].name_len == 4 && ValueHasLdJson(s, attrs[i])) json_ld = true;
      if (keep) attrs[kept++] = attrs[i];
    }
    if (kept < n_attrs && !overflow && tag_end <= s.size() && s[tag_end - 1] == '>') {
      // Rewrite the tag with the kept attributes only.
      copy_to(lt);
      out->push_back('<');
      out->append(name);
      for (size_t i = 0; i < kept; ++i) {
        out->push_back(' ');
        out->append(s.data() + attrs[i].start, attrs[i].end - attrs[i].start);
      }
      if (self_closing) out->push_back('/');
      out->push_back('>');
      copied = tag_end;
    }
    if (script) {
      size_t end = FindScriptEnd(s, tag_end);
      if (end == std::string_view::npos) end = s.size();
      if (!json_ld) {
        copy_to(tag_end);
        copied = end;
      }
      pos = end;
    } else if (is("style")) {
      size_t end = FindEndTag(s, tag_end, "style");
      if (end == std::string_view::npos) end = s.size();
      copy_to(tag_end);
      copied = end;
      pos = end;
    } else if (is("svg")) {
      // Foreign content: not raw text, but nothing in it is article text. Self-closing <svg/>
      // has no content.
      if (tag_end >= 2 && s[tag_end - 2] == '/') continue;
      size_t end = FindEndTag(s, tag_end, "svg");
      if (end == std::string_view::npos) continue;  // unclosed: leave it to the parser
      copy_to(tag_end);
      copied = end;
      pos = end;
    } else if (is("title") || is("textarea")) {
      size_t end = FindEndTag(s, tag_end, is("title") ? "title" : "textarea");
      pos = end == std::string_view::npos ? s.size() : end;
    } else if (is("xmp") || is("iframe") || is("noembed") || is("noframes")) {
      size_t end = FindEndTag(s, tag_end, lower_name);
      pos = end == std::string_view::npos ? s.size() : end;
    } else if (is("plaintext")) {
      pos = s.size();
    } else if (!Uncounted(s, name_start, name.size())) {
      ++depth;
      if (max_depth > 0 && depth > max_depth) {
        copy_to(lt);
        copied = tag_end;
      }
    }
  }
  copy_to(s.size());
}

}  // namespace newsflow
