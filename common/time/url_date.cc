#include "common/time/url_date.h"

#include "common/time/civil_time.h"
#include "common/time/date_scan.h"

namespace newsflow {
namespace {

using date_scan::IsAsciiDigit;
using date_scan::ReadExactDigits;
using date_scan::ReadNumber;

constexpr int64_t kMinYear = 1990;
constexpr int64_t kMaxYear = 2100;

bool IsPathSeparator(char c) { return c == '/' || c == '-' || c == '_'; }

// The path of `url`: from the first '/' after the host (or the start, without a scheme) to the
// query or fragment. Empty (data() null) when the URL has no path.
std::string_view PathOf(std::string_view url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string_view::npos) return {};
  size_t query = url.find_first_of("?#", start);
  return url.substr(start,
                    query == std::string_view::npos ? std::string_view::npos : query - start);
}

// Month and day after the year, the year ending at `*p`: "1119", "/11/19", "-11-19", "/11/".
bool ReadMonthDay(std::string_view path, size_t* p, int64_t* m, int64_t* d) {
  size_t q = *p;
  if (q < path.size() && IsAsciiDigit(path[q])) {
    // 20191119
    if (!ReadExactDigits(path, q, 2, m) || !ReadExactDigits(path, q + 2, 2, d)) return false;
    q += 4;
    if (q < path.size() && IsAsciiDigit(path[q])) return false;
    *p = q;
    return true;
  }
  if (q >= path.size() || !IsPathSeparator(path[q])) return false;
  char sep = path[q++];
  size_t nm = ReadNumber(path, q, 2, m);
  if (nm == 0) return false;
  q += nm;
  *d = 1;
  size_t nd = 0;
  if (q < path.size() && path[q] == sep && (nd = ReadNumber(path, q + 1, 2, d)) > 0) {
    q += 1 + nd;
  } else if (q < path.size() && path[q] == sep) {
    *d = 1;
  } else if (sep != '/') {
    return false;  // "2019-11" without a day is too ambiguous outside a /yyyy/mm/ path
  }
  *p = q;
  return true;
}

}  // namespace

std::optional<int64_t> ParseUrlDateMs(std::string_view url, std::string_view* found) {
  std::string_view path = PathOf(url);
  for (size_t i = 0; i + 5 <= path.size(); ++i) {
    if (!IsPathSeparator(path[i])) continue;
    size_t p = i + 1;
    int64_t y = 0, m = 0, d = 1;
    if (!ReadExactDigits(path, p, 4, &y) || y < kMinYear || y > kMaxYear) continue;
    p += 4;
    if (!ReadMonthDay(path, &p, &m, &d)) continue;
    if (!IsValidCivilDate(y, m, d, kMinYear, kMaxYear)) continue;
    if (found != nullptr) *found = path.substr(i + 1, p - i - 1);
    return CivilToEpochMs(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  }
  return std::nullopt;
}

}  // namespace newsflow
