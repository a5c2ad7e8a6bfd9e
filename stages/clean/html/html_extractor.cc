#include "stages/clean/html/html_extractor.h"

#include <myhtml/api.h>

#include <string>
#include <utility>
#include <vector>

#include "common/text/utf8.h"
#include "stages/clean/html/block_scoring.h"
#include "stages/clean/html/body_assembly.h"
#include "stages/clean/html/class_hints.h"
#include "stages/clean/html/dom_walk.h"
#include "stages/clean/html/metadata.h"
#include "stages/clean/html/page_model.h"
#include "stages/clean/html/parse_budget.h"
#include "stages/clean/html/prefilter.h"

namespace newsflow {
namespace {

using html::BlockKind;
using html::HintUse;
using html::PageModel;
using text::ScrubUtf8;

// First with class/id hints; when that finds little (a wrapper named "...sidebar..." or
// "...social..." hid the article), again without them, keeping the longer body.
std::string ChooseBody(PageModel* model, const HtmlExtractorOptions& options) {
  std::string best;
  for (HintUse hints : {HintUse::kUseClassHints, HintUse::kIgnoreClassHints}) {
    int top = html::ChooseTop(model, options, hints);
    if (top < 0) continue;
    std::vector<char> selected = html::SelectRegion(*model, top, options, hints);
    std::string body = html::BuildBody(*model, selected, options, hints);
    if (body.size() > best.size()) best = std::move(body);
    if (html::CountChars(best) >= options.retry_below_chars) break;
  }
  if (html::CountChars(best) < options.min_article_chars) best.clear();
  return best;
}

// Headline and byline candidates: the first <h1>, and short blocks around it.
void CollectHeadline(PageModel* model) {
  int h1_index = -1;
  for (size_t i = 0; i < model->blocks.size(); ++i) {
    const html::Block& b = model->blocks[i];
    if (b.kind == BlockKind::kHeading && b.heading_level == 1) {
      model->meta.h1 = b.text.substr(0, 1024);
      h1_index = static_cast<int>(i);
      break;
    }
  }
  size_t from = h1_index >= 0 ? static_cast<size_t>(h1_index) + 1 : 0;
  for (size_t i = from; i < model->blocks.size() && i < from + 40; ++i) {
    const html::Block& b = model->blocks[i];
    if (b.text.size() <= 200) model->meta.byline_texts.push_back(b.text);
  }
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
  std::string filtered;        // the page without script/style contents, reused across calls
  PageModel model;             // reused so its vectors keep their capacity
  html::HintCache hint_cache;  // class/id match results, kept across pages

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
  html::ParseCounts counts;
  const html::ParseBudgetLimits budget{options_.budget_tags, options_.budget_elements,
                                       options_.budget_depth, options_.budget_text_bytes};
  if (Status s = html::ParseWithinBudget(tree, filtered, budget, &counts); !s.ok()) {
    // An incomplete tree is never read; what it holds is released now.
    parser_->NewTree();
    std::string().swap(filtered);
    if (s.code() == Status::Code::kTooLarge) result.status = std::move(s);
    return result;
  }

  PageModel& model = parser_->model;
  model.elems.clear();
  model.blocks.clear();
  model.meta = RawHtmlMeta();
  myhtml_tree_node_t* root = myhtml_tree_get_node_html(tree);
  if (root != nullptr) html::WalkDom(root, options_, &model, &parser_->hint_cache);
  // The tree stays built until the next call (myhtml_parse cleans it first).
  if (html.size() > options_.keep_tree_below_bytes) {
    parser_->NewTree();
    std::string().swap(filtered);
  }
  if (model.elems.empty()) return result;  // (only on a parse failure: the walk adds a root)

  html::ComputeTotals(&model, options_);
  Article article;
  article.body = ChooseBody(&model, options_);
  CollectHeadline(&model);

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
