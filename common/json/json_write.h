// Writing JSON: a string as a JSON string literal. The one writer of JSON text by hand in the
// tree (newsflowd's JSON log lines, newsflowctl tail's headers); messages go through
// protobuf's JSON printer instead.
//
// Threads: pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace newsflow::json {

// Appends `text` to `out` as a JSON string, quotes included: '"' and '\\' escaped, control
// characters as \n, \r, \t or \u00XX, each ill-formed UTF-8 byte as U+FFFD (so that the line
// is valid JSON whatever the text holds); everything else as is.
void AppendQuoted(std::string_view text, std::string* out);
std::string Quoted(std::string_view text);

}  // namespace newsflow::json
