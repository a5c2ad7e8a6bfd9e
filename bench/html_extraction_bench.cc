// html_extraction_bench: speed of HtmlExtractor on the extraction benchmark pages, one core.
//
// usage: html_extraction_bench [DIR] [--rounds N] [--no-peer]
//   DIR defaults to $NEWSFLOW_SHARED_DIR/data/extraction/html (else ../shared/... beside the
//   working directory's repo). Every DIR/*.html.gz is read into memory first (zlib), bytes that
//   are not valid UTF-8 are replaced by U+FFFD, then the pages are timed:
//   Times are CPU time of the timing thread (the machine may be shared).
//   - ours:    HtmlExtractor::Extract on every page (parse + walk + scoring + metadata)
//   - ceiling: myhtml's own tree building alone (parse into a reused tree, single-threaded mode)
//   - parse:   our pre-parse filter plus myhtml on its output (what ours costs before the walk)
//   - peer:    readability-lxml (Debian python3-readability) over the same pages, timed inside a
//              small python3 program run through popen, if python3 and the module are present.
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

#include "stages/clean/html_extractor.h"
#include "stages/clean/html_prefilter.h"

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

// CPU time of this thread: the machine is shared, and wall time would count others' work.
double CpuNow() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
double Seconds(double start) { return CpuNow() - start; }

void Print(const char* name, size_t pages, size_t bytes, double secs) {
  std::printf("%-9s %8.0f pages/s  %7.1f MB/s  (%zu pages, %.1f MB, %.3f s)\n", name, pages / secs,
              bytes / secs / 1e6, pages, bytes / 1e6, secs);
}

// The peer: readability-lxml timed in-process by python, one line "PAGES SECONDS" back.
void RunPeer(const std::string& dir) {
  const char* kProgram =
      "import sys,gzip,glob,time\n"
      "try:\n"
      "  from readability import Document\n"
      "except Exception:\n"
      "  print('missing'); sys.exit(0)\n"
      "pages=[gzip.open(p).read().decode('utf-8','replace') for p in "
      "sorted(glob.glob(sys.argv[1]+'/*.html.gz'))]\n"
      "t=time.process_time()\n"
      "for h in pages:\n"
      "  try: Document(h).summary()\n"
      "  except Exception: pass\n"
      "print(len(pages), time.process_time()-t, sum(len(h.encode()) for h in pages))\n";
  std::string path = "/tmp/html_extraction_bench_peer.py";
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    std::printf("peer: not installed\n");
    return;
  }
  std::fputs(kProgram, f);
  std::fclose(f);
  // Debian's interpreter first: the module is a Debian package.
  std::string python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  std::string cmd = python + " " + path + " '" + dir + "' 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  char line[256] = {0};
  bool got = p != nullptr && std::fgets(line, sizeof line, p) != nullptr;
  if (p != nullptr) pclose(p);
  std::remove(path.c_str());
  size_t pages = 0;
  double secs = 0;
  size_t bytes = 0;
  if (!got || std::sscanf(line, "%zu %lf %zu", &pages, &secs, &bytes) != 3 || secs <= 0) {
    std::printf("peer: not installed\n");
    return;
  }
  Print("peer", pages, bytes, secs);
  std::printf("          (readability-lxml Document(html).summary(), python3, same pages)\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  int rounds = 5;
  bool peer = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
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
  std::printf("%zu pages, %.1f MB, %d rounds, one thread\n", pages.size(), bytes / 1e6, rounds);

  newsflow::HtmlExtractor extractor;
  size_t words = 0;
  for (const auto& p : pages) {  // warm-up; also a checksum so the work is not optimised away
    auto r = extractor.Extract(p, "https://example.com/", 0);
    if (!r.articles.empty()) words += r.articles[0].body.size();
  }
  double start = CpuNow();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& p : pages) {
      auto res = extractor.Extract(p, "https://example.com/", 0);
      words += res.articles.size();
    }
  }
  Print("ours", pages.size() * rounds, bytes * rounds, Seconds(start));

  myhtml_t* myhtml = myhtml_create();
  myhtml_init(myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0);
  myhtml_tree_t* tree = myhtml_tree_create();
  myhtml_tree_init(tree, myhtml);
  start = CpuNow();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& p : pages) {
      myhtml_parse(tree, MyENCODING_UTF_8, p.data(), p.size());  // cleans the previous tree
    }
  }
  Print("ceiling", pages.size() * rounds, bytes * rounds, Seconds(start));
  std::printf("          (myhtml tree building only, reused tree)\n");
  std::string filtered;
  start = CpuNow();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& p : pages) {
      newsflow::DropInvisibleRawText(p, 512, &filtered);
      myhtml_parse(tree, MyENCODING_UTF_8, filtered.data(), filtered.size());
    }
  }
  Print("parse", pages.size() * rounds, bytes * rounds, Seconds(start));
  std::printf(
      "          (our prefilter + myhtml on its output: ours minus the walk and scoring)\n");
  myhtml_tree_destroy(tree);
  myhtml_destroy(myhtml);

  if (peer) RunPeer(dir);
  std::printf("(checksum %zu)\n", words);
  return 0;
}
