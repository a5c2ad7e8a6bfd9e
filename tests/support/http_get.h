// HttpGet: one GET with libcurl, for tests that scrape newsflowd's HTTP endpoint.
#pragma once

#include <string>

namespace newsflow::testing {

struct HttpResponse {
  long status = 0;  // 0 when no response came (connection refused, timeout)
  std::string body;
  std::string content_type;
};

// GET `url` (a 2 s timeout, no redirects followed).
HttpResponse HttpGet(const std::string& url);

}  // namespace newsflow::testing
