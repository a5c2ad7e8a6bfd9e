#include "stages/clean/html/body_assembly.h"

#include <string_view>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/time/printed_date.h"
#include "stages/clean/html/tags.h"

namespace newsflow::html {
namespace {

using text::AsciiLower;

bool EndsSentence(std::string_view t) {
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '"' || t.back() == '\'' || t.back() == ')')) {
    t.remove_suffix(1);
  }
  if (t.empty()) return false;
  char c = t.back();
  if (c == '.' || c == '!' || c == '?' || c == ':') return true;
  // UTF-8 closing quotes / ellipsis / ideographic full stop
  return t.size() >= 3 && static_cast<unsigned char>(t[t.size() - 3]) >= 0xE2;
}

constexpr int kMaxTrailingLabels = 2;
constexpr int kMaxTrailingPromos = 3;

// Sign-off promotions: "Subscribe to our newsletter", "Follow him on Twitter", "Amy may be
// reached at ...".
bool IsPromo(std::string_view t) {
  if (t.size() > 300) return false;
  std::string low = AsciiLower(t);
  static const auto& kPromo = phrases::List("html.promo");
  for (const std::string& p : kPromo) {
    if (low.find(p) != std::string::npos) return true;
  }
  return false;
}

// "1 of 6", "1 - 5 of 36", "3/12": slideshow and pager counters.
bool IsCounter(std::string_view t) {
  if (t.empty() || t.size() > 24) return false;
  bool digit = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == 'o' && i + 1 < t.size() && t[i + 1] == 'f') {
      ++i;
    } else if (c != ' ' && c != '-' && c != '/') {
      return false;
    }
  }
  return digit && t.find_first_of(" /-") != std::string_view::npos;
}

bool IsChromeText(std::string_view t) {
  if (IsCounter(t)) return true;
  static const auto& kChromeLines = phrases::List("html.chrome_lines");
  if (t.size() > 40) return false;
  std::string low = AsciiLower(t);
  while (!low.empty() && (low.back() == '.' || low.back() == ':' || low.back() == ' '))
    low.pop_back();
  for (const std::string& p : kChromeLines) {
    if (low == p) return true;
  }
  return false;
}

