// libFuzzer entry point for the HTML extractor: any bytes, as a page, must come back as a
// CleanResult without crashing, hanging or reading out of bounds (ASan/UBSan in this build).
// The first input byte picks a few option variants so the depth cap, the size cut and the parse
// budget (a page over it has no articles) get exercised.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/json/json.h"
#include "common/text/utf8.h"
#include "stages/clean/html/html_extractor.h"
#include "stages/clean/html/prefilter.h"

using newsflow::text::IsValidUtf8;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static newsflow::HtmlExtractor* const kDefault = new newsflow::HtmlExtractor();
  static newsflow::HtmlExtractor* const kTight = [] {
    newsflow::HtmlExtractorOptions options;
    options.max_element_depth = 4;
    options.max_html_bytes = 512;
    options.min_article_chars = 1;
    options.min_scoring_block_chars = 1;
    // A budget small inputs can pass, so the parse is stopped mid-page often.
    options.budget_tags = 64;
    options.budget_elements = 32;
    options.budget_depth = 8;
    options.budget_text_bytes = 256;
    return new newsflow::HtmlExtractor(options);
  }();
  if (size == 0) return 0;
  std::string_view html(reinterpret_cast<const char*>(data) + 1, size - 1);
  const newsflow::HtmlExtractor& extractor = (data[0] & 1) ? *kTight : *kDefault;
  newsflow::CleanResult result = extractor.Extract(html, "https://fuzz.example/2020/01/02/x",
                                                   static_cast<int64_t>(data[0]) * 86400000LL);
  if (!result.status.ok() && !result.articles.empty()) __builtin_trap();
  for (const auto& article : result.articles) {
    if (article.body.empty()) __builtin_trap();  // an article always has text
    if (!IsValidUtf8(article.body) || !IsValidUtf8(article.title)) __builtin_trap();
  }
  // The JSON-LD reader and the prefilter on their own, on the same bytes.
  newsflow::json::ReadSequence(html);
  std::string filtered;
  newsflow::DropInvisibleRawText(html, 3, &filtered);
  if (filtered.size() > html.size()) __builtin_trap();
  return 0;
}
