// UrlCanonicalizer: one spelling per article URL, so that the same article reached through a
// tracking link, another port spelling or a fragment is recognised as the same.
//
// Canonical form: scheme and host lower-case; user-info, default ports (:80, :443), a trailing
// dot in the host and the fragment removed; "http" spelled "https" and a leading "www."
// dropped unless the options say otherwise; an empty path becomes "/"; percent-escapes use
// upper-case hex; query parameters whose names are in the tracking list (case-insensitive;
// a name ending in '*' is a prefix, as "utm_*") and empty parameters are dropped, the others
// sorted (stable on the whole "name=value"), and "?" removed when nothing is left.
//
// Only absolute URLs with a scheme and a valid host are canonicalised; anything else (relative
// URLs, "file:" URLs without host, spaces or control characters inside, junk) gives "" so
// callers fall back to other identities. Canonicalize(Canonicalize(u)) == Canonicalize(u). Never
// fails otherwise; pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsflow::dedup {

enum class SchemePolicy { kKeep, kHttpAsHttps };
enum class WwwPolicy { kKeep, kStrip };

struct UrlCanonicalizerOptions {
  // Query parameters that only say how a reader arrived (campaigns, click ids).
  std::vector<std::string> tracking_params = DefaultTrackingParams();
  SchemePolicy scheme = SchemePolicy::kHttpAsHttps;
  WwwPolicy www = WwwPolicy::kStrip;

  static std::vector<std::string> DefaultTrackingParams();
};

class UrlCanonicalizer {
 public:
  explicit UrlCanonicalizer(UrlCanonicalizerOptions options = {});

  // The canonical form of `url`, or "" when it is not an absolute URL with a host.
  std::string Canonicalize(std::string_view url) const;

 private:
  bool IsTracking(std::string_view name) const;
  // "?a=1&b=2" without tracking parameters, sorted, escapes normalised ("" if none is left).
  std::string CanonicalQuery(std::string_view query) const;

  UrlCanonicalizerOptions options_;
  std::vector<std::string> exact_;     // lower-case tracking names
  std::vector<std::string> prefixes_;  // lower-case tracking prefixes ("utm_")
};

}  // namespace newsflow::dedup
