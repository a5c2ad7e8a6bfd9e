// Text tests the splitter applies to single lines and paragraphs: sentence ends, ellipses,
// capitals, printed years, bullet markers, bylines, times of day, truncation. ASCII rules
// (A-Z are capitals); UTF-8 punctuation that pages print (… ” ’ » 。 • ·) is recognised byte
// for byte. Pure functions on views: no allocation, safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace newsflow {
namespace clean_text {

// "..." or "…" at the end.
bool EndsWithEllipsis(std::string_view s);

// `s` without closing quotes, brackets and spaces at its end.
std::string_view StripClosers(std::string_view s);

// The line ends a sentence: ".", "!", "?", possibly followed by closing quotes or brackets.
// An ellipsis does not end a sentence (it marks a cut).
bool EndsSentence(std::string_view s);

// All letters upper-case and at least two letters: "DOWNLOAD THE APP", "PREPAREDNESS".
bool IsAllCaps(std::string_view s);

// Four digits in a row: a printed year.
bool HasYear(std::string_view s);

// Bytes of the bullet marker and the space after it that lead `s` ("• ", "· ", "– ", "▪ ",
// "- ", "* "), 0 when there is none.
size_t BulletPrefix(std::string_view s);

// The names of a byline: "By Jane Doe", "By Jane Doe and John Roe" -> the names, cut at a
// separator ("By Amy Doe | Example Media", "By Amy Doe, Wire"); nullopt for any other line.
std::optional<std::string_view> Byline(std::string_view s);

// A line that is only a time of day: "2000 GMT", "20:00 BST", "8:30 pm ET", "(10.30am)".
// Pages print it under a yearless date; it is part of the date, never a headline.
bool IsTimeOfDay(std::string_view s);

// Truncated: the body stops mid-sentence or with an ellipsis. A short credit after the last
// sentence ("[Copyright ...] Jiji Press") does not count.
bool LooksTruncated(std::string_view body);

}  // namespace clean_text
}  // namespace newsflow