// Words as runs between ' ' bytes. Not text::CountWords, on purpose: that one also splits at
// tabs (block text has none: whitespace is collapsed) and counts a CJK run as one word per two
// characters, which would turn short CJK labels and datelines (1 word here) into long lines;
// the thresholds below (5 and 12 words) were tuned with this count.
int CountSpaceSeparatedWords(std::string_view t) {
  int words = 0;
  bool in_word = false;
  for (char c : t) {
    bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// `t` starts with lower-case `word` (ASCII case ignored), followed by a non-alphanumeric byte
// or nothing.
bool StartsWithWordCi(std::string_view t, std::string_view word) {
  return text::StartsWithIgnoreAsciiCase(t, word) &&
         (t.size() == word.size() || !text::IsAsciiAlnum(t[word.size()]));
}

// "© Amazon", "Copyright @ 2019 The New Arab.", "..., photos © Inexhibit, 2018": photo credits
// and copyright lines.
bool IsCredit(std::string_view t) {
  if (t.size() > 160) return false;
  return t.find("\xC2\xA9") != std::string_view::npos || StartsWithWordCi(t, "copyright");
}

// "Updated 1:39 am EST, Wednesday, November 20, 2019", "Published Nov. 18th 2019 8:54 am PT",
// "Posted on March 30, 2015 by Admin": a byline or timestamp line, not article text.
bool IsDateline(const Block& b, const Elem& owner) {
  if (owner.flags & kInQuote) return false;
  // Quotes are excluded: an embedded post ends with "- Name (@handle) November 18, 2019".
  if (b.kind == BlockKind::kCell || b.kind == BlockKind::kQuote || b.text.size() > 120 ||
      CountSpaceSeparatedWords(b.text) > 12) {
    return false;
  }
  std::string_view t = b.text;
  while (!t.empty() && (t.front() == '-' || t.front() == ' ' || t.front() == '|')) {
    t.remove_prefix(1);
  }
  static const auto& kDatelineStarts = phrases::List("html.dateline_starts");
  for (const std::string& w : kDatelineStarts) {
    if (StartsWithWordCi(t, w)) return true;
  }
  std::string_view found;
  if (!FindPrintedDateMs(t, &found)) return false;
  // The date must be most of the line (plus a name or a clock time), not a mention in a sentence.
  return found.size() * 2 >= t.size() || !EndsSentence(t);
}

// A short line without sentence punctuation: a section label such as "More:" or "Related".
bool IsLabel(std::string_view t) {
  if (t.size() > 40 || CountSpaceSeparatedWords(t) > 5) return false;
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  bool ellipsis = (t.size() >= 3 && t.substr(t.size() - 3) == "...") ||
                  (t.size() >= 3 && t.substr(t.size() - 3) == "\xE2\x80\xA6");
  return t.empty() || t.back() == ':' || ellipsis || !EndsSentence(t);
}

}  // namespace

std::string BuildBody(const PageModel& m, const std::vector<char>& selected_root,
                      const HtmlExtractorOptions& options, HintUse hints) {
  // in_region[e]: e is inside a selected element. boiler_inside[e]: e is inside chrome that
  // itself lies inside the region (chrome wrapping the whole region does not count).
  std::vector<char> in_region(m.elems.size(), 0);
  std::vector<char> boiler(m.elems.size(), 0);
  for (size_t i = 1; i < m.elems.size(); ++i) {
    const Elem& e = m.elems[i];
    bool parent_in = in_region[e.parent];
    in_region[i] = selected_root[i] || parent_in;
    boiler[i] = boiler[e.parent];
    if (parent_in && hints == HintUse::kUseClassHints && (e.flags & kOwnBoiler)) boiler[i] = 1;
    if (parent_in && hints == HintUse::kUseClassHints && IsBoilerplateTag(e.tag)) boiler[i] = 1;
    if (parent_in && (e.flags & kCaption) && !(m.elems[e.parent].flags & kCaption)) boiler[i] = 1;
    if (parent_in && (e.flags & kComments) && !(m.elems[e.parent].flags & kComments)) boiler[i] = 1;
  }
  // Decide block by block; a short label right before a dropped link list ("More:", "Don't
  // miss") goes with the list.
  std::vector<const Block*> kept;
  bool prev_label_candidate = false;
  // A linked heading ("<h3><a>Product name</a></h3>") is the article's own subheading when real
  // paragraphs follow it, and a teaser title when more links follow: decided by the next block.
  const Block* linked_heading = nullptr;
  for (const Block& b : m.blocks) {
    if (!in_region[b.elem] || boiler[b.elem]) continue;
    if (b.kind == BlockKind::kCaption) continue;
    double ld = b.text.empty() ? 0 : static_cast<double>(b.link_chars) / b.text.size();
    int own_chars = static_cast<int>(b.text.size()) - b.link_chars;
    if (ld > options.max_block_link_density && own_chars < options.keep_block_own_bytes) {
      if (prev_label_candidate && b.kind == BlockKind::kListItem && !kept.empty()) {
        kept.pop_back();
      }
      prev_label_candidate = false;
      linked_heading = b.kind == BlockKind::kHeading && b.heading_level > 1 ? &b : nullptr;
      continue;
    }
    if (b.kind == BlockKind::kHeading && b.heading_level == 1) continue;
    if (IsChromeText(b.text) || IsDateline(b, m.elems[b.elem]) || IsCredit(b.text)) continue;
    if (linked_heading != nullptr && b.kind != BlockKind::kHeading &&
        CountChars(b.text) >= options.min_scoring_block_chars * 3) {
      kept.push_back(linked_heading);
    }
    linked_heading = nullptr;
    kept.push_back(&b);
    prev_label_candidate = IsLabel(b.text);
  }
  // Labels left dangling at the end ("You may also like...", "Related news", "Tags:") belong
  // to the chrome that followed them.
  for (int i = 0; i < kMaxTrailingLabels && !kept.empty() &&
                  kept.back()->kind != BlockKind::kListItem && IsLabel(kept.back()->text);
       ++i) {
    kept.pop_back();
  }
  // Sign-off promotions at the very end ("Subscribe to our newsletter", "Follow him on
  // Twitter", "may be reached at ...") are the site's, not the story's.
  for (int i = 0; i < kMaxTrailingPromos && !kept.empty() && IsPromo(kept.back()->text); ++i) {
    kept.pop_back();
  }
  std::string body;
  for (const Block* b : kept) {
    if (!body.empty()) body.push_back('\n');
    body += b->text;
  }
  return body;
}

}  // namespace newsflow::html
