#include "tests/support/read_file.h"

#include <fstream>
#include <sstream>

namespace newsflow::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace newsflow::testing
