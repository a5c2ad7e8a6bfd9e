// The owner a copyright footer names, which the splitter takes for the site's name.
// Pure function on views: no allocation, safe from any thread.
#pragma once

#include <string_view>

namespace newsflow {
namespace clean_text {

// "© 2025 The Harbour Times. All rights reserved.", "Copyright © Metro Wire 2019-2025",
// "(c) 2025 Example Media, Inc." -> the name, without years, legalese and company suffixes;
// empty when the line names no one (a view into `s`).
std::string_view FooterOwner(std::string_view s);

}  // namespace clean_text
}  // namespace newsflow
