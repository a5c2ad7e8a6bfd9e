// The flat page model the HTML extractor works on: the elements and text blocks that one walk
// over the DOM produces (dom_walk.h), scored (block_scoring.h) and assembled into a body
// (body_assembly.h). Internal to stages/clean/html/.
//
// Elements are stored in pre-order: a child always comes after its parent, element 0 is the
// root that everything hangs below. Blocks are in page order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stages/clean/html/metadata.h"

namespace newsflow::html {

enum ElemFlag : uint32_t {
  kOwnBoiler = 1u << 0,    // this element's tag or class/id says: chrome (nav, share bar, comments)
  kNoVote = 1u << 1,       // inherited: inside an element that is surely chrome; text here never
                           // votes for an article container
  kPositive = 1u << 2,     // class/id says: article text
  kArticleBody = 1u << 3,  // itemprop=articleBody and the like
  kCaption = 1u << 4,      // figure / figcaption / caption
  kInQuote = 1u << 5,      // inherited: inside a <blockquote>
  kComments = 1u << 6,     // inherited: inside a reader comment thread (even the hint-free pass
                           // skips these: a long thread under a short story must not win)
};

struct Elem {
  int parent = -1;
  int first_child = -1;
  int last_child = -1;
  int next_sibling = -1;
  int tag = 0;
  uint32_t flags = 0;
  float class_weight = 0;
  int text_chars = 0;  // subtree totals, filled after the walk
  int link_chars = 0;
  int body_chars = 0;    // subtree total of prose: the unlinked bytes of link-poor paragraphs
                         // long enough to vote (block_scoring.h, ComputeTotals)
  int first_block = -1;  // the subtree's first block in page order, -1 when it holds none
  double score = 0;
  bool scored = false;
  uint32_t class_hash = 0;  // of the class attribute, 0 when none
};

enum class BlockKind { kParagraph, kHeading, kListItem, kPre, kQuote, kCell, kCaption, kText };

struct Block {
  int elem = 0;  // innermost block-level element holding the text
  BlockKind kind = BlockKind::kText;
  int heading_level = 0;
  int link_chars = 0;
  int commas = 0;
  std::string text;
};

struct PageModel {
  std::vector<Elem> elems;
  std::vector<Block> blocks;
  RawHtmlMeta meta;
};

// Whether class/id hints take part (the second pass ignores them, comment threads aside).
enum class HintUse { kUseClassHints, kIgnoreClassHints };

// Character count (UTF-8 code points) of a string.
inline int CountChars(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

inline double LinkDensity(const Elem& e) {
  return e.text_chars > 0 ? static_cast<double>(e.link_chars) / e.text_chars : 0.0;
}

}  // namespace newsflow::html
