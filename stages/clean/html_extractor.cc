#include "stages/clean/html_extractor.h"

#include <myhtml/api.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "stages/clean/html_dates.h"
#include "stages/clean/html_metadata.h"
#include "stages/clean/html_prefilter.h"

namespace newsflow {
namespace {

// ---------------------------------------------------------------------------------------------
// Flat page model built by one walk over the DOM.

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

using HintCache = std::unordered_map<uint32_t, uint8_t>;  // hint string hash -> HintClass bits

struct PageModel {
  std::vector<Elem> elems;
  std::vector<Block> blocks;
  RawHtmlMeta meta;
};

bool IsSkippedTag(int tag) {
  switch (tag) {
    case MyHTML_TAG_SCRIPT:
    case MyHTML_TAG_STYLE:
    case MyHTML_TAG_NOSCRIPT:
    case MyHTML_TAG_TEMPLATE:
    case MyHTML_TAG_SVG:
    case MyHTML_TAG_MATH:
    case MyHTML_TAG_IFRAME:
    case MyHTML_TAG_OBJECT:
    case MyHTML_TAG_EMBED:
    case MyHTML_TAG_CANVAS:
    case MyHTML_TAG_AUDIO:
    case MyHTML_TAG_VIDEO:
    case MyHTML_TAG_SELECT:
    case MyHTML_TAG_BUTTON:
    case MyHTML_TAG_INPUT:
    case MyHTML_TAG_TEXTAREA:
    case MyHTML_TAG_DIALOG:
    case MyHTML_TAG_MENU:
    case MyHTML_TAG_LABEL:
    case MyHTML_TAG__COMMENT:
    case MyHTML_TAG__DOCTYPE:
    case MyHTML_TAG_AREA:
    case MyHTML_TAG_MAP:
    case MyHTML_TAG_IMG:
    case MyHTML_TAG_SOURCE:
    case MyHTML_TAG_TRACK:
    case MyHTML_TAG_DATALIST:
    case MyHTML_TAG_OPTION:
    case MyHTML_TAG_RP:
    case MyHTML_TAG_RT:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(int tag) {
  switch (tag) {
    case MyHTML_TAG_ADDRESS:
    case MyHTML_TAG_ARTICLE:
    case MyHTML_TAG_ASIDE:
    case MyHTML_TAG_BLOCKQUOTE:
    case MyHTML_TAG_BODY:
    case MyHTML_TAG_CAPTION:
    case MyHTML_TAG_CENTER:
    case MyHTML_TAG_DD:
    case MyHTML_TAG_DETAILS:
    case MyHTML_TAG_DIV:
    case MyHTML_TAG_DL:
    case MyHTML_TAG_DT:
    case MyHTML_TAG_FIELDSET:
    case MyHTML_TAG_FIGCAPTION:
    case MyHTML_TAG_FIGURE:
    case MyHTML_TAG_FOOTER:
    case MyHTML_TAG_FORM:
    case MyHTML_TAG_H1:
    case MyHTML_TAG_H2:
    case MyHTML_TAG_H3:
    case MyHTML_TAG_H4:
    case MyHTML_TAG_H5:
    case MyHTML_TAG_H6:
    case MyHTML_TAG_HEADER:
    case MyHTML_TAG_HGROUP:
    case MyHTML_TAG_HR:
    case MyHTML_TAG_HTML:
    case MyHTML_TAG_LI:
    case MyHTML_TAG_MAIN:
    case MyHTML_TAG_NAV:
    case MyHTML_TAG_OL:
    case MyHTML_TAG_P:
    case MyHTML_TAG_PRE:
    case MyHTML_TAG_SECTION:
    case MyHTML_TAG_SUMMARY:
    case MyHTML_TAG_TABLE:
    case MyHTML_TAG_TBODY:
    case MyHTML_TAG_TD:
    case MyHTML_TAG_TFOOT:
    case MyHTML_TAG_TH:
    case MyHTML_TAG_THEAD:
    case MyHTML_TAG_TR:
    case MyHTML_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Tags that are chrome wherever they appear.
bool IsBoilerplateTag(int tag) {
  return tag == MyHTML_TAG_NAV || tag == MyHTML_TAG_ASIDE || tag == MyHTML_TAG_FOOTER ||
         tag == MyHTML_TAG_HEADER;
}

BlockKind KindOf(int tag, int* heading_level) {
  switch (tag) {
    case MyHTML_TAG_P:
      return BlockKind::kParagraph;
    case MyHTML_TAG_H1:
    case MyHTML_TAG_H2:
    case MyHTML_TAG_H3:
    case MyHTML_TAG_H4:
    case MyHTML_TAG_H5:
    case MyHTML_TAG_H6:
      *heading_level = 1 + (tag - MyHTML_TAG_H1);
      return BlockKind::kHeading;
    case MyHTML_TAG_LI:
    case MyHTML_TAG_DD:
    case MyHTML_TAG_DT:
      return BlockKind::kListItem;
    case MyHTML_TAG_PRE:
      return BlockKind::kPre;
    case MyHTML_TAG_BLOCKQUOTE:
      return BlockKind::kQuote;
    case MyHTML_TAG_TD:
    case MyHTML_TAG_TH:
      return BlockKind::kCell;
    case MyHTML_TAG_FIGCAPTION:
    case MyHTML_TAG_CAPTION:
      return BlockKind::kCaption;
    default:
      return BlockKind::kText;
  }
}

// Readability's tag priors.
float TagWeight(int tag) {
  switch (tag) {
    case MyHTML_TAG_DIV:
    case MyHTML_TAG_ARTICLE:
    case MyHTML_TAG_SECTION:
    case MyHTML_TAG_MAIN:
      return 5;
    case MyHTML_TAG_PRE:
    case MyHTML_TAG_TD:
    case MyHTML_TAG_BLOCKQUOTE:
      return 3;
    case MyHTML_TAG_ADDRESS:
    case MyHTML_TAG_OL:
    case MyHTML_TAG_UL:
    case MyHTML_TAG_DL:
    case MyHTML_TAG_DD:
    case MyHTML_TAG_DT:
    case MyHTML_TAG_LI:
    case MyHTML_TAG_FORM:
      return -3;
    case MyHTML_TAG_H1:
    case MyHTML_TAG_H2:
    case MyHTML_TAG_H3:
    case MyHTML_TAG_H4:
    case MyHTML_TAG_H5:
    case MyHTML_TAG_H6:
    case MyHTML_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

// --- class / id hints -------------------------------------------------------------------------

// Chrome even inside an article container.
// Words deliberately absent: "hidden" (field-label-hidden wraps Drupal bodies; the hidden
// attribute and display:none are read directly), "widget" (Elementor and Blogger wrap articles in
// widgets), "paywall" (the article sits inside it), "pager" (matches "PageBuilder-pageRow"),
// "print" (matches "blueprint").
constexpr const char* kStrongNegative[] = {
    "comment",      "related",     "share",      "sharing",         "social",
    "cookie",       "consent",     "gdpr",       "newsletter",      "subscribe",
    "signup",       "sign-up",     "promo",      "sponsor",         "advert",
    "outbrain",     "taboola",     "recommend",  "most-read",       "mostread",
    "most-popular", "mostpopular", "trending",   "read-more",       "readmore",
    "more-stories", "disqus",      "breadcrumb", "pagination",      "popup",
    "modal",        "toolbar",     "tags",       "byline",          "author",
    "caption",      "credit",      "dateline",   "timestamp",       "rating",
    "login",        "skip-link",   "sr-only",    "visually-hidden", "screen-reader",
    "donate",       "banner",      "cta",        "inline-ad",       "footnote-ad"};
// Chrome unless the same attribute also says "article text".
constexpr const char* kWeakNegative[] = {
    "sidebar",      "footer",    "masthead", "menu",   "nav",       "header", "meta",
    "extra",        "aside",     "shoutbox", "combx",  "community", "remark", "rss",
    "supplemental", "secondary", "topbar",   "ticker", "teaser",    "card",   "hidden",
    "print",        "widget",    "paywall",  "pager"};
constexpr const char* kPositiveHints[] = {"article", "content", "entry", "story", "post",
                                          "body",    "main",    "text",  "blog",  "column"};
constexpr const char* kAdTokens[] = {"ad",      "ads",     "adv",          "dfp",
                                     "gpt",     "adslot",  "ad-slot",      "adunit",
                                     "ad-unit", "adsense", "advertisement"};

// kHintPopup: hover cards and tooltips, hidden until the pointer is over a name or link and
// often nested inside a paragraph, where block-level chrome rules cannot reach them.
enum HintClass : uint8_t { kHintPositive = 1, kHintStrong = 2, kHintWeak = 4, kHintPopup = 8 };
// ("rollover" alone often names the wrapper that also holds the visible name, so only its
// card-like parts count.)
constexpr const char* kPopupHints[] = {"tooltip",      "popover",          "hovercard",
                                       "hover-card",   "rollover-block",   "rollover-card",
                                       "rollover-box", "rollover-content", "rollover-panel"};

// All hint words indexed by first byte: one scan of an attribute finds every word in it.
class HintMatcher {
 public:
  HintMatcher() {
    for (const char* w : kPositiveHints) Add(w, kHintPositive);
    for (const char* w : kStrongNegative) Add(w, kHintStrong);
    for (const char* w : kWeakNegative) Add(w, kHintWeak);
    for (const char* w : kPopupHints) Add(w, kHintPopup);
  }
  uint8_t Match(std::string_view s) const {
    uint8_t found = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      for (const auto& [word, cls] : by_first_[static_cast<unsigned char>(s[i])]) {
        if ((found & cls) == 0 && word.size() <= s.size() - i && s[i + 1] == word[1] &&
            std::memcmp(s.data() + i, word.data(), word.size()) == 0) {
          found |= cls;
        }
      }
    }
    return found;
  }

 private:
  void Add(const char* w, uint8_t cls) {
    by_first_[static_cast<unsigned char>(w[0])].emplace_back(std::string_view(w), cls);
  }
  std::vector<std::pair<std::string_view, uint8_t>> by_first_[256];
};

const HintMatcher& Hints() {
  static const HintMatcher* matcher = new HintMatcher();
  return *matcher;
}

// True when one of the [-_ ]-separated tokens of `s` is an ad token.
bool HasAdToken(const std::string& s) {
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find_first_of(" -_", start);
    if (end == std::string::npos) end = s.size();
    std::string_view token(s.data() + start, end - start);
    for (const char* ad : kAdTokens) {
      if (token == ad) return true;
    }
    start = end + 1;
  }
  return false;
}

// --- text accumulation -----------------------------------------------------------------------

bool IsSpaceByte(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

// Appends `text` to `out` collapsing whitespace (incl. U+00A0); `pending_space` carries a space
// across text nodes. Returns the number of bytes appended (for link accounting).
size_t AppendCollapsed(const char* text, size_t len, std::string* out, bool* pending_space) {
  size_t before = out->size();
  size_t i = 0;
  while (i < len) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsSpaceByte(c)) {
      *pending_space = true;
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < len && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      *pending_space = true;  // U+00A0 no-break space
      i += 2;
      continue;
    }
    if (c == 0) {
      ++i;
      continue;
    }
    // A run of ordinary bytes, appended at once.
    size_t run = i + 1;
    while (run < len) {
      unsigned char d = static_cast<unsigned char>(text[run]);
      if (IsSpaceByte(d) || d == 0xC2 || d == 0) break;
      ++run;
    }
    if (*pending_space && !out->empty()) out->push_back(' ');
    *pending_space = false;
    out->append(text + i, run - i);
    i = run;
  }
  return out->size() - before;
}

// Character count (UTF-8 code points) of a string.
int CountChars(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

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

std::string_view AttrValue(myhtml_tree_attr_t* attr) {
  size_t len = 0;
  const char* v = myhtml_attribute_value(attr, &len);
  return v == nullptr ? std::string_view() : std::string_view(v, len);
}

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string NodeText(myhtml_tree_node_t* node) {
  std::string out;
  bool space = false;
  for (myhtml_tree_node_t* c = myhtml_node_child(node); c != nullptr; c = myhtml_node_next(c)) {
    if (myhtml_node_tag_id(c) != MyHTML_TAG__TEXT) continue;
    size_t len = 0;
    const char* t = myhtml_node_text(c, &len);
    if (t != nullptr) AppendCollapsed(t, len, &out, &space);
    if (out.size() > (1u << 20)) break;
  }
  return out;
}

// What the walk learns from an element's attributes.
struct ElemAttrs {
  bool hidden = false;
  bool json_ld = false;
  std::string hint;  // lower-case "class id role"
  bool article_body = false;
  uint32_t class_hash = 0;
};

uint32_t HashBytes(std::string_view s) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h == 0 ? 1 : h;
}

// --- the walk ----------------------------------------------------------------------------------

class Walker {
 public:
  Walker(const HtmlExtractorOptions& options, PageModel* model, HintCache* hint_cache)
      : options_(options), model_(model), hint_cache_(hint_cache) {}

  void Run(myhtml_tree_node_t* root) {
    model_->elems.reserve(4096);
    model_->blocks.reserve(1024);
    // Root element of the model: everything hangs below it.
    model_->elems.emplace_back();
    owner_ = 0;
    // Iterative pre-order walk over the myhtml tree; frames_ mirrors the open elements.
    myhtml_tree_node_t* node = root;
    while (node != nullptr) {
      bool descend = Enter(node);
      myhtml_tree_node_t* child = descend ? myhtml_node_child(node) : nullptr;
      if (child != nullptr) {
        node = child;
        continue;
      }
      if (descend) Leave();  // an element without children
      while (true) {
        if (node == root) {
          node = nullptr;
          break;
        }
        myhtml_tree_node_t* next = myhtml_node_next(node);
        if (next != nullptr) {
          node = next;
          break;
        }
        node = myhtml_node_parent(node);
        if (node == nullptr) break;
        Leave();  // every ancestor on the path was entered with descend = true
      }
    }
    while (!frames_.empty()) Leave();
    Flush(owner_);
  }

 private:
  struct Frame {
    int elem;         // model element opened by this node, or -1
    int saved_owner;  // owner before this element (restored on leave)
    bool block;       // a block-level element: flushes text on enter and leave
    bool link;
  };

  // Returns true when the walk should descend into `node` (and later call Leave()).
  bool Enter(myhtml_tree_node_t* node) {
    int tag = static_cast<int>(myhtml_node_tag_id(node));
    if (tag == MyHTML_TAG__TEXT) {
      size_t len = 0;
      const char* t = myhtml_node_text(node, &len);
      if (t != nullptr && len > 0) {
        size_t added = AppendCollapsed(t, len, &buffer_, &pending_space_);
        if (link_depth_ > 0) buffer_links_ += static_cast<int>(added);
        if (buffer_.size() > kMaxBlockBytes) Flush(owner_);
      }
      return false;
    }
    if (tag == MyHTML_TAG__COMMENT || tag == MyHTML_TAG__UNDEF || tag == MyHTML_TAG__END_OF_FILE) {
      return false;
    }
    if (tag == MyHTML_TAG__DOCTYPE) return false;

    ElemAttrs attrs;
    ReadAttrs(node, tag, &attrs);
    if (tag == MyHTML_TAG_TITLE) {
      if (model_->meta.title.empty()) model_->meta.title = NodeText(node);
      return false;
    }
    if (tag == MyHTML_TAG_SCRIPT) {
      if (attrs.json_ld && model_->meta.json_ld.size() < 16) {
        model_->meta.json_ld.push_back(NodeText(node));
      }
      return false;
    }
    // <head> is walked for <title>, <meta>, <link> and scripts; it holds no visible text.
    uint8_t hint_class = attrs.hint.empty() ? 0 : MatchHints(attrs.hint);
    if (tag != MyHTML_TAG_HEAD &&
        (IsSkippedTag(tag) || attrs.hidden || (hint_class & kHintPopup) != 0)) {
      return false;
    }
    if (tag == MyHTML_TAG_BR) {
      Flush(owner_);
      return false;
    }
    if (tag == MyHTML_TAG_HR || tag == MyHTML_TAG_WBR) return false;
    if (tag == MyHTML_TAG_TIME) ReadTime(node);

    bool deep = static_cast<int>(frames_.size()) >= options_.max_element_depth;
    bool block = !deep && IsBlockTag(tag);
    bool link = tag == MyHTML_TAG_A;
    Frame frame{-1, owner_, block, link};
    if (!deep && (block || !attrs.hint.empty() || link)) {
      frame.elem = NewElem(tag, attrs, hint_class);
    }
    if (block) {
      Flush(owner_);
      owner_ = frame.elem;
    }
    if (link) ++link_depth_;
    frames_.push_back(frame);
    if (frame.elem >= 0) elem_stack_.push_back(frame.elem);
    return true;
  }

  void Leave() {
    Frame frame = frames_.back();
    frames_.pop_back();
    if (frame.block) {
      Flush(owner_);
      owner_ = frame.saved_owner;
    }
    if (frame.link) --link_depth_;
    if (frame.elem >= 0) elem_stack_.pop_back();
  }

  int NewElem(int tag, const ElemAttrs& attrs, uint8_t hint_class) {
    int parent = elem_stack_.empty() ? 0 : elem_stack_.back();
    int idx = static_cast<int>(model_->elems.size());
    model_->elems.emplace_back();
    Elem& e = model_->elems.back();
    Elem& p = model_->elems[parent];
    e.parent = parent;
    e.tag = tag;
    e.flags = p.flags & (kNoVote | kCaption | kInQuote | kComments);
    if (tag == MyHTML_TAG_BLOCKQUOTE) e.flags |= kInQuote;
    if (p.last_child >= 0) {
      model_->elems[p.last_child].next_sibling = idx;
    } else {
      p.first_child = idx;
    }
    p.last_child = idx;
    if (IsBoilerplateTag(tag)) e.flags |= kOwnBoiler;
    if (tag == MyHTML_TAG_NAV || tag == MyHTML_TAG_ASIDE || tag == MyHTML_TAG_FOOTER) {
      e.flags |= kNoVote;
    }
    if (tag == MyHTML_TAG_FIGURE || tag == MyHTML_TAG_FIGCAPTION || tag == MyHTML_TAG_CAPTION) {
      e.flags |= kCaption;
    }
    e.class_hash = attrs.class_hash;
    if (!attrs.hint.empty()) {
      const std::string& h = attrs.hint;
      uint8_t cls = hint_class;
      bool positive = (cls & kHintPositive) != 0;
      bool strong = (cls & kHintStrong) != 0;
      bool weak = (cls & kHintWeak) != 0;
      // Embedded posts ("social-media-embed", blockquote.twitter-tweet) are quoted article text
      // even though their names sound like share widgets.
      bool media_embed = h.find("image") != std::string::npos ||
                         h.find("photo") != std::string::npos ||
                         h.find("video") != std::string::npos;
      if (tag == MyHTML_TAG_BLOCKQUOTE || (h.find("embed") != std::string::npos && !media_embed)) {
        strong = false;
        weak = false;
      }
      if (attrs.article_body) {
        e.flags |= kArticleBody | kPositive;
        e.class_weight += 50;
      }
      if (positive) {
        e.flags |= kPositive;
        e.class_weight += 25;
      }
      if (strong || weak) e.class_weight -= 25;
      if (strong && !attrs.article_body) e.flags |= kNoVote | kOwnBoiler;
      if (strong &&
          (h.find("comment") != std::string::npos || h.find("disqus") != std::string::npos)) {
        e.flags |= kComments;
      }
      if (weak && !positive) e.flags |= kOwnBoiler;
    }
    return idx;
  }

  void ReadAttrs(myhtml_tree_node_t* node, int tag, ElemAttrs* out) {
    std::string_view name_attr;
    std::string_view property_attr;
    std::string_view content_attr;
    std::string_view rel_attr;
    std::string_view href_attr;
    for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(node); a != nullptr;
         a = myhtml_attribute_next(a)) {
      size_t klen = 0;
      const char* k = myhtml_attribute_key(a, &klen);
      if (k == nullptr) continue;
      std::string_view key(k, klen);
      std::string_view value = AttrValue(a);
      if (key == "class" || key == "id" || key == "role") {
        if (key == "class" && !value.empty()) out->class_hash = HashBytes(value);
        if (value.size() < 512) {
          if (!out->hint.empty()) out->hint.push_back(' ');
          out->hint += LowerCopy(value);
        }
      } else if (key == "itemprop") {
        std::string v = LowerCopy(value);
        if (v == "articlebody" || v == "text" || v == "reviewbody") out->article_body = true;
      } else if (key == "hidden") {
        out->hidden = true;
      } else if (key == "aria-hidden") {
        out->hidden = out->hidden || value == "true";
      } else if (key == "style") {
        std::string v = LowerCopy(value);
        v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
        if (v.find("display:none") != std::string::npos ||
            v.find("visibility:hidden") != std::string::npos) {
          out->hidden = true;
        }
      } else if (key == "type") {
        if (tag == MyHTML_TAG_SCRIPT && LowerCopy(value).find("ld+json") != std::string::npos) {
          out->json_ld = true;
        }
      } else if (key == "name" || key == "http-equiv") {
        name_attr = value;
      } else if (key == "property") {
        property_attr = value;
      } else if (key == "content") {
        content_attr = value;
      } else if (key == "rel") {
        rel_attr = value;
      } else if (key == "href") {
        href_attr = value;
      } else if (key == "lang" && tag == MyHTML_TAG_HTML) {
        model_->meta.html_lang = std::string(value.substr(0, 64));
      }
    }
    if (tag == MyHTML_TAG_META && !content_attr.empty() && model_->meta.meta.size() < 512) {
      std::string_view key = !property_attr.empty() ? property_attr : name_attr;
      if (!key.empty()) {
        model_->meta.meta.emplace_back(LowerCopy(key.substr(0, 128)),
                                       std::string(content_attr.substr(0, 4096)));
        if (!property_attr.empty() && !name_attr.empty()) {
          model_->meta.meta.emplace_back(LowerCopy(name_attr.substr(0, 128)),
                                         std::string(content_attr.substr(0, 4096)));
        }
      }
    }
    if (tag == MyHTML_TAG_LINK && model_->meta.canonical.empty() &&
        LowerCopy(rel_attr) == "canonical") {
      model_->meta.canonical = std::string(href_attr.substr(0, 4096));
    }
    // Short attributes are not worth matching, and <html>/<body> hints describe the whole page.
    if (tag == MyHTML_TAG_HTML || tag == MyHTML_TAG_BODY) out->hint.clear();
  }

  void ReadTime(myhtml_tree_node_t* node) {
    if (model_->meta.time_datetimes.size() >= 8) return;
    for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(node); a != nullptr;
         a = myhtml_attribute_next(a)) {
      size_t klen = 0;
      const char* k = myhtml_attribute_key(a, &klen);
      if (k != nullptr && std::string_view(k, klen) == "datetime") {
        std::string_view v = AttrValue(a);
        if (!v.empty()) model_->meta.time_datetimes.emplace_back(v.substr(0, 128));
      }
    }
  }

  void Flush(int owner) {
    if (!buffer_.empty()) {
      Block b;
      b.elem = owner;
      b.kind = KindOf(model_->elems[owner].tag, &b.heading_level);
      b.link_chars = std::min(buffer_links_, static_cast<int>(buffer_.size()));
      b.text = std::move(buffer_);
      model_->blocks.push_back(std::move(b));
      buffer_.clear();
    }
    buffer_links_ = 0;
    pending_space_ = false;
  }

  static constexpr size_t kMaxBlockBytes = 1u << 20;

  // Class names repeat within a page and across a site's pages: match each distinct one once.
  uint8_t MatchHints(const std::string& h) {
    uint32_t key = HashBytes(h);
    auto it = hint_cache_->find(key);
    if (it != hint_cache_->end()) return it->second;
    uint8_t cls = Hints().Match(h);
    if (HasAdToken(h)) cls |= kHintStrong;
    if (hint_cache_->size() >= kMaxHintCache) hint_cache_->clear();
    hint_cache_->emplace(key, cls);
    return cls;
  }

  static constexpr size_t kMaxHintCache = 1 << 16;

  const HtmlExtractorOptions& options_;
  PageModel* model_;
  HintCache* hint_cache_;
  std::vector<Frame> frames_;
  std::vector<int> elem_stack_;
  int owner_ = 0;
  int link_depth_ = 0;
  std::string buffer_;
  int buffer_links_ = 0;
  bool pending_space_ = false;
};

// ---------------------------------------------------------------------------------------------
// Scoring and selection.

double LinkDensity(const Elem& e) {
  return e.text_chars > 0 ? static_cast<double>(e.link_chars) / e.text_chars : 0.0;
}

void ComputeTotals(PageModel* m) {
  for (Block& b : m->blocks) {
    Elem& e = m->elems[b.elem];
    e.text_chars += static_cast<int>(b.text.size());
    e.link_chars += b.link_chars;
    b.commas = CountCommas(b.text);
  }
  // Children always come after their parent: one reverse pass sums subtrees.
  for (size_t i = m->elems.size(); i-- > 1;) {
    Elem& e = m->elems[i];
    Elem& p = m->elems[e.parent];
    p.text_chars += e.text_chars;
    p.link_chars += e.link_chars;
  }
}

enum class HintUse { kUseClassHints, kIgnoreClassHints };

bool Excluded(const Elem& e, HintUse hints) {
  if (hints == HintUse::kUseClassHints) return (e.flags & kNoVote) != 0;
  return (e.flags & kComments) != 0;
}

bool ScoringKind(BlockKind k) {
  return k == BlockKind::kParagraph || k == BlockKind::kText || k == BlockKind::kPre ||
         k == BlockKind::kCell || k == BlockKind::kQuote || k == BlockKind::kListItem;
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

// Marks the elements whose blocks form the article: the top candidate plus siblings that look
// like its continuation (readability's sibling rule).
std::vector<char> SelectRegion(const PageModel& m, int top) {
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
  selected[top] = 1;
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

constexpr int kMaxTrailingLabels = 2;
constexpr int kMaxTrailingPromos = 3;

// Sign-off promotions: "Subscribe to our newsletter", "Follow him on Twitter", "Amy may be
// reached at ...".
bool IsPromo(std::string_view t) {
  if (t.size() > 300) return false;
  std::string low = LowerCopy(t);
  for (const char* p : {"subscribe", "newsletter", "sign up", "follow us", "follow him",
                        "follow her", "follow them", "may be reached at", "can be reached at",
                        "join our", "click here", "download our app", "get the latest"}) {
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
  static constexpr const char* kPhrases[] = {"advert",
                                             "adverts",
                                             "anzeige",
                                             "werbung",
                                             "publicité",
                                             "publicidad",
                                             "pubblicità",
                                             "iklan",
                                             "reklama",
                                             "this slideshow requires javascript",
                                             "advertisement",
                                             "advertisment",
                                             "ad",
                                             "sponsored",
                                             "share",
                                             "share this",
                                             "tweet",
                                             "email",
                                             "print",
                                             "read more",
                                             "continue reading",
                                             "story continues below",
                                             "story continues below advertisement",
                                             "skip to content",
                                             "comments",
                                             "related",
                                             "loading...",
                                             "loading"};
  if (t.size() > 40) return false;
  std::string low = LowerCopy(t);
  while (!low.empty() && (low.back() == '.' || low.back() == ':' || low.back() == ' '))
    low.pop_back();
  for (const char* p : kPhrases) {
    if (low == p) return true;
  }
  return false;
}

int CountWords(std::string_view t) {
  int words = 0;
  bool in_word = false;
  for (char c : t) {
    bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool StartsWithWordCi(std::string_view t, std::string_view word) {
  if (t.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = t[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return t.size() == word.size() || !std::isalnum(static_cast<unsigned char>(t[word.size()]));
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
      CountWords(b.text) > 12) {
    return false;
  }
  std::string_view t = b.text;
  while (!t.empty() && (t.front() == '-' || t.front() == ' ' || t.front() == '|')) {
    t.remove_prefix(1);
  }
  for (std::string_view w :
       {"updated", "posted", "published", "last updated", "modified", "first published", "date:"}) {
    if (StartsWithWordCi(t, w)) return true;
  }
  std::string_view found;
  if (!FindPrintedDateMs(t, &found)) return false;
  // The date must be most of the line (plus a name or a clock time), not a mention in a sentence.
  return found.size() * 2 >= t.size() || !EndsSentence(t);
}

// A short line without sentence punctuation: a section label such as "More:" or "Related".
bool IsLabel(std::string_view t) {
  if (t.size() > 40 || CountWords(t) > 5) return false;
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  bool ellipsis = (t.size() >= 3 && t.substr(t.size() - 3) == "...") ||
                  (t.size() >= 3 && t.substr(t.size() - 3) == "\xE2\x80\xA6");
  return t.empty() || t.back() == ':' || ellipsis || !EndsSentence(t);
}

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

// Replaces every ill-formed UTF-8 sequence (stray bytes, overlongs, surrogates, > U+10FFFF) by
// U+FFFD. The input is meant to be UTF-8 already, but the parser passes bad bytes through and
// the output goes into protobuf strings, which must be valid.
void ScrubUtf8(std::string* s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s->data());
  const size_t n = s->size();
  size_t i = 0;
  auto valid_at = [&](size_t at) -> size_t {  // length of the valid sequence at `at`, or 0
    unsigned char c = p[at];
    if (c < 0x80) return 1;
    size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return 0;
    }
    if (at + len > n || p[at + 1] < lo || p[at + 1] > hi) return 0;
    for (size_t k = 2; k < len; ++k) {
      if ((p[at + k] & 0xC0) != 0x80) return 0;
    }
    return len;
  };
  while (i < n && valid_at(i) > 0) i += valid_at(i);
  if (i == n) return;  // the common case: nothing to do
  std::string out(s->data(), i);
  while (i < n) {
    size_t len = valid_at(i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s->data() + i, len);
      i += len;
    }
  }
  s->swap(out);
}

void ScrubArticle(Article* a) {
  for (std::string* f : {&a->title, &a->source, &a->published_text, &a->body, &a->url}) {
    ScrubUtf8(f);
  }
  for (auto& t : a->tags) ScrubUtf8(&t);
  for (auto& t : a->authors) ScrubUtf8(&t);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct HtmlExtractor::Parser {
  myhtml_t* myhtml = nullptr;
  myhtml_tree_t* tree = nullptr;
  std::string filtered;  // the page without script/style contents, reused across calls
  PageModel model;       // reused so its vectors keep their capacity
  HintCache hint_cache;  // class/id match results, kept across pages

  bool Init() {
    myhtml = myhtml_create();
    if (myhtml == nullptr) return false;
    if (myhtml_init(myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
      myhtml_destroy(myhtml);
      myhtml = nullptr;
      return false;
    }
    return NewTree();
  }
  bool NewTree() {
    if (tree != nullptr) myhtml_tree_destroy(tree);
    tree = myhtml_tree_create();
    if (tree == nullptr) return false;
    if (myhtml_tree_init(tree, myhtml) != MyHTML_STATUS_OK) {
      myhtml_tree_destroy(tree);
      tree = nullptr;
      return false;
    }
    return true;
  }
  ~Parser() {
    if (tree != nullptr) myhtml_tree_destroy(tree);
    if (myhtml != nullptr) myhtml_destroy(myhtml);
  }
};

HtmlExtractor::HtmlExtractor(HtmlExtractorOptions options)
    : options_(options), parser_(std::make_unique<Parser>()) {
  if (!parser_->Init()) parser_.reset();
}

HtmlExtractor::~HtmlExtractor() = default;

CleanResult HtmlExtractor::Extract(std::string_view html, std::string_view page_url,
                                   int64_t fetched_at_ms) const {
  CleanResult result;
  if (html.size() > options_.max_html_bytes) html = html.substr(0, options_.max_html_bytes);
  // The parser could not be set up (out of memory at construction): nothing can be read.
  if (parser_ == nullptr || parser_->tree == nullptr) return result;
  myhtml_tree_t* tree = parser_->tree;
  std::string& filtered = parser_->filtered;
  DropInvisibleRawText(html, options_.max_element_depth, &filtered);
  if (myhtml_parse(tree, MyENCODING_UTF_8, filtered.data(), filtered.size()) != MyHTML_STATUS_OK) {
    parser_->NewTree();
    return result;
  }

  PageModel& model = parser_->model;
  model.elems.clear();
  model.blocks.clear();
  model.meta = RawHtmlMeta();
  myhtml_tree_node_t* root = myhtml_tree_get_node_html(tree);
  if (root != nullptr) {
    Walker walker(options_, &model, &parser_->hint_cache);
    walker.Run(root);
  }
  // The tree stays built until the next call (myhtml_parse cleans it first).
  if (html.size() > options_.keep_tree_below_bytes) {
    parser_->NewTree();
    std::string().swap(filtered);
  }
  if (model.elems.empty()) return result;  // (only on a parse failure: the walk adds a root)

  ComputeTotals(&model);
  // First with class/id hints; when that finds little (a wrapper named "...sidebar..." or
  // "...social..." hid the article), again without them, keeping the longer body.
  Article article;
  for (HintUse hints : {HintUse::kUseClassHints, HintUse::kIgnoreClassHints}) {
    int top = ChooseTop(&model, options_, hints);
    if (top < 0) continue;
    std::vector<char> selected = SelectRegion(model, top);
    std::string body = BuildBody(model, selected, options_, hints);
    if (body.size() > article.body.size()) article.body = std::move(body);
    if (CountChars(article.body) >= options_.retry_below_chars) break;
  }
  if (CountChars(article.body) < options_.min_article_chars) article.body.clear();

  // Headline and byline candidates: the first <h1>, and short blocks around it.
  int h1_index = -1;
  for (size_t i = 0; i < model.blocks.size(); ++i) {
    const Block& b = model.blocks[i];
    if (b.kind == BlockKind::kHeading && b.heading_level == 1) {
      model.meta.h1 = b.text.substr(0, 1024);
      h1_index = static_cast<int>(i);
      break;
    }
  }
  size_t from = h1_index >= 0 ? static_cast<size_t>(h1_index) + 1 : 0;
  for (size_t i = from; i < model.blocks.size() && i < from + 40; ++i) {
    const Block& b = model.blocks[i];
    if (b.text.size() <= 200) model.meta.byline_texts.push_back(b.text);
  }

  FillHtmlMetadata(model.meta, page_url, fetched_at_ms, &result.meta, &article);
  if (html.size() > options_.keep_tree_below_bytes) model = PageModel();
  ScrubArticle(&article);
  for (std::string* f : {&result.meta.title, &result.meta.site_name, &result.meta.canonical_url,
                         &result.meta.declared_language}) {
    ScrubUtf8(f);
  }
  if (!article.body.empty()) {
    article.position = 0;
    result.meta.layout_page_type = PageType::kArticle;
    result.articles.push_back(std::move(article));
  }
  return result;
}

}  // namespace newsflow
