#include "stages/clean/html/block_scoring.h"

#include <myhtml/api.h>

#include <algorithm>
#include <string_view>

#include "stages/clean/html/tags.h"

namespace newsflow::html {
namespace {

int CountCommas(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    // U+FF0C fullwidth comma, U+3001 ideographic comma
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
        static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) == 0x8C) {
      ++n;
    }
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE3 &&
        static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x81) {
      ++n;
    }
  }
  return n;
}

bool Excluded(const Elem& e, HintUse hints) {
  if (hints == HintUse::kUseClassHints) return (e.flags & kNoVote) != 0;
  return (e.flags & kComments) != 0;
}

bool ScoringKind(BlockKind k) {
  return k == BlockKind::kParagraph || k == BlockKind::kText || k == BlockKind::kPre ||
         k == BlockKind::kCell || k == BlockKind::kQuote || k == BlockKind::kListItem;
}

// A paragraph of article prose: long enough to vote, mostly its own (unlinked) text.
bool IsProse(const Block& b, const Elem& owner, const HtmlExtractorOptions& options) {
  if (!ScoringKind(b.kind) || (owner.flags & kCaption) || b.text.empty()) return false;
  if (b.link_chars * 2 > static_cast<int>(b.text.size())) return false;
  return CountChars(b.text) >= options.min_scoring_block_chars;
}

// Chrome to the region rules: comment threads and nav/aside/footer/header always, what class/id
// hints mark as chrome when they are used.
bool IsChrome(const Elem& e, HintUse hints) {
  if ((e.flags & kComments) || IsBoilerplateTag(e.tag)) return true;
  return hints == HintUse::kUseClassHints && (e.flags & (kOwnBoiler | kNoVote)) != 0;
}

// One section of a sectioned article: a container opened by a subheading (h2-h6) that holds
// real prose (enough of it, link-poor, most of the container's text).
bool IsHeadedSection(const PageModel& m, int idx, const HtmlExtractorOptions& options,
                     HintUse hints) {
  const Elem& e = m.elems[idx];
  if (e.first_block < 0 || IsChrome(e, hints)) return false;
  const Block& first = m.blocks[e.first_block];
  if (first.kind != BlockKind::kHeading || first.heading_level < 2) return false;
  return e.body_chars >= options.section_min_body_chars && e.body_chars * 2 >= e.text_chars &&
         LinkDensity(e) <= options.section_max_link_density;
}

// A child of a sectioned body that belongs to the article: not chrome, not a link list
// (comments, related links beside the sections).
bool KeptBesideSections(const Elem& e, const HtmlExtractorOptions& options, HintUse hints) {
  return !IsChrome(e, hints) && LinkDensity(e) <= options.max_block_link_density;
}

// The prose of `parent`'s children that are headed sections, and how many they are.
struct SectionsProse {
  int count = 0;
  int body_chars = 0;
  int kept_chars = 0;  // text of the children kept beside the sections, sections included
};

SectionsProse HeadedSections(const PageModel& m, int parent, const HtmlExtractorOptions& options,
                             HintUse hints) {
  SectionsProse out;
  for (int c = m.elems[parent].first_child; c >= 0; c = m.elems[c].next_sibling) {
    if (KeptBesideSections(m.elems[c], options, hints)) out.kept_chars += m.elems[c].text_chars;
    if (!IsHeadedSection(m, c, options, hints)) continue;
    ++out.count;
    out.body_chars += m.elems[c].body_chars;
  }
  return out;
}

// The highest ancestor of `top` (at most section_climb_levels up, never past an articleBody
// element) whose children include the headed section `top` lies in and more like it, when that
// section holds at most section_max_share of their prose: the article's whole sectioned body.
// `top` itself when there is none.
int ClimbHeadedSections(const PageModel& m, int top, const HtmlExtractorOptions& options,
                        HintUse hints) {
  int climbed = top;
  int a = top;
  for (int level = 0; level < options.section_climb_levels; ++level) {
    int p = m.elems[a].parent;
    if ((m.elems[a].flags & kArticleBody) || p <= 0 || m.elems[p].tag == MyHTML_TAG_BODY ||
        IsChrome(m.elems[p], hints)) {
      break;
    }
    if (IsHeadedSection(m, a, options, hints)) {
      SectionsProse sections = HeadedSections(m, p, options, hints);
      // The parent is the article when most of its text is kept, not a page-wide wrapper
      // around chrome.
      if (sections.count >= 2 && sections.kept_chars * 2 >= m.elems[p].text_chars &&
          m.elems[a].body_chars <= options.section_max_share * sections.body_chars) {
        climbed = p;
      }
    }
    a = p;
  }
  return climbed;
}

}  // namespace

