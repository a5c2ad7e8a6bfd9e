// Reading a Prometheus text page (what newsflowd serves on /metrics) in tests.
#pragma once

#include <optional>
#include <sstream>
#include <string>

namespace newsflow::testing {

// The value of one series ("name{labels}", labels as the page prints them) in `page`, or
// nullopt when the page has no such line.
inline std::optional<double> MetricValue(const std::string& page, const std::string& series) {
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return std::nullopt;
}

}  // namespace newsflow::testing
