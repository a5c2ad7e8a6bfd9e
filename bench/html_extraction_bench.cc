// html_extraction_bench: speed of HtmlExtractor on the extraction benchmark pages, one core.
//
// usage: html_extraction_bench [DIR] [--rounds N] [--peer-rounds N] [--no-peer]
//   DIR defaults to $NEWSFLOW_SHARED_DIR/data/extraction/html (else ../shared/... beside the
//   working directory's repo). Every DIR/*.html.gz is read into memory first (zlib), bytes that
//   are not valid UTF-8 are replaced by U+FFFD, then the pages are timed:
//   Each contender prints one line: pages/s and MB/s per CPU-second of the thread doing the
//   work (one core; the machine may be shared), CPU ms per page, and wall-clock pages/s.
//   - ours:    HtmlExtractor::Extract on every page (parse + walk + scoring + metadata)
//   - ceiling: myhtml's own tree building alone (parse into a reused tree, single-threaded mode)
//   - parse:   our pre-parse filter plus myhtml on its output (what ours costs before the walk)
//   - peer:    readability-lxml (Debian python3-readability) over the same pages, timed inside a
//              small python3 program run through popen (only its extraction loop is timed),
//              if python3 and the module are present; then ours/peer in CPU time per page.
// Prints figures only; never fails on time.
#include <myhtml/api.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "common/text/ascii.h"
#include "common/text/utf8.h"
#include "daemon/page_files.h"
#include "stages/clean/html/html_extractor.h"
#include "stages/clean/html/prefilter.h"

namespace {

// CPU time of this thread: the machine may be shared, and wall time would count others' work.
double CpuNow() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
double WallNow() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// CPU and wall seconds of one timed loop.
struct Timing {
  double cpu = 0;
  double wall = 0;
};

class Stopwatch {
 public:
  Stopwatch() : cpu_(CpuNow()), wall_(WallNow()) {}
  Timing Elapsed() const { return {CpuNow() - cpu_, WallNow() - wall_}; }

 private:
  double cpu_;
  double wall_;
};

// One line per contender: pages/s and MB/s per CPU-second of the one thread doing the work
// (what one core does; little affected by other load), CPU time per page, then wall figures.
void Print(const char* name, size_t pages, size_t bytes, Timing t, const char* what) {
  std::printf(
      "%-8s %7.0f pages/s  %6.1f MB/s  %7.3f ms CPU/page   wall %7.0f pages/s  (%zu pages, "
      "%.1f MB, CPU %.2f s, wall %.2f s)  %s\n",
      name, pages / t.cpu, bytes / t.cpu / 1e6, t.cpu * 1e3 / pages, pages / t.wall, pages,
      bytes / 1e6, t.cpu, t.wall, what);
}

// The peer: readability-lxml over the same pages, timed inside python (interpreter start-up,
// imports and reading the pages are not timed). Returns its CPU seconds per page, 0 if absent.
double RunPeer(const std::string& dir, int rounds) {
  static const char kProgram[] =
      "import sys,gzip,glob,time\n"
      "try:\n"
      "  from readability import Document\n"
      "except Exception:\n"
      "  print('missing'); sys.exit(0)\n"
      "pages=[gzip.open(p).read().decode('utf-8','replace') for p in "
      "sorted(glob.glob(sys.argv[1]+'/*.html.gz'))]\n"
      "rounds=int(sys.argv[2]); failed=0\n"
      "c=time.process_time(); w=time.perf_counter()\n"
      "for _ in range(rounds):\n"
      "  for h in pages:\n"
      "    try:\n"
      "      Document(h).summary()\n"
      "    except Exception: failed+=1\n"
      "c=time.process_time()-c; w=time.perf_counter()-w\n"
      "print(len(pages)*rounds, c, w, sum(len(h.encode()) for h in pages)*rounds, failed)\n";
  char path[] = "/tmp/html_extraction_bench_peer_XXXXXX.py";
  int fd = mkstemps(path, 3);
  if (fd < 0) {
    std::printf("peer     not run (no temp file)\n");
    return 0;
  }
  FILE* f = fdopen(fd, "w");
  std::fputs(kProgram, f);
  std::fclose(f);
  // Debian's interpreter first: the module is a Debian package (python3-readability).
  std::string python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  std::string cmd = python + " " + path + " '" + dir + "' " + std::to_string(rounds) + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n = 0;
  while (p != nullptr && (n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (p != nullptr) pclose(p);
  std::remove(path);
  // The figures are the last line (the library may log warnings before it).
  while (!out.empty() && out.back() == '\n') out.pop_back();
  const std::string last =
      out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
  size_t pages = 0, bytes = 0, failed = 0;
  Timing t;
  if (std::sscanf(last.c_str(), "%zu %lf %lf %zu %zu", &pages, &t.cpu, &t.wall, &bytes, &failed) !=
          5 ||
      t.cpu <= 0) {
    std::printf("peer     not run: %s\n",
                last == "missing"
                    ? "python3 module readability missing (apt-get install python3-readability)"
                    : out.substr(out.size() > 300 ? out.size() - 300 : 0).c_str());
    return 0;
  }
  Print("peer", pages, bytes, t,
        "readability-lxml: Document(html).summary() (no title: short_title() costs ~10 ms more)");
  if (failed > 0) std::printf("         (peer raised on %zu of %zu pages)\n", failed, pages);
  return t.cpu / pages;
}

struct Args {
  std::string dir;
  int rounds = 10;
  int peer_rounds = 1;
  bool peer = true;
};

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rounds" && i + 1 < argc) {
      args.rounds = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--peer-rounds" && i + 1 < argc) {
      args.peer_rounds = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--no-peer") {
      args.peer = false;
    } else {
      args.dir = a;
    }
  }
  if (args.dir.empty()) {
    const char* shared = std::getenv("NEWSFLOW_SHARED_DIR");
    args.dir = std::string(shared != nullptr ? shared : "../shared") + "/data/extraction/html";
  }
  return args;
}

