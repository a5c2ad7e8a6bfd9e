// Phrase lists kept as data, not code (as trafilatura keeps its selectors in one file): the
// chrome labels, widget texts, headings and cue words the cleaning and classification stages
// match against. They live in one file, common/phrases/phrases.toml, which the build embeds in
// the binary (no file to install, no path to find) and which is parsed once, on first use.
//
// A list is named "<table>.<key>" after its place in the file, e.g. "text.widget". Order is kept
// as written (callers that stop at the first match depend on it). Strings are UTF-8, exactly as
// written (no case folding: each list's comment in the file says how it is matched).
//
// Threads: safe from any thread (the parse runs once, under a function-local static).
// Errors: an unknown list name, or an embedded file that does not parse, is a bug in the build,
// not an input error: the process aborts with a message naming the list.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsflow::phrases {

// The list `name` ("table.key"). Keep the reference: `static const auto& kX = List("...")`.
const std::vector<std::string>& List(std::string_view name);

// Every list name in the file, sorted (for tests and tools).
std::vector<std::string> ListNames();

}  // namespace newsflow::phrases
