// ArticleId: the identity of an article, 16 bytes (a 128-bit XXH3 digest, most significant
// byte first). Inside the process and in the dedup index it is bytes; it is spelled as 32
// lower-case hex digits only at the edges: event fields (`article_id`, `duplicate_of`), the
// JSON output, the "articles" / "url_index" namespaces (keyed and valued by the event's id),
// `newsflowctl inspect` and logs.
//
// Assigned by one stage, dedup (stages/dedup/dedup_stage.h): it knows the canonical URL in
// its identity form and links a copy or an update to the id of the earlier article. Stages
// before it leave Article::article_id unset; stages after it only read it.
//
// A value type: cheap to copy (17 bytes), thread-compatible.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsflow {

class ArticleId {
 public:
  static constexpr size_t kBytes = 16;

  // An unset id: empty() is true, bytes() and Hex() are "".
  ArticleId() = default;

  // The id of an article from its canonical URL when it has a usable one (non-empty), else
  // from its page URL and position on the page: XXH3-128 of "u|" + canonical_url, or of
  // "p|" + page_url + "#" + position.
  static ArticleId For(std::string_view canonical_url, std::string_view page_url,
                       uint32_t position);

  // XXH3-128 of `data` (an id derived from other text, e.g. to tell two stories apart).
  static ArticleId OfText(std::string_view data);

  // The id whose bytes are `bytes`; nullopt unless exactly kBytes long.
  static std::optional<ArticleId> FromBytes(std::string_view bytes);

  // The id spelled by 32 hex digits (either case); nullopt for anything else.
  static std::optional<ArticleId> FromHex(std::string_view hex);

  bool empty() const { return !set_; }
  // The 16 bytes ("" when unset). Valid while this object lives.
  std::string_view bytes() const {
    return set_ ? std::string_view(bytes_.data(), kBytes) : std::string_view();
  }
  // 32 lower-case hex digits ("" when unset).
  std::string Hex() const;

  friend bool operator==(const ArticleId& a, const ArticleId& b) {
    return a.set_ == b.set_ && a.bytes_ == b.bytes_;
  }
  friend bool operator!=(const ArticleId& a, const ArticleId& b) { return !(a == b); }

 private:
  std::array<char, kBytes> bytes_{};
  bool set_ = false;
};

// Lower-case hex of any bytes (two digits per byte).
std::string HexOfBytes(std::string_view bytes);

}  // namespace newsflow
