// Finding the data files newsflow ships (the default taxonomy, topics/iptc_media_topics.toml)
// at run time, without a source path compiled into the binary.
//
// Search order, first existing file wins:
//   1. `configured` as given: an explicit path from the config or a flag (a relative path is
//      relative to the working directory);
//   2. <exe dir>/../share/newsflow/<shipped>   an installed tree (/usr/local/bin/newsflowctl);
//   3. <exe dir>/../../deploy/<shipped>        a build tree (build/bin/../../deploy);
//   4. /usr/share/newsflow/<shipped>, then /etc/newsflow/<shipped>.
// The executable's directory comes from /proc/self/exe (Linux); when it cannot be read, 2 and
// 3 are skipped. `shipped` is the file's path under a data directory ("topics/x.toml").
//
// Cost: a few stat() calls. Threads: no shared state.
#pragma once

#include <string>
#include <vector>

namespace newsflow {

// The directories searched after `configured`, in order (2-4 above).
std::vector<std::string> DataDirs();

// The first existing file of the search order, or `configured` unchanged when none exists
// (opening it then reports the path the user gave).
std::string FindDataFile(const std::string& configured, const std::string& shipped);

}  // namespace newsflow
