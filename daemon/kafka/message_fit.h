// MessageFit: everything newsflowd publishes fits kafka.max_message_bytes (the producer's
// message.max.bytes), whatever page arrives — a message over it would fail in the producer and
// abort its batch on every replay.
//
// - An article event over the limit has its body cut at a UTF-8 boundary until it fits, and
//   `truncated` set. An event that does not fit even without its body turns the page into a
//   dead letter (stage "publish").
// - A dead letter's reason is cut to kMaxReasonBytes and its key to kMaxKeyBytes; a page
//   larger than the room left carries its first bytes only, with the header
//   newsflow.truncated_from_bytes giving the page's full size.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsflow/v1/state.pb.h"

namespace newsflow {

class MessageFit {
 public:
  static constexpr size_t kMaxReasonBytes = 1024;
  static constexpr size_t kMaxKeyBytes = 1024;
  // Room kept in every message for the record's framing and the header names.
  static constexpr size_t kFramingBytes = 1024;

  explicit MessageFit(size_t max_message_bytes) : max_message_bytes_(max_message_bytes) {}

  // Makes the outcome's events and dead-letter reason fit. Returns the events whose body was
  // cut.
  int FitOutcome(v1::PageOutcomeRecord* outcome) const;

  // `reason` cut to kMaxReasonBytes.
  static std::string CutReason(std::string_view reason);

  struct DeadLetter {
    std::string_view key;
    std::string_view value;
    bool cut = false;  // value is the page's first bytes only
  };
  // The dead letter of a page with this key and payload, next to headers of `header_bytes`.
  DeadLetter FitDeadLetter(std::string_view key, std::string_view page, size_t header_bytes) const;

 private:
  // Cuts the body until the serialized event takes at most `budget` bytes; false if it
  // cannot fit even empty.
  static bool FitEvent(v1::ArticleEvent* event, size_t budget);

  size_t max_message_bytes_;
};

}  // namespace newsflow
