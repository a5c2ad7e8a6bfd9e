#include "pipeline/site_records.h"

#include <cstdio>

namespace newsflow {

std::string EncodeSiteStats(const SiteStats& s) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "%lu %lu %lu", static_cast<unsigned long>(s.pages),
                static_cast<unsigned long>(s.articles), static_cast<unsigned long>(s.duplicates));
  return buf;
}

SiteStats DecodeSiteStats(std::string_view value) {
  const std::string v(value);  // sscanf needs a terminated string
  unsigned long pages = 0, articles = 0, duplicates = 0;
  std::sscanf(v.c_str(), "%lu %lu %lu", &pages, &articles, &duplicates);
  return {pages, articles, duplicates};
}

std::string EncodeSiteLineCount(const SiteLineCount& c) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f %lld", c.count, static_cast<long long>(c.day));
  return buf;
}

SiteLineCount DecodeSiteLineCount(std::string_view value) {
  const std::string v(value);
  SiteLineCount c;
  long long day = 0;
  std::sscanf(v.c_str(), "%lf %lld", &c.count, &day);
  c.day = day;
  return c;
}

}  // namespace newsflow