void ComputeTotals(PageModel* m, const HtmlExtractorOptions& options) {
  for (size_t i = 0; i < m->blocks.size(); ++i) {
    Block& b = m->blocks[i];
    Elem& e = m->elems[b.elem];
    e.text_chars += static_cast<int>(b.text.size());
    e.link_chars += b.link_chars;
    if (e.first_block < 0) e.first_block = static_cast<int>(i);
    b.commas = CountCommas(b.text);
    if (IsProse(b, e, options)) e.body_chars += static_cast<int>(b.text.size()) - b.link_chars;
  }
  // Children always come after their parent: one reverse pass sums subtrees.
  for (size_t i = m->elems.size(); i-- > 1;) {
    Elem& e = m->elems[i];
    Elem& p = m->elems[e.parent];
    p.text_chars += e.text_chars;
    p.link_chars += e.link_chars;
    p.body_chars += e.body_chars;
    if (e.first_block >= 0 && (p.first_block < 0 || e.first_block < p.first_block)) {
      p.first_block = e.first_block;
    }
  }
}

int ChooseTop(PageModel* m, const HtmlExtractorOptions& options, HintUse hints) {
  for (Elem& e : m->elems) {
    e.score = 0;
    e.scored = false;
  }
  auto init = [&](int idx) {
    Elem& e = m->elems[idx];
    if (!e.scored) {
      e.scored = true;
      e.score = TagWeight(e.tag) + (hints == HintUse::kUseClassHints ? e.class_weight : 0);
    }
  };
  for (const Block& b : m->blocks) {
    const Elem& owner = m->elems[b.elem];
    if (!ScoringKind(b.kind) || Excluded(owner, hints) || (owner.flags & kCaption)) continue;
    int chars = CountChars(b.text);
    if (chars < options.min_scoring_block_chars) continue;
    double ld = b.text.empty() ? 0 : static_cast<double>(b.link_chars) / b.text.size();
    double score = (1 + b.commas + std::min(chars / 100, 3)) * (1 - ld);
    // The block's own element counts as a paragraph: votes go to its ancestors.
    int anc = b.kind == BlockKind::kText ? b.elem : owner.parent;
    for (int level = 0; anc > 0 && level < 5; ++level) {
      init(anc);
      double div = level == 0 ? 1 : (level == 1 ? 2 : level * 3);
      m->elems[anc].score += score / div;
      anc = m->elems[anc].parent;
    }
  }
  int top = -1;
  double best = 0;
  for (size_t i = 1; i < m->elems.size(); ++i) {
    Elem& e = m->elems[i];
    if (!e.scored) continue;
    e.score *= (1 - LinkDensity(e));
    if (e.score > best) {
      best = e.score;
      top = static_cast<int>(i);
    }
  }
  return top;
}

// Marks the elements whose blocks form the article: the top candidate plus siblings that look
// like its continuation (readability's sibling rule).
std::vector<char> SelectRegion(const PageModel& m, int top, const HtmlExtractorOptions& options,
                               HintUse hints) {
  std::vector<char> selected(m.elems.size(), 0);
  const double top_score = m.elems[top].score;
  // A candidate that is its parent's only child stands for the parent: its siblings one level
  // up are where the rest of a sectioned article lives.
  while (true) {
    int p = m.elems[top].parent;
    if (p <= 0 || m.elems[p].tag == MyHTML_TAG_BODY || m.elems[p].first_child != top ||
        m.elems[top].next_sibling >= 0) {
      break;
    }
    top = p;
  }
  int sections = ClimbHeadedSections(m, top, options, hints);
  if (sections != top) {
    top = sections;
    for (int c = m.elems[top].first_child; c >= 0; c = m.elems[c].next_sibling) {
      selected[c] = KeptBesideSections(m.elems[c], options, hints);
    }
  } else {
    selected[top] = 1;
  }
  const Elem& t = m.elems[top];
  if (t.parent <= 0) return selected;
  double threshold = std::max(10.0, top_score * 0.2);
  for (int s = m.elems[t.parent].first_child; s >= 0; s = m.elems[s].next_sibling) {
    if (s == top) continue;
    const Elem& e = m.elems[s];
    if (e.flags & kOwnBoiler) continue;
    // Readability's rule: siblings styled like the candidate get a bonus.
    bool same_class = t.class_hash != 0 && e.class_hash == t.class_hash;
    double bonus = same_class ? top_score * 0.2 : 0;
    if (e.scored && e.score + bonus >= threshold) {
      selected[s] = 1;
      continue;
    }
    // A section styled like the candidate whose paragraphs sit too deep to have voted for it.
    if (same_class && e.text_chars > 500 && LinkDensity(e) < 0.25) {
      selected[s] = 1;
      continue;
    }
    if (e.tag == MyHTML_TAG_P && e.text_chars > 0) {
      double ld = LinkDensity(e);
      if ((e.text_chars > 80 && ld < 0.25)) selected[s] = 1;
    }
  }
  return selected;
}

}  // namespace newsflow::html
