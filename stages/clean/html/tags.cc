#include "stages/clean/html/tags.h"

#include <myhtml/api.h>

namespace newsflow::html {
namespace {

// 1 to 6 for h1 to h6 (myhtml numbers them in order), 0 for any other tag.
int HeadingLevel(int tag) {
  static_assert(MyHTML_TAG_H6 - MyHTML_TAG_H1 == 5, "h1..h6 are consecutive tag ids");
  return tag >= MyHTML_TAG_H1 && tag <= MyHTML_TAG_H6 ? 1 + (tag - MyHTML_TAG_H1) : 0;
}

}  // namespace

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
  if (HeadingLevel(tag) > 0) return true;
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
  if (const int level = HeadingLevel(tag)) {
    *heading_level = level;
    return BlockKind::kHeading;
  }
  switch (tag) {
    case MyHTML_TAG_P:
      return BlockKind::kParagraph;
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
  if (HeadingLevel(tag) > 0) return -5;  // as <th>, below
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
    case MyHTML_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

}  // namespace newsflow::html
