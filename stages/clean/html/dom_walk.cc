#include "stages/clean/html/dom_walk.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/text/ascii.h"
#include "stages/clean/html/tags.h"

namespace newsflow::html {
namespace {

using text::AsciiLower;

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

std::string_view AttrValue(myhtml_tree_attr_t* attr) {
  size_t len = 0;
  const char* v = myhtml_attribute_value(attr, &len);
  return v == nullptr ? std::string_view() : std::string_view(v, len);
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
    uint8_t hint_class = attrs.hint.empty() ? 0 : MatchHints(attrs.hint, hint_cache_);
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
          out->hint += AsciiLower(value);
        }
      } else if (key == "itemprop") {
        std::string v = AsciiLower(value);
        if (v == "articlebody" || v == "text" || v == "reviewbody") out->article_body = true;
      } else if (key == "hidden") {
        out->hidden = true;
      } else if (key == "aria-hidden") {
        out->hidden = out->hidden || value == "true";
      } else if (key == "style") {
        std::string v = AsciiLower(value);
        v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
        if (v.find("display:none") != std::string::npos ||
            v.find("visibility:hidden") != std::string::npos) {
          out->hidden = true;
        }
      } else if (key == "type") {
        if (tag == MyHTML_TAG_SCRIPT && AsciiLower(value).find("ld+json") != std::string::npos) {
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
        model_->meta.meta.emplace_back(AsciiLower(key.substr(0, 128)),
                                       std::string(content_attr.substr(0, 4096)));
        if (!property_attr.empty() && !name_attr.empty()) {
          model_->meta.meta.emplace_back(AsciiLower(name_attr.substr(0, 128)),
                                         std::string(content_attr.substr(0, 4096)));
        }
      }
    }
    if (tag == MyHTML_TAG_LINK && model_->meta.canonical.empty() &&
        AsciiLower(rel_attr) == "canonical") {
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

}  // namespace

void WalkDom(myhtml_tree_node_t* root, const HtmlExtractorOptions& options, PageModel* model,
             HintCache* hint_cache) {
  Walker walker(options, model, hint_cache);
  walker.Run(root);
}

}  // namespace newsflow::html
