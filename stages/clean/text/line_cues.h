// Cues on a line: widget and navigation wording, footer legalese, photo credits and captions.
// Phrases are matched at word starts of the lower-cased line in one pass (phrases bucketed by
// first byte, built once on first use). Threads: safe from any thread. Cost: linear in the
// line, no allocation.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsflow {
namespace clean_text {

// What the cue phrases found on a line suggest (a bit mask).
enum CueBits : uint32_t {
  kCueWidget = 1,      // widget and navigation phrases common to news sites in general
  kCueRights = 2,      // "all rights reserved" and other footer legalese
  kCueCreditName = 4,  // names a photo, an image, a credit or an agency
  kCueDateWord = 8,    // "ago", "yesterday": a relative date may be printed
};

// The cues of a line of at most 400 bytes (longer lines are paragraphs: no cues).
// `lower`: the line lower-cased (ASCII).
uint32_t LineCues(std::string_view lower);

// A widget or navigation line: short, with widget wording.
bool LooksLikeWidget(std::string_view s, uint32_t cues);

// Site footers: "© 2019 Example Media", "Copyright 2019 ...", "... All rights reserved."
// `lower`: `s` lower-cased (at least its first 400 bytes).
bool IsFooter(std::string_view s, std::string_view lower, uint32_t cues);

// Photo credits and captions: "Photo: AP", "(AP Photo/Jane Doe)", "Getty Images", "File photo".
// `lower`: `s` lower-cased (at least its first 160 bytes).
bool LooksLikeCredit(std::string_view s, std::string_view lower, uint32_t cues);

}  // namespace clean_text
}  // namespace newsflow
