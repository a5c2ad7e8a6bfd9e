#include "common/time/rfc3339.h"

#include <cstdio>
#include <ctime>

#include "common/text/trim.h"
#include "common/time/civil_time.h"
#include "common/time/date_scan.h"

namespace newsflow {
namespace {

using date_scan::IsAsciiDigit;

constexpr int64_t kMinYear = 1990;
constexpr int64_t kMaxYear = 2100;

// A cursor over the text: each Read advances on success only.
struct Cursor {
  std::string_view s;
  size_t p = 0;

  bool AtEnd() const { return p >= s.size(); }
  bool At(char c) const { return p < s.size() && s[p] == c; }
  bool AtDigit() const { return p < s.size() && IsAsciiDigit(s[p]); }
  bool Skip(char c) {
    if (!At(c)) return false;
    ++p;
    return true;
  }
  bool Digits(size_t n, int64_t* out) {
    if (!date_scan::ReadExactDigits(s, p, n, out)) return false;
    p += n;
    return true;
  }
};

// "yyyy-mm-dd" or "yyyymmdd".
bool ReadDate(Cursor* c, int64_t* y, int64_t* m, int64_t* d) {
  if (!c->Digits(4, y)) return false;
  const bool basic = c->AtDigit();
  if (!basic && !c->Skip('-')) return false;
  if (!c->Digits(2, m)) return false;
  if (!basic && !c->Skip('-')) return false;
  return c->Digits(2, d) && IsValidCivilDate(*y, *m, *d, kMinYear, kMaxYear);
}

// "hh:mm[:ss][.fff]" or "hhmm[ss][.fff]".
bool ReadClock(Cursor* c, int64_t* hh, int64_t* mm, int64_t* ss) {
  if (!c->Digits(2, hh)) return false;
  c->Skip(':');
  if (!c->Digits(2, mm)) return false;
  if (c->At(':') || c->AtDigit()) {
    c->Skip(':');
    if (!c->Digits(2, ss)) return false;
    if (c->Skip('.') || c->Skip(',')) {
      if (!c->AtDigit()) return false;
      while (c->AtDigit()) ++c->p;
    }
  }
  if (*hh == 24) return *mm == 0 && *ss == 0;
  return *hh <= 23 && *mm <= 59 && *ss <= 60;
}

// 'Z', "+hh", "+hhmm", "+hh:mm" or nothing; minutes east of UTC into `*offset`.
bool ReadZone(Cursor* c, int64_t* offset) {
  if (c->Skip('Z') || c->Skip('z')) return true;
  if (!c->At('+') && !c->At('-')) return true;
  const int sign = c->s[c->p] == '-' ? -1 : 1;
  ++c->p;
  int64_t oh = 0, om = 0;
  if (!c->Digits(2, &oh)) return false;
  c->Skip(':');
  if (c->AtDigit() && !c->Digits(2, &om)) return false;
  if (oh > 14 || om > 59) return false;
  *offset = sign * (oh * 60 + om);
  return true;
}

}  // namespace

std::optional<int64_t> ParseIso8601Ms(std::string_view text) {
  Cursor c{text::Trim(text)};
  int64_t y = 0, m = 0, d = 0;
  if (!ReadDate(&c, &y, &m, &d)) return std::nullopt;
  int64_t hh = 0, mm = 0, ss = 0, offset = 0;
  if (c.Skip('T') || c.Skip('t') || c.Skip(' ')) {
    if (!ReadClock(&c, &hh, &mm, &ss) || !ReadZone(&c, &offset)) return std::nullopt;
  }
  if (!c.AtEnd()) return std::nullopt;
  return CivilToEpochMs(y, static_cast<unsigned>(m), static_cast<unsigned>(d), hh, mm, ss, offset);
}

std::string FormatRfc3339(int64_t epoch_ms) {
  if (epoch_ms <= 0) return "";
  std::time_t secs = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace newsflow
