// PageDecoder: RawPage bytes -> Page (UTF-8, NFC, typed as HTML or visible text, within limits).
//
// Charset, in order of trust: byte-order mark, the HTTP Content-Type charset, <meta charset> /
// http-equiv in the first 4 KiB of an HTML page, else valid UTF-8 as is, else detection
// (uchardet). Conversion is ICU's; invalid byte sequences become U+FFFD, never an error.
// Kind: the Content-Type when it says text/html or text/plain, else sniffed from the start of
// the decoded text (a doctype, <html>, or markup density), so UTF-16 markup is seen as such.
//
// Rejections (Status, the page goes to the dead-letter topic): empty body, body over
// max_page_bytes, binary content (NULs / control bytes after decoding).
//
// Cost: one pass to validate UTF-8, one conversion when needed, NFC check (a quick-check
// pass; normalisation only when the text is not NFC already).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "newsflow/v1/raw_page.pb.h"
#include "pipeline/model.h"
#include "pipeline/status.h"

namespace newsflow {

struct DecodeOptions {
  // Bodies larger than this are rejected (before conversion).
  size_t max_page_bytes = 32u << 20;
  // Share of control bytes (other than \t \n \r \f) above which a body is "binary".
  double max_control_ratio = 0.02;
  // Share of characters that could not be decoded (became U+FFFD) above which a body is
  // rejected as undecodable — garbage or a charset nothing recognised; a few bad bytes in a
  // real page are repaired instead.
  double max_replacement_ratio = 0.1;
};

// Decodes the charset of `bytes` to UTF-8. `declared` is a charset label ("" = unknown).
// Sets *charset_used to the charset it decoded from.
std::string DecodeToUtf8(std::string_view bytes, std::string_view declared,
                         std::string* charset_used);

// Extracts charset=... from a Content-Type value ("" if none).
std::string CharsetFromContentType(std::string_view content_type);

// Lower-case host of an http(s) URL ("" for other schemes or no host).
std::string HostOfUrl(std::string_view url);

class PageDecoder {
 public:
  explicit PageDecoder(DecodeOptions options = {}) : options_(options) {}
  // Decodes one raw page. `now_ms` is used when the page carries no fetch time.
  StatusOr<Page> Decode(const v1::RawPage& raw, int64_t now_ms) const;

 private:
  DecodeOptions options_;
};

}  // namespace newsflow
