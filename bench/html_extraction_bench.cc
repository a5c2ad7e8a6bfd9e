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
#include <dirent.h>
#include <myhtml/api.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "stages/clean/html/html_extractor.h"
#include "stages/clean/html/prefilter.h"

namespace {

std::string Gunzip(const std::string& path) {
  std::string out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return out;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return out;
}

// Replaces every byte sequence that is not well-formed UTF-8 by U+FFFD.
std::string ScrubUtf8(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= in.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
    }
    if (ok && len == 2 && c < 0xC2) ok = false;  // overlong
    if (ok) {
      out.append(in, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

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

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  int rounds = 10;
  int peer_rounds = 1;
  bool peer = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--peer-rounds" && i + 1 < argc) {
      peer_rounds = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--no-peer") {
      peer = false;
    } else {
      dir = a;
    }
  }
  if (dir.empty()) {
    const char* shared = std::getenv("NEWSFLOW_SHARED_DIR");
    dir = std::string(shared != nullptr ? shared : "../shared") + "/data/extraction/html";
  }
  std::vector<std::string> pages;
  size_t bytes = 0;
  if (DIR* d = opendir(dir.c_str())) {
    std::vector<std::string> names;
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 8 && n.compare(n.size() - 8, 8, ".html.gz") == 0) names.push_back(n);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto& n : names) {
      pages.push_back(ScrubUtf8(Gunzip(dir + "/" + n)));
      bytes += pages.back().size();
    }
  }
  if (pages.empty()) {
    std::printf("no pages in %s\n", dir.c_str());
    return 0;
  }
  std::printf(
      "html_extraction_bench: %zu pages, %.1f MB; %d rounds (peer %d), one thread each.\n"
      "pages/s and MB/s per CPU-second of that thread (one core; little affected by load),\n"
      "CPU time per page, and wall-clock pages/s (affected by other load on the machine):\n",
      pages.size(), bytes / 1e6, rounds, peer_rounds);

  newsflow::HtmlExtractor extractor;
  size_t words = 0;
  for (const auto& p : pages) {  // warm-up; also a checksum so the work is not optimised away
    auto r = extractor.Extract(p, "https://example.com/", 0);
    if (!r.articles.empty()) words += r.articles[0].body.size();
  }
  Stopwatch watch;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& p : pages) {
      auto res = extractor.Extract(p, "https://example.com/", 0);
      words += res.articles.size();
    }
  }
  const Timing ours = watch.Elapsed();
  Print("ours", pages.size() * rounds, bytes * rounds, ours,
        "HtmlExtractor::Extract: prefilter, parse, walk, scoring, metadata");

  myhtml_t* myhtml = myhtml_create();
  myhtml_init(myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0);
  myhtml_tree_t* tree = myhtml_tree_create();
  myhtml_tree_init(tree, myhtml);
  watch = Stopwatch();
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

  if (peer) {
    const double peer_cpu_per_page = RunPeer(dir, peer_rounds);
    if (peer_cpu_per_page > 0) {
      std::printf("ours/peer %.1fx (CPU time per page)\n",
                  peer_cpu_per_page / (ours.cpu / (pages.size() * rounds)));
    }
  }
  std::printf("(checksum %zu)\n", words);
  return 0;
}
