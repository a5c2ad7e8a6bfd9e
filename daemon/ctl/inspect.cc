// newsflowctl inspect: one stored article, by article id or URL, as JSON.
#include <cstdio>

#include "daemon/ctl/commands.h"
#include "daemon/ctl/run_setup.h"
#include "daemon/event_json.h"
#include "daemon/runtime.h"
#include "newsflow/v1/article_event.pb.h"
#include "pipeline/namespaces.h"

namespace newsflow::ctl {

int Inspect(const Args& a) {
  if (!a.Has("--state-dir") || a.positional.size() != 1) return Usage();
  auto config = ConfigFrom(a);
  if (!config.ok()) return Fail(config.status().ToString());
  auto rt = Runtime::Open(*config, a.Get("--state-dir"), {}, WalSync::kNoSync);
  if (!rt.ok()) return Fail(rt.status().ToString());
  StateStore& store = (*rt)->store();
  std::string id = a.positional[0], value;
  if (!store.Get(state_ns::kArticles, id, &value).ok()) {
    std::string mapped;
    if (!store.Get(state_ns::kUrlIndex, id, &mapped).ok() ||
        !store.Get(state_ns::kArticles, mapped, &value).ok()) {
      return Fail("no article with id or URL " + id);
    }
  }
  v1::ArticleEvent ev;
  if (!ev.ParseFromString(value)) return Fail("stored article is corrupt");
  std::printf("%s\n", EventToJson(ev).c_str());
  return 0;
}

}  // namespace newsflow::ctl
