#include "daemon/kafka/message_fit.h"

#include <fmt/format.h>

#include "common/text/utf8.h"

namespace newsflow {
namespace {

// The headers beside every event (newsflow.event_type, newsflow.schema_version, and room for
// diagnostic ones): names and values.
constexpr size_t kEventHeaderBytes = 192;

}  // namespace

bool MessageFit::FitEvent(v1::ArticleEvent* event, size_t budget) {
  for (;;) {
    const size_t size = event->ByteSizeLong();
    if (size <= budget) return true;
    const size_t excess = size - budget;
    if (event->body().empty()) return false;
    // Field framing may shrink by a byte or two with the body: cut a little more than the excess.
    const size_t keep = event->body().size() > excess + 8 ? event->body().size() - excess - 8 : 0;
    event->set_body(std::string(text::CutUtf8(event->body(), keep)));
    event->set_truncated(true);
  }
}

std::string MessageFit::CutReason(std::string_view reason) {
  return std::string(text::CutUtf8(reason, kMaxReasonBytes));
}

int MessageFit::FitOutcome(v1::PageOutcomeRecord* outcome) const {
  if (outcome->dead_letter_reason().size() > kMaxReasonBytes) {
    outcome->set_dead_letter_reason(CutReason(outcome->dead_letter_reason()));
  }
  int cut = 0;
  for (auto& event : *outcome->mutable_events()) {
    const size_t fixed = kFramingBytes + kEventHeaderBytes + event.article_id().size();
    const size_t budget = max_message_bytes_ > fixed ? max_message_bytes_ - fixed : 0;
    if (event.ByteSizeLong() <= budget) continue;
    const size_t before = event.ByteSizeLong();
    if (!FitEvent(&event, budget)) {
      outcome->clear_events();
      outcome->set_failed_stage("publish");
      outcome->set_dead_letter_reason(
          fmt::format("an article event of {} bytes does not fit kafka.max_message_bytes ({}) even "
                      "without its body",
                      before, max_message_bytes_));
      return cut;
    }
    ++cut;
  }
  return cut;
}

MessageFit::DeadLetter MessageFit::FitDeadLetter(std::string_view key, std::string_view page,
                                                 size_t header_bytes) const {
  DeadLetter out;
  out.key = text::CutUtf8(key, kMaxKeyBytes);
  const size_t fixed = kFramingBytes + header_bytes + out.key.size();
  const size_t room = max_message_bytes_ > fixed ? max_message_bytes_ - fixed : 0;
  out.cut = page.size() > room;
  out.value = out.cut ? page.substr(0, room) : page;
  return out;
}

}  // namespace newsflow
