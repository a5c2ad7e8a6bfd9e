// text_clean_bench DIR [MIN_SECONDS]: pages/s and MB/s of TextPageSplitter over the text pages
// in DIR (every regular file), on one core. Prints figures; never fails on time.
#include <dirent.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "stages/clean/text/text_page_splitter.h"

namespace {

// CPU time of this thread: on a shared machine it tracks the work done, not the queueing.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::vector<std::string> ReadPages(const std::string& dir) {
  std::vector<std::string> pages;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return pages;
  while (dirent* e = readdir(d)) {
    std::string path = dir + "/" + e->d_name;
    struct stat st;
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    pages.push_back(ss.str());
  }
  closedir(d);
  return pages;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [MIN_SECONDS]\n", argv[0]);
    return 2;
  }
  const double min_seconds = argc > 2 ? std::atof(argv[2]) : 2.0;
  std::vector<std::string> pages = ReadPages(argv[1]);
  if (pages.empty()) {
    std::fprintf(stderr, "no pages in %s\n", argv[1]);
    return 1;
  }
  size_t bytes_per_round = 0;
  for (const auto& p : pages) bytes_per_round += p.size();

  const int64_t fetched_at_ms = 1748779200000;  // 2025-06-01T12:00:00Z
  newsflow::TextPageSplitter splitter;
  size_t articles = 0, rounds = 0;
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  const double cpu_start = ThreadCpuSeconds();
  double elapsed = 0;
  do {
    for (const auto& p : pages) articles += splitter.Split(p, fetched_at_ms).articles.size();
    ++rounds;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < min_seconds);

  const double cpu = ThreadCpuSeconds() - cpu_start;
  const double n_pages = static_cast<double>(pages.size() * rounds);
  const double mb = static_cast<double>(bytes_per_round * rounds) / 1e6;
  std::printf(
      "text_clean_bench: %zu pages (%.1f KB avg), %zu rounds, %.2f s wall, %.2f s cpu, "
      "one thread\n",
      pages.size(), bytes_per_round / 1024.0 / pages.size(), rounds, elapsed, cpu);
  std::printf("  wall: %.0f pages/s  %.1f MB/s\n", n_pages / elapsed, mb / elapsed);
  std::printf("  cpu:  %.0f pages/s  %.1f MB/s  %.1f us/page  %.2f articles/page\n", n_pages / cpu,
              mb / cpu, cpu * 1e6 / n_pages, articles / n_pages);
  return 0;
}
