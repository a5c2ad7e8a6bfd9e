// Reading a whole file in tests: fixtures, gold files, what a child process wrote.
#pragma once

#include <string>

namespace newsflow::testing {

// The bytes of the file at `path`; empty when it cannot be read (the caller asserts on what it
// expected to find).
std::string ReadFile(const std::string& path);

}  // namespace newsflow::testing
