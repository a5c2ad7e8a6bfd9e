// newsflowctl process: pages (files, directories, .gz, .jsonl of RawPage JSON) through the
// pipeline, one ArticleEvent per line as JSON on stdout (duplicates included); dead letters
// on stderr (a file or JSONL line over decode.max_page_bytes among them, never read whole).
#include <cstdio>

#include "daemon/ctl/commands.h"
#include "daemon/ctl/run_setup.h"
#include "daemon/event_json.h"
#include "daemon/page_files.h"
#include "daemon/runtime.h"

namespace newsflow::ctl {

int Process(const Args& a) {
  if (a.positional.empty()) return Usage();
  auto config = ConfigFrom(a);
  if (!config.ok()) return Fail(config.status().ToString());
  auto fetch = FetchTime(a);
  if (!fetch.ok()) return Fail(fetch.status().ToString());
  auto files = ListPageFiles(a.positional);
  if (!files.ok()) return Fail(files.status().ToString());
  StateDir dir(a.Get("--state-dir"));
  auto rt = Runtime::Open(*config, dir.path(), {}, WalSync::kNoSync);
  if (!rt.ok()) return Fail(rt.status().ToString());
  Runtime& runtime = **rt;
  std::string line;
  Status s = ForEachPage(
      *files, PageFileOptions{*fetch, config->decode.max_page_bytes},
      [&](v1::RawPage&& page) -> Status {
        PageOutcome out = runtime.pipeline().Process(page);
        if (out.kind == PageOutcome::Kind::kDeadLetter) {
          std::fprintf(stderr, "dead-letter %s: %s\n", page.url().c_str(),
                       out.dead_letter_reason.c_str());
        }
        for (const auto& ev : out.events) {
          line = EventToJson(ev);
          line.push_back('\n');
          std::fwrite(line.data(), 1, line.size(), stdout);
        }
        return runtime.store().Commit();
      },
      [](const std::string& file, int n, const std::string& why) {
        if (n == 0) {  // a whole file
          std::fprintf(stderr, "dead-letter %s: %s\n", file.c_str(), why.c_str());
        } else {
          std::fprintf(stderr, "dead-letter %s:%d: %s\n", file.c_str(), n, why.c_str());
        }
      });
  std::fflush(stdout);
  if (!s.ok()) return Fail(s.ToString());
  return 0;
}

}  // namespace newsflow::ctl
