// Class/id/role hints: what the words in an element's lower-cased "class id role" say about
// it. The word lists are data (common/phrases/phrases.toml, tables html.*_hints,
// html.strong_negative, html.weak_negative, html.ad_tokens); one scan of an attribute finds
// every word in it. Internal to stages/clean/html/.
//
// Threads: MatchHints is safe from any thread for distinct caches (the word index is built
// once, on first use).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace newsflow::html {

// kHintPopup: hover cards and tooltips, hidden until the pointer is over a name or link and
// often nested inside a paragraph, where block-level chrome rules cannot reach them.
enum HintClass : uint8_t { kHintPositive = 1, kHintStrong = 2, kHintWeak = 4, kHintPopup = 8 };

using HintCache = std::unordered_map<uint32_t, uint8_t>;  // hint string hash -> HintClass bits

// FNV-1a of `s`, never 0 (0 means "no attribute").
inline uint32_t HashBytes(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h == 0 ? 1 : h;
}

// The HintClass bits of `hint` (an ad token counts as strong). Class names repeat within a page
// and across a site's pages: each distinct one is matched once and remembered in `cache`
// (cleared when it reaches 65,536 entries).
uint8_t MatchHints(const std::string& hint, HintCache* cache);

}  // namespace newsflow::html
