#include "stages/decode/page_decoder.h"

#include <uchardet/uchardet.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include "common/text/ascii.h"
#include "common/text/utf8.h"
#include "pipeline/text_hash.h"

namespace newsflow {
namespace {

// Finds the value after "charset=" in `s` (case-insensitive), trimmed of quotes.
std::string CharsetAfterKey(std::string_view s) {
  std::string lower = text::AsciiLower(s);
  size_t pos = lower.find("charset");
  if (pos == std::string::npos) return "";
  pos += 7;
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '=' || s[pos] == '"' || s[pos] == '\'')) {
    ++pos;
  }
  size_t end = pos;
  while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' ||
                            s[end] == '_' || s[end] == '.' || s[end] == ':')) {
    ++end;
  }
  return std::string(s.substr(pos, end - pos));
}

std::string BomCharset(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xEF\xBB\xBF") return "UTF-8";
  if (b.size() >= 2 && b.substr(0, 2) == "\xFF\xFE") return "UTF-16LE";
  if (b.size() >= 2 && b.substr(0, 2) == "\xFE\xFF") return "UTF-16BE";
  return "";
}

std::string MetaCharset(std::string_view bytes) {
  std::string head = text::AsciiLower(bytes.substr(0, 4096));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    std::string tag = head.substr(pos, end - pos);
    std::string cs = CharsetAfterKey(tag);
    if (!cs.empty()) return cs;
    pos = end;
  }
  return "";
}

std::string Detect(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  uchardet_handle_data(ud, bytes.data(), std::min<size_t>(bytes.size(), 64 * 1024));
  uchardet_data_end(ud);
  std::string cs = uchardet_get_charset(ud);
  uchardet_delete(ud);
  return cs;
}

// Converts with ICU; invalid sequences become U+FFFD. Returns false if ICU does not know
// the charset.
bool Convert(std::string_view bytes, const std::string& charset, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &err);
  if (U_FAILURE(err)) return false;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv, err);
  ucnv_close(conv);
  if (U_FAILURE(err)) return false;
  out->clear();
  u.toUTF8String(*out);
  return true;
}

// Replaces invalid UTF-8 with U+FFFD via ICU's UTF-8 converter.
std::string RepairUtf8(std::string_view bytes) {
  std::string out;
  Convert(bytes, "UTF-8", &out);
  return out;
}

bool LooksLikeHtml(std::string_view body) {
  size_t i = 0;
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
  std::string head = text::AsciiLower(body.substr(i, 1024));
  if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 ||
      head.rfind("<?xml", 0) == 0 || head.rfind("<head", 0) == 0 || head.rfind("<body", 0) == 0) {
    return true;
  }
  // Markup density: many tags in the first KiB.
  int tags = 0;
  for (size_t p = 0; p + 1 < head.size(); ++p) {
    if (head[p] == '<' && (std::isalpha(static_cast<unsigned char>(head[p + 1])) ||
                           head[p + 1] == '/' || head[p + 1] == '!')) {
      ++tags;
    }
  }
  return tags >= 8;
}

// What the Content-Type says the body is, when it says.
std::optional<ContentKind> KindFromContentType(std::string_view content_type) {
  if (content_type.find("html") != std::string_view::npos) return ContentKind::kHtml;
  if (content_type.rfind("text/plain", 0) == 0) return ContentKind::kText;
  return std::nullopt;
}

double ControlRatio(std::string_view s) {
  if (s.empty()) return 0;
  size_t bad = 0;
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++bad;
  }
  return static_cast<double>(bad) / static_cast<double>(s.size());
}

// Characters in `s` (UTF-8) and how many of them are U+FFFD.
std::pair<size_t, size_t> CountReplacements(std::string_view s) {
  size_t chars = 0, replaced = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) ++chars;
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        static_cast<unsigned char>(s[i + 2]) == 0xBD) {
      ++replaced;
    }
  }
  return {chars, replaced};
}

void NormaliseNewlinesAndNfc(std::string* text) {
  // CRLF / CR -> LF, in place (the text only shrinks), when there is a CR at all.
  std::string out = std::move(*text);
  if (out.find('\r') != std::string::npos) {
    size_t w = 0;
    for (size_t r = 0; r < out.size(); ++r) {
      const char c = out[r];
      if (c == '\r') {
        out[w++] = '\n';
        if (r + 1 < out.size() && out[r + 1] == '\n') ++r;
      } else {
        out[w++] = c;
      }
    }
    out.resize(w);
  }
  // Code points below U+0300 (lead bytes below 0xCC) are never changed by NFC: a page
  // without any larger byte is NFC already.
  const bool may_need_nfc = std::any_of(
      out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xCC; });
  if (!may_need_nfc) {
    *text = std::move(out);
    return;
  }
  // NFC, straight on UTF-8 (no UTF-16 round trip): most pages are already NFC, and the
  // quick check settles that in one pass.
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_SUCCESS(err) && !nfc->isNormalizedUTF8(out, err) && U_SUCCESS(err)) {
    std::string normalised;
    normalised.reserve(out.size());
    icu::StringByteSink<std::string> sink(&normalised, static_cast<int32_t>(out.size()));
    nfc->normalizeUTF8(0, out, sink, nullptr, err);
    if (U_SUCCESS(err)) out = std::move(normalised);
  }
  *text = std::move(out);
}

}  // namespace

