#include "stages/clean/html/field_text.h"

#include <algorithm>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/trim.h"

namespace newsflow::html {
namespace {

constexpr size_t kMaxFieldBytes = 1024;

}  // namespace

// Whitespace-collapsed, trimmed, capped copy (JSON-LD strings may hold newlines and tabs).
std::string Clean(std::string_view s) {
  std::string out;
  out.reserve(std::min(s.size(), kMaxFieldBytes));
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= kMaxFieldBytes) break;
  }
  return out;
}

void AddUnique(std::vector<std::string>* out, std::string value, size_t cap) {
  value = Clean(value);
  if (value.empty() || out->size() >= cap) return;
  std::string low = text::AsciiLower(value);
  for (const auto& v : *out) {
    if (text::AsciiLower(v) == low) return;
  }
  out->push_back(std::move(value));
}

// "By TOM KRISHER, AP Auto Writer" -> "TOM KRISHER": no "By", no job title after a comma.
std::string CleanAuthor(std::string_view name) {
  std::string a = Clean(name);
  if (a.size() > 3 && text::AsciiLower(a.substr(0, 3)) == "by ") a.erase(0, 3);
  size_t comma = a.find(", ");
  if (comma != std::string::npos) {
    std::string rest = text::AsciiLower(a.substr(comma + 2));
    static const auto& kRoles = phrases::List("html.author_roles");
    for (const std::string& role : kRoles) {
      if (rest.find(role) != std::string::npos) {
        a.erase(comma);
        break;
      }
    }
  }
  return a;
}

void AddSplit(std::vector<std::string>* out, std::string_view list, size_t cap) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find_first_of(",;", start);
    if (end == std::string_view::npos) end = list.size();
    AddUnique(out, std::string(text::Trim(list.substr(start, end - start))), cap);
    start = end + 1;
  }
}

bool LooksLikeUrl(std::string_view s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("//", 0) == 0 ||
         s.rfind("/", 0) == 0;
}

}  // namespace newsflow::html
