#include "common/time/numeric_date.h"

#include "common/text/ascii.h"

namespace newsflow {

NumericDateOrder NumericDateOrderFromLanguage(std::string_view tag) {
  if (tag.empty() || text::EqualsIgnoreAsciiCase(tag, "en")) return NumericDateOrder::kUnknown;
  if (tag.size() >= 5 && text::StartsWithIgnoreAsciiCase(tag, "en") &&
      (tag[2] == '-' || tag[2] == '_') && text::EqualsIgnoreAsciiCase(tag.substr(3, 2), "us") &&
      (tag.size() == 5 || tag[5] == '-' || tag[5] == '_')) {
    return NumericDateOrder::kMonthDay;
  }
  return NumericDateOrder::kDayMonth;
}

DayMonth ResolveDayMonth(int64_t first, int64_t second, NumericDateOrder order) {
  if (first > 12 && second <= 12) return {first, second};
  if (second > 12 && first <= 12) return {second, first};
  if (order == NumericDateOrder::kMonthDay) return {second, first};
  return {first, second};
}

}  // namespace newsflow