// Every DIR/*.html.gz, sorted, gunzipped and scrubbed to valid UTF-8.
std::vector<std::string> LoadPages(const std::string& dir, size_t* bytes) {
  std::vector<std::string> pages;
  auto files = newsflow::ListPageFiles({dir});
  if (!files.ok()) return pages;
  for (const auto& f : files.value()) {
    if (!newsflow::text::EndsWith(f, ".html.gz")) continue;
    auto page = newsflow::ReadFileBytes(f);
    if (!page.ok()) continue;
    newsflow::text::ScrubUtf8(&page.value());
    *bytes += page->size();
    pages.push_back(std::move(page).value());
  }
  return pages;
}

// Ours: the whole extraction, after one warm-up pass. `checksum` keeps the work observable.
Timing TimeOurs(const std::vector<std::string>& pages, int rounds, size_t* checksum) {
  newsflow::HtmlExtractor extractor;
  for (const auto& p : pages) {
    auto r = extractor.Extract(p, "https://example.com/", 0);
    if (!r.articles.empty()) *checksum += r.articles[0].body.size();
  }
  Stopwatch watch;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& p : pages) {
      *checksum += extractor.Extract(p, "https://example.com/", 0).articles.size();
    }
  }
  return watch.Elapsed();
}

// myhtml's tree building alone (the ceiling), then our prefilter plus myhtml on its output.
void TimeParser(const std::vector<std::string>& pages, int rounds, size_t bytes) {
  myhtml_t* myhtml = myhtml_create();
  myhtml_init(myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0);
  myhtml_tree_t* tree = myhtml_tree_create();
  myhtml_tree_init(tree, myhtml);
  Stopwatch watch;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& p : pages) {
      myhtml_parse(tree, MyENCODING_UTF_8, p.data(), p.size());  // cleans the previous tree
    }
  }
  Print("ceiling", pages.size() * rounds, bytes * rounds, watch.Elapsed(),
        "myhtml tree building alone, whole page, reused tree");
  std::string filtered;
  watch = Stopwatch();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& p : pages) {
      newsflow::DropInvisibleRawText(p, 512, &filtered);
      myhtml_parse(tree, MyENCODING_UTF_8, filtered.data(), filtered.size());
    }
  }
  Print("parse", pages.size() * rounds, bytes * rounds, watch.Elapsed(),
        "our prefilter + myhtml on its output: ours minus the walk and scoring");
  myhtml_tree_destroy(tree);
  myhtml_destroy(myhtml);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  size_t bytes = 0;
  const std::vector<std::string> pages = LoadPages(args.dir, &bytes);
  if (pages.empty()) {
    std::printf("no pages in %s\n", args.dir.c_str());
    return 0;
  }
  std::printf(
      "html_extraction_bench: %zu pages, %.1f MB; %d rounds (peer %d), one thread each.\n"
      "pages/s and MB/s per CPU-second of that thread (one core; little affected by load),\n"
      "CPU time per page, and wall-clock pages/s (affected by other load on the machine):\n",
      pages.size(), bytes / 1e6, args.rounds, args.peer_rounds);
  size_t checksum = 0;
  const Timing ours = TimeOurs(pages, args.rounds, &checksum);
  Print("ours", pages.size() * args.rounds, bytes * args.rounds, ours,
        "HtmlExtractor::Extract: prefilter, parse, walk, scoring, metadata");
  TimeParser(pages, args.rounds, bytes);
  if (args.peer) {
    const double peer_cpu_per_page = RunPeer(args.dir, args.peer_rounds);
    if (peer_cpu_per_page > 0) {
      std::printf("ours/peer %.1fx (CPU time per page)\n",
                  peer_cpu_per_page / (ours.cpu / (pages.size() * args.rounds)));
    }
  }
  std::printf("(checksum %zu)\n", checksum);
  return 0;
}
