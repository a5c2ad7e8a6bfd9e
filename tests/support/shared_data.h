// Access to ../shared (real data the project may read but not copy) from tests.
//
// When the data is missing a test skips locally, but fails under CI (CI=true): CI must never
// pass by silently skipping the data tests.
#pragma once

#include <string>

namespace newsflow::testing {

// The shared folder: $NEWSFLOW_SHARED_DIR, else ../shared beside the source tree.
std::string SharedDir();

// The project's source folder (for fixtures under tests/fixtures).
std::string SourceDir();

// True when CI=true in the environment.
bool InCi();

}  // namespace newsflow::testing

// Use at the top of a TEST body that reads `relative` under the shared folder.
#define NEWSFLOW_REQUIRE_SHARED(relative)                                                  \
  do {                                                                                     \
    const std::string nf_path_ = ::newsflow::testing::SharedDir() + "/" + (relative);     \
    if (access(nf_path_.c_str(), R_OK) != 0) {                                             \
      if (::newsflow::testing::InCi()) FAIL() << "shared data missing under CI: " << nf_path_; \
      GTEST_SKIP() << "shared data missing: " << nf_path_;                                 \
    }                                                                                      \
  } while (0)

#include <unistd.h>