std::string CharsetFromContentType(std::string_view content_type) {
  return CharsetAfterKey(content_type);
}

std::string HostOfUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string s = text::AsciiLower(url.substr(0, scheme));
  if (s != "http" && s != "https") return "";
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, end);
  if (size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
  if (size_t colon = host.rfind(':');
      colon != std::string_view::npos && host.find(']') == std::string_view::npos) {
    host = host.substr(0, colon);
  }
  std::string h = text::AsciiLower(host);
  if (h.rfind("www.", 0) == 0) h = h.substr(4);
  return h;
}

std::string DecodeToUtf8(std::string_view bytes, std::string_view declared,
                         std::string* charset_used) {
  std::string out;
  std::string bom = BomCharset(bytes);
  std::vector<std::string> candidates;
  if (!bom.empty()) {
    candidates.push_back(bom);
  } else if (!declared.empty()) {
    candidates.emplace_back(declared);
  }
  if (candidates.empty() || text::AsciiLower(candidates[0]) == "utf-8" ||
      text::AsciiLower(candidates[0]) == "utf8") {
    // Declared UTF-8 (or nothing declared): trust valid UTF-8 as is.
    std::string_view body = bytes;
    if (bom == "UTF-8") body = body.substr(3);
    if (text::IsValidUtf8(body)) {
      *charset_used = "UTF-8";
      return std::string(body);
    }
    if (!candidates.empty()) {  // declared UTF-8 with a few bad bytes: repair, don't guess
      *charset_used = "UTF-8";
      return RepairUtf8(body);
    }
    candidates.clear();
    candidates.push_back(Detect(bytes));
  }
  for (const auto& cs : candidates) {
    if (cs.empty()) continue;
    // Web content labelled ISO-8859-1 / ASCII is windows-1252 in practice (WHATWG encoding).
    std::string use = text::AsciiLower(cs);
    if (use == "iso-8859-1" || use == "latin1" || use == "us-ascii" || use == "ascii") {
      use = "windows-1252";
    }
    if (Convert(bytes, use, &out)) {
      *charset_used = use;
      if (use.rfind("utf-16", 0) == 0 && out.rfind("\xEF\xBB\xBF", 0) == 0) out.erase(0, 3);
      return out;
    }
  }
  *charset_used = "UTF-8";
  return RepairUtf8(bytes);
}

StatusOr<Page> PageDecoder::Decode(const v1::RawPage& raw, int64_t now_ms) const {
  // body_text is the page as text for producers that cannot send bytes (raw_page.proto).
  const std::string& body = raw.body().empty() ? raw.body_text() : raw.body();
  if (body.empty()) return Status::InvalidArgument("empty body");
  if (body.size() > options_.max_page_bytes) {
    return Status::TooLarge("body of " + std::to_string(body.size()) +
                            " bytes exceeds max_page_bytes " +
                            std::to_string(options_.max_page_bytes));
  }
  Page page;
  page.url = raw.url();
  page.site = HostOfUrl(raw.url());
  page.fetched_at_ms = raw.fetched_at_ms() > 0 ? raw.fetched_at_ms() : now_ms;

  std::string content_type = text::AsciiLower(raw.content_type());
  if (content_type.empty()) {
    if (auto it = raw.headers().find("content-type"); it != raw.headers().end()) {
      content_type = text::AsciiLower(it->second);
    }
  }
  const std::optional<ContentKind> declared_kind = KindFromContentType(content_type);
  std::string declared = CharsetFromContentType(content_type);
  // <meta charset> is looked for in what looks like HTML before decoding (ASCII-compatible
  // charsets); a byte-order mark outranks it anyway.
  if (declared.empty() &&
      declared_kind.value_or(LooksLikeHtml(body) ? ContentKind::kHtml : ContentKind::kText) ==
          ContentKind::kHtml) {
    declared = MetaCharset(body);
  }
  page.text = DecodeToUtf8(body, declared, &page.charset);
  // Sniffed on the decoded text: UTF-16 markup is not ASCII bytes.
  page.kind =
      declared_kind.value_or(LooksLikeHtml(page.text) ? ContentKind::kHtml : ContentKind::kText);
  if (ControlRatio(page.text) > options_.max_control_ratio) {
    return Status::InvalidArgument("binary content (control bytes in body, charset " +
                                   page.charset + ")");
  }
  if (page.text.find("\xEF\xBF\xBD") != std::string::npos) {
    const auto [chars, replaced] = CountReplacements(page.text);
    if (replaced > 8 && replaced > options_.max_replacement_ratio * static_cast<double>(chars)) {
      return Status::InvalidArgument("undecodable: " + std::to_string(replaced) + " of " +
                                     std::to_string(chars) + " characters invalid in charset " +
                                     page.charset);
    }
  }
  NormaliseNewlinesAndNfc(&page.text);
  if (page.text.find_first_not_of(" \t\n\f") == std::string::npos) {
    return Status::InvalidArgument("blank body");
  }
  page.content_hash = HashHex128(page.text);
  return page;
}

}  // namespace newsflow
