#include "stages/clean/html/parse_budget.h"

// myhtml's own headers (not api.h, which hides the structs): the depth is the length of the
// tree's stack of open elements, a token's attributes are a list.
#include <myhtml/myhtml.h>
#include <myhtml/token.h>
#include <myhtml/tree.h>

#include <algorithm>
#include <string>

namespace newsflow::html {
namespace {

// Which limit was passed first.
enum class Overrun { kNone, kTags, kElements, kDepth, kTextBytes };

struct BudgetState {
  ParseBudgetLimits limits;
  ParseCounts counts;
  Overrun overrun = Overrun::kNone;
};

void StopBuilding(myhtml_tree_t* tree, BudgetState* state, Overrun why) {
  if (state->overrun != Overrun::kNone) return;
  state->overrun = why;
  // Tokens still to come in this chunk are no longer handed to the tree builder.
  myhtml_tree_parse_flags_set(
      tree, static_cast<myhtml_tree_parse_flags_t>(myhtml_tree_parse_flags(tree) |
                                                   MyHTML_TREE_PARSE_FLAGS_WITHOUT_BUILD_TREE));
}

// Every token, once the tokenizer has filled it in and before the tree builder sees it.
void* OnToken(myhtml_tree_t* tree, myhtml_token_node_t* token, void* ctx) {
  auto* state = static_cast<BudgetState*>(ctx);
  ParseCounts& c = state->counts;
  if (state->overrun == Overrun::kNone) {
    if (token->tag_id == MyHTML_TAG__TEXT) {
      c.text_bytes += token->str.length;
      if (c.text_bytes > state->limits.max_text_bytes) {
        StopBuilding(tree, state, Overrun::kTextBytes);
      }
    } else if (token->tag_id != MyHTML_TAG__END_OF_FILE) {
      ++c.tags;
      for (myhtml_token_attr_t* a = token->attr_first; a != nullptr; a = a->next) ++c.tags;
      if (c.tags > state->limits.max_tags) StopBuilding(tree, state, Overrun::kTags);
    }
  }
  // The tree builder, which no longer runs, is what marks a token done; the tokenizer waits
  // for that mark before some decisions (after "<!"), so it is set here instead.
  if (state->overrun != Overrun::kNone) tree->token_last_done = token;
  return ctx;
}

// Every node the tree builder inserts, including the elements it makes up.
void OnNodeInserted(myhtml_tree_t* tree, myhtml_tree_node_t* node, void* ctx) {
  auto* state = static_cast<BudgetState*>(ctx);
  ParseCounts& c = state->counts;
  if (node->tag_id == MyHTML_TAG__TEXT) return;
  ++c.elements;
  // The new node goes below the elements open now.
  const size_t depth = (tree->open_elements != nullptr ? tree->open_elements->length : 0) + 1;
  c.max_depth = std::max(c.max_depth, depth);
  if (c.elements > state->limits.max_elements) StopBuilding(tree, state, Overrun::kElements);
  if (depth > state->limits.max_depth) StopBuilding(tree, state, Overrun::kDepth);
}

Status OverrunStatus(const BudgetState& s) {
  const std::string more = "over the parse budget: more than ";
  const ParseBudgetLimits& l = s.limits;
  switch (s.overrun) {
    case Overrun::kTags:
      return Status::TooLarge(more + std::to_string(l.max_tags) + " tags and attributes");
    case Overrun::kElements:
      return Status::TooLarge(more + std::to_string(l.max_elements) + " elements");
    case Overrun::kDepth:
      return Status::TooLarge(more + std::to_string(l.max_depth) + " elements open at once");
    case Overrun::kTextBytes:
      return Status::TooLarge(more + std::to_string(l.max_text_bytes) + " bytes of text");
    case Overrun::kNone:
      break;
  }
  return Status::Ok();
}

}  // namespace

Status ParseWithinBudget(myhtml_tree_t* tree, std::string_view html,
                         const ParseBudgetLimits& limits, ParseCounts* counts) {
  BudgetState state;
  state.limits = limits;
  myhtml_tree_clean(tree);
  const myhtml_tree_parse_flags_t flags = myhtml_tree_parse_flags(tree);
  myhtml_encoding_set(tree, MyENCODING_UTF_8);
  myhtml_callback_after_token_done_set(tree, OnToken, &state);
  myhtml_callback_tree_node_insert_set(tree, OnNodeInserted, &state);
  // At least one chunk, even for an empty page: myhtml sets its tokenizer up on the first.
  const char* data = html.empty() ? "" : html.data();
  mystatus_t status = MyHTML_STATUS_OK;
  size_t pos = 0;
  do {
    const size_t n = std::min(kParseChunkBytes, html.size() - pos);
    status = myhtml_parse_chunk(tree, data + pos, n);
    pos += n;
  } while (status == MyHTML_STATUS_OK && pos < html.size() && state.overrun == Overrun::kNone);
  // Ends the parse (a tree must be finished before it is cleaned or reused).
  const mystatus_t end = myhtml_parse_chunk_end(tree);
  if (status == MyHTML_STATUS_OK) status = end;
  myhtml_callback_after_token_done_set(tree, nullptr, nullptr);
  myhtml_callback_tree_node_insert_set(tree, nullptr, nullptr);
  myhtml_tree_parse_flags_set(tree, flags);
  *counts = state.counts;
  if (state.overrun != Overrun::kNone) return OverrunStatus(state);
  if (status != MyHTML_STATUS_OK) {
    return Status::Internal("myhtml parse failed (status " + std::to_string(status) + ")");
  }
  return Status::Ok();
}

}  // namespace newsflow::html
