#include <algorithm>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/words.h"
#include "stages/clean/text/footer_owner.h"
#include "stages/clean/text/lead_in.h"
#include "stages/clean/text/line_text.h"
#include "stages/clean/text/page_split.h"

namespace newsflow {
namespace clean_text {

using text::Blank;
using text::CountWords;
using text::EqualsIgnoreAsciiCase;
using text::IsAsciiUpper;
using text::StartsWith;
using text::Trim;

namespace {

// The publisher of the page as a whole, for articles that print none of their own (teasers,
// an untitled lead article, a headed item without a source line): the site's name from its
// footer, else the one publisher that two or more headed articles, and no other headed
// article, name.
std::string_view PagePublisher(const std::vector<Draft>& drafts, std::string_view site_name) {
  if (!site_name.empty()) return site_name;
  std::string_view only;
  size_t naming = 0;
  for (const Draft& d : drafts) {
    if (!d.headed || d.header.source.empty() || d.paragraphs.empty()) continue;
    if (!only.empty() && !EqualsIgnoreAsciiCase(only, d.header.source)) return {};
    only = d.header.source;
    ++naming;
  }
  return naming >= 2 ? only : std::string_view();
}

}  // namespace

// The site's name as its copyright footer prints it: a footer naming an owner among the
// page's last lines (a "© Agency" higher up is a photo credit).
std::string_view PageSplit::FooterSiteName() const {
  constexpr int kFooterLines = 12;
  int seen = 0;
  for (size_t i = lines_.size(); i > 0 && seen < kFooterLines; --i) {
    const Line& l = lines_[i - 1];
    if (l.kind == LineKind::kBlank) continue;
    ++seen;
    if (!l.footer) continue;
    if (std::string_view owner = FooterOwner(l.text); !owner.empty()) return owner;
  }
  return {};
}

// The article of draft `d` (its first paragraph loses its lead-in), or false when its body is
// too short to keep. `page_publisher`: see PagePublisher; `has_regular`: the page has a draft of
// regular length.
bool PageSplit::DraftToArticle(std::string_view page_publisher, bool has_regular, Draft* draft,
                               Article* article) const {
  Draft& d = *draft;
  Article& a = *article;
  std::string_view source;
  std::vector<std::string_view> tags;
  a.title = std::string(d.header.title);  // untitled drafts may have one from the page top
  if (d.headed) {
    source = d.header.source;
    tags = d.header.tags;
    for (auto au : d.header.authors) a.authors.emplace_back(au);
    if (d.header.date) {
      a.published_text = std::string(d.header.date_text);
      a.published_at_ms = d.header.date->epoch_ms;
    }
  }
  LeadIn lead = StripLeadIn(d.paragraphs[0], fetched_at_ms_);
  d.paragraphs[0] = lead.body;
  for (auto t : lead.tags) {
    if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  }
  if (lead.date &&
      (!a.published_at_ms || !d.header.date || d.header.date->kind == DateKind::kRelative)) {
    a.published_text = std::string(lead.date_text);
    a.published_at_ms = lead.date->epoch_ms;
  }
  if (source.empty()) source = lead.agency;
  if (source.empty()) source = page_publisher;
  if (source.empty() && !d.headed && !d.teaser) source = CreditedAgency(d);
  a.source = std::string(source);
  for (auto t : tags) a.tags.emplace_back(t);
  std::string body;
  for (auto p : d.paragraphs) {
    p = Trim(p, Blank::kVisible);
    if (p.empty()) continue;
    if (!body.empty()) body.push_back('\n');
    body.append(p);
  }
  // A fully headed item (headline and a date or publisher) may carry a one-line body when
  // the page has no article of regular length (a short news item, a feed of one-liners).
  const bool full_header = d.headed && !d.header.title.empty() &&
                           (d.header.date || !d.header.source.empty()) && !has_regular;
  size_t min_chars = full_header ? options_.min_headed_teaser_chars
                     : d.headed  ? options_.min_body_chars
                     : d.teaser  ? options_.min_headed_teaser_chars
                                 : 1;
  if (body.size() < min_chars) return false;
  a.truncated = d.teaser || LooksTruncated(body);
  a.body = std::move(body);
  return true;
}

CleanResult PageSplit::Finish(std::vector<Draft>* drafts) const {
  CleanResult result;
  const std::string_view site_name = FooterSiteName();
  result.meta.site_name = std::string(site_name);
  const std::string_view page_publisher = PagePublisher(*drafts, site_name);
  std::string first_signature;
  size_t headed = 0;
  bool peers = true;
  bool has_regular = false;
  for (const Draft& d : *drafts) {
    has_regular = has_regular || Chars(d.paragraphs) >= options_.min_body_chars;
  }
  for (Draft& d : *drafts) {
    if (d.paragraphs.empty() || (d.headed && d.header.comment)) continue;
    Article a;
    if (!DraftToArticle(page_publisher, has_regular, &d, &a)) continue;
    a.position = static_cast<uint32_t>(result.articles.size());
    if (d.headed) {
      ++headed;
      if (first_signature.empty()) {
        first_signature = d.header.signature;
      } else if (d.header.signature != first_signature) {
        peers = false;
      }
    } else {
      peers = false;
    }
    result.articles.push_back(std::move(a));
  }
  if (result.articles.empty()) {
    result.meta.layout_page_type = PageType::kUnknown;
  } else if (peers && headed >= 2) {
    result.meta.layout_page_type = PageType::kListing;
  } else {
    result.meta.layout_page_type = PageType::kArticle;
  }
  return result;
}

// An untitled article that names no publisher: the agency of its photo credit
// ("Photo: AP"), the only outlet the page shows for it.
std::string_view PageSplit::CreditedAgency(const Draft& d) const {
  for (size_t i = d.first_line; i < d.last_line && i < lines_.size(); ++i) {
    const Line& l = lines_[i];
    if (!l.credit || l.text.size() > 40) continue;
    static const auto& kCreditPrefixes = phrases::List("text.credit_agency_prefixes");
    for (std::string_view p : kCreditPrefixes) {
      if (!StartsWith(l.text, p)) continue;
      std::string_view agency = Trim(l.text.substr(p.size()), Blank::kVisible);
      if (!agency.empty() && CountWords(agency) <= 3 && IsAsciiUpper(agency[0])) return agency;
    }
  }
  return {};
}

}  // namespace clean_text
}  // namespace newsflow
