// Cleaning of metadata field values (titles, names, tags) for the HTML extractor's metadata
// and JSON-LD readers. Pure functions, never throw. Internal to stages/clean/html/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow::html {

constexpr size_t kMaxTags = 20;
constexpr size_t kMaxAuthors = 10;

// Whitespace-collapsed (' ', \n, \r, \t, \f), trimmed copy, cut at 1,024 bytes (JSON-LD strings
// may hold newlines and tabs).
std::string Clean(std::string_view s);

// Appends Clean(value) unless it is empty, `out` holds `cap` values already, or an equal value
// (ASCII case ignored) is there.
void AddUnique(std::vector<std::string>* out, std::string value, size_t cap);

// AddUnique for each ','- or ';'-separated part of `list`.
void AddSplit(std::vector<std::string>* out, std::string_view list, size_t cap);

// "By TOM KRISHER, AP Auto Writer" -> "TOM KRISHER": no "By", no job title after a comma (the
// roles are common/phrases/phrases.toml html.author_roles).
std::string CleanAuthor(std::string_view name);

// Starts like an absolute or root-relative URL.
bool LooksLikeUrl(std::string_view s);

}  // namespace newsflow::html
