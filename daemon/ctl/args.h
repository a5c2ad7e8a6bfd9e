// newsflowctl's command line: "--flag value" options, switches and positional arguments, and
// the usage text every command falls back to.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace newsflow::ctl {

struct Args {
  std::map<std::string, std::string> flags;
  std::vector<std::string> positional;
  bool Has(const std::string& f) const { return flags.count(f) > 0; }
  std::string Get(const std::string& f, const std::string& def = "") const {
    auto it = flags.find(f);
    return it == flags.end() ? def : it->second;
  }
};

// Parses argv[from..]. A "--flag" takes the next argument as its value unless it is a switch
// (--kafka, --help, --dead-letters) or the last argument.
Args ParseArgs(int argc, char** argv, int from);

// Prints "newsflowctl: msg" to stderr; returns 1 (the exit code).
int Fail(const std::string& msg);

// Prints the usage of every command to stderr; returns 2 (the exit code).
int Usage();

}  // namespace newsflow::ctl
