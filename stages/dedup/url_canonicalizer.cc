#include "stages/dedup/url_canonicalizer.h"

#include <algorithm>
#include <cctype>

#include "common/text/ascii.h"
#include "common/text/trim.h"

namespace newsflow::dedup {
namespace {

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Upper-cases the hex digits of percent-escapes; leaves everything else as is.
std::string NormaliseEscapes(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i + 2 < out.size(); ++i) {
    if (out[i] == '%' && IsHex(out[i + 1]) && IsHex(out[i + 2])) {
      out[i + 1] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i + 1])));
      out[i + 2] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i + 2])));
      i += 2;
    }
  }
  return out;
}

// Host names: letters, digits, '-', '.', '_', '~', escapes and non-ASCII (IDN in UTF-8), or
// a bracketed IPv6 literal.
bool IsHost(std::string_view h) {
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') {
    for (char c : h.substr(1, h.size() - 2)) {
      if (!IsHex(c) && c != ':' && c != '.') return false;
    }
    return true;
  }
  for (char c : h) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u) && c != '-' && c != '.' && c != '_' && c != '~' && c != '%') {
      return false;
    }
  }
  return true;
}

// Host and port of an authority without user info (IPv6 literals keep their brackets).
void SplitHostPort(std::string_view authority, std::string_view* host, std::string_view* port) {
  *host = authority;
  *port = {};
  const size_t bracket = authority.rfind(']');
  const size_t port_colon = authority.rfind(':');
  if (port_colon != std::string_view::npos &&
      (bracket == std::string_view::npos || port_colon > bracket)) {
    *host = authority.substr(0, port_colon);
    *port = authority.substr(port_colon + 1);
  }
}

}  // namespace

std::vector<std::string> UrlCanonicalizerOptions::DefaultTrackingParams() {
  return {"utm_*",      "fbclid",      "gclid",      "gclsrc",      "dclid",       "msclkid",
          "twclid",     "yclid",       "igshid",     "mc_cid",      "mc_eid",      "_ga",
          "_gl",        "_hsenc",      "_hsmi",      "mkt_tok",     "li_fat_id",   "ref_src",
          "ref_url",    "cmpid",       "ocid",       "smid",        "s_cid",       "wt.mc_id",
          "wt_mc_id",   "ns_mchannel", "ns_source",  "ns_campaign", "ns_linkname", "ns_fee",
          "at_medium",  "at_campaign", "at_custom*", "oly_enc_id",  "oly_anon_id", "vero_id",
          "rb_clickid", "spm",         "icid",       "itm_*",       "sr_share"};
}

UrlCanonicalizer::UrlCanonicalizer(UrlCanonicalizerOptions options) : options_(std::move(options)) {
  for (const auto& p : options_.tracking_params) {
    if (p.empty()) continue;
    if (p.back() == '*') {
      prefixes_.push_back(text::AsciiLower(std::string_view(p).substr(0, p.size() - 1)));
    } else {
      exact_.push_back(text::AsciiLower(p));
    }
  }
}

bool UrlCanonicalizer::IsTracking(std::string_view name) const {
  const std::string lower = text::AsciiLower(name);
  if (std::find(exact_.begin(), exact_.end(), lower) != exact_.end()) return true;
  for (const auto& p : prefixes_) {
    if (lower.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

std::string UrlCanonicalizer::CanonicalQuery(std::string_view query) const {
  std::vector<std::string> params;
  size_t start = 0;
  while (start <= query.size() && !query.empty()) {
    size_t amp = query.find('&', start);
    std::string_view param =
        query.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (!param.empty()) {
      std::string_view name = param.substr(0, param.find('='));
      if (!name.empty() && !IsTracking(name)) params.push_back(NormaliseEscapes(param));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  std::stable_sort(params.begin(), params.end());
  std::string out;
  for (size_t i = 0; i < params.size(); ++i) {
    out += i == 0 ? '?' : '&';
    out += params[i];
  }
  return out;
}

std::string UrlCanonicalizer::Canonicalize(std::string_view url) const {
  url = text::Trim(url);
  // Spaces and control characters are not part of any URL: refuse rather than guess.
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return "";
  }
  const size_t colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0) return "";
  std::string scheme = text::AsciiLower(url.substr(0, colon));
  for (char c : scheme) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return "";
  }
  std::string_view rest = url.substr(colon + 3);
  // Drop the fragment first: '#' may not appear elsewhere unescaped.
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view path_query =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  std::string_view host;
  std::string_view port;
  SplitHostPort(authority, &host, &port);
  std::string host_lc = text::AsciiLower(host);
  while (!host_lc.empty() && host_lc.back() == '.') host_lc.pop_back();
  if (host_lc.empty() || !IsHost(host_lc)) return "";
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return "";
  }
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443") || port.empty()) {
    port = {};
  }
  if (options_.scheme == SchemePolicy::kHttpAsHttps && scheme == "http") {
    scheme = "https";
    if (port == "443") port = {};
  }
  // Every leading "www.", so that the result is canonical too ("www.www.x" -> "x").
  while (options_.www == WwwPolicy::kStrip && host_lc.compare(0, 4, "www.") == 0 &&
         host_lc.size() > 4) {
    host_lc.erase(0, 4);
  }

  std::string_view path = path_query;
  std::string_view query;
  if (size_t q = path_query.find('?'); q != std::string_view::npos) {
    path = path_query.substr(0, q);
    query = path_query.substr(q + 1);
  }

  std::string out = scheme;
  out += "://";
  out += host_lc;
  if (!port.empty()) {
    out += ':';
    out += port;
  }
  out += path.empty() ? std::string("/") : NormaliseEscapes(path);

  out += CanonicalQuery(query);
  return out;
}

}  // namespace newsflow::dedup
