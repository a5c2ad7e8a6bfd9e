// PageSplit: the work of one TextPageSplitter::Split call. It reads the page into classified
// lines, finds the article headers, segments the page into drafts (header + paragraphs) and
// turns the drafts into articles. One object per page, used once (Run); it owns the storage
// the lines' views point into (the page text is the caller's and must outlive it).
//
// The steps live in one file each:
//   page_lines.cc    reading the lines: split, rejoin broken sentences, classify, promote
//                    data lists, bulleted statements and snippets to text; line queries
//   segmentation.cc  header runs, article bodies, footer-dated feeds, decks (Run)
//   teasers.cc       untitled text before the first header, teaser tails, "more stories"
//   page_top.cc      briefs and headlines printed on the page's first line
//   dense_region.cc  the page's densest run of paragraphs as the main article, author boxes
//   finish.cc        drafts to articles: lead-ins, publishers, minimum lengths, page type
//
// Threads: not shared (one per call). Cost: linear in the page size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stages/clean/clean_result.h"
#include "stages/clean/text/header.h"
#include "stages/clean/text/line.h"
#include "stages/clean/text/text_page_splitter.h"

namespace newsflow {
namespace clean_text {

// An article in the making: its header (when it has one) and the paragraphs of its body.
struct Draft {
  Header header;
  bool headed = false;
  std::vector<std::string_view> paragraphs;
  bool teaser = false;
  size_t first_line = 0;  // the lines the body was taken from, [first_line, last_line)
  size_t last_line = 0;
};

// Bytes of text in `ps`.
size_t Chars(const std::vector<std::string_view>& ps);

class PageSplit {
 public:
  // Reads `text` (cut at options.max_page_bytes) into classified lines.
  PageSplit(const TextSplitterOptions& options, std::string_view text, int64_t fetched_at_ms);

  // Splits the page into its articles (see TextPageSplitter::Split).
  CleanResult Run();

 private:
  // page_lines.cc
  bool JoinsNext(std::string_view a, std::string_view b) const;
  void PromoteDataLists();
  void PromoteSnippets();
  void PromoteBulletedStatements();
  size_t Occurrences(std::string_view text) const;
  size_t FirstNonBlank(size_t begin, size_t end) const;
  size_t TextChars(size_t begin, size_t end) const;

  // segmentation.cc
  bool IsBreakLine(const Line& l) const;
  bool IsCommentHeader(size_t begin, size_t end) const;
  size_t CollectBody(size_t begin, size_t end, std::vector<std::string_view>* out) const;
  std::string_view LastHeadline(size_t begin, size_t end) const;
  bool FooterDatedDrafts(const std::vector<Header>& headers, std::vector<Draft>* drafts) const;

  // teasers.cc
  void UntitledDrafts(size_t begin, size_t end, std::vector<Draft>* drafts) const;
  bool LongEnoughForTeaser(std::string_view p) const;
  size_t TeaserTailStart(const std::vector<std::string_view>& ps) const;
  void AddTeasers(const std::vector<std::string_view>& ps, size_t start,
                  std::vector<Draft>* drafts) const;
  size_t CutTeaserTail(size_t begin, size_t end) const;

  // page_top.cc
  bool IsTitledBrief(size_t begin, size_t end, size_t best_begin, size_t best_end,
                     const std::vector<std::string_view>& best) const;
  void TitleFromPageTop(std::vector<Draft>* drafts) const;
  bool IsPageTopCandidate(size_t top) const;
  bool IsPageTopHeadline(size_t top) const;

  // dense_region.cc
  std::pair<size_t, size_t> DenseRegion() const;
  std::vector<std::string_view> RegionBody(size_t begin, size_t end) const;
  size_t CutAuthorBio(size_t begin, size_t end) const;
  void PreferDenseRegion(const std::vector<Header>& headers, std::vector<Draft>* drafts) const;

  // finish.cc
  std::string_view FooterSiteName() const;
  CleanResult Finish(std::vector<Draft>* drafts) const;
  bool DraftToArticle(std::string_view page_publisher, bool has_regular, Draft* d,
                      Article* a) const;
  std::string_view CreditedAgency(const Draft& d) const;

  const TextSplitterOptions& options_;
  int64_t fetched_at_ms_;
  std::deque<std::string> joined_;                       // storage for rejoined lines
  std::unordered_map<std::string_view, size_t> counts_;  // occurrences of each line
  std::vector<size_t> text_prefix_;  // text_prefix_[i]: paragraph bytes in lines [0, i)
  std::vector<Line> lines_;
};

}  // namespace clean_text
}  // namespace newsflow
