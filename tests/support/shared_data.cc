#include "tests/support/shared_data.h"

#include <cstdlib>
#include <cstring>

namespace newsflow::testing {

std::string SharedDir() {
  if (const char* env = std::getenv("NEWSFLOW_SHARED_DIR"); env && *env) return env;
  return NEWSFLOW_DEFAULT_SHARED_DIR;
}

std::string SourceDir() { return NEWSFLOW_SOURCE_DIR; }

bool InCi() {
  const char* ci = std::getenv("CI");
  return ci && (std::strcmp(ci, "true") == 0 || std::strcmp(ci, "1") == 0);
}

}  // namespace newsflow::testing
