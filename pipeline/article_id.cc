#include "pipeline/article_id.h"

#include <cstring>

#include "pipeline/text_hash.h"

namespace newsflow {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

ArticleId ArticleId::For(std::string_view canonical_url, std::string_view page_url,
                         uint32_t position) {
  if (!canonical_url.empty()) return OfText(std::string("u|").append(canonical_url));
  std::string key("p|");
  key.append(page_url).append("#").append(std::to_string(position));
  return OfText(key);
}

ArticleId ArticleId::OfText(std::string_view data) { return *FromBytes(HashBytes128(data)); }

std::optional<ArticleId> ArticleId::FromBytes(std::string_view bytes) {
  if (bytes.size() != kBytes) return std::nullopt;
  ArticleId id;
  std::memcpy(id.bytes_.data(), bytes.data(), kBytes);
  id.set_ = true;
  return id;
}

std::optional<ArticleId> ArticleId::FromHex(std::string_view hex) {
  if (hex.size() != 2 * kBytes) return std::nullopt;
  ArticleId id;
  for (size_t i = 0; i < kBytes; ++i) {
    const int hi = HexDigit(hex[2 * i]);
    const int lo = HexDigit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id.bytes_[i] = static_cast<char>(hi * 16 + lo);
  }
  id.set_ = true;
  return id;
}

std::string ArticleId::Hex() const { return HexOfBytes(bytes()); }

std::string HexOfBytes(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(kDigits[u >> 4]);
    out.push_back(kDigits[u & 15]);
  }
  return out;
}

}  // namespace newsflow
