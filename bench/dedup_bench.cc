// dedup_bench: the dedup stage on one core over a real RocksDB store.
//
// usage: dedup_bench [--articles N] [--probe M] [--batch B] [--dir PATH] [--store rocksdb|memory]
//                    [--write-buffer-mb W] [--block-cache-mb C] [--hash-memtables 0|1]
//
// Indexes N synthetic articles (default 1,000,000; 300 words of a 20,000-word Zipf vocabulary,
// one page per article, every 10th page an edited copy or a teaser of an earlier article, three
// pages in four with a canonical article URL), then
// times M more (default 20,000) one by one with N indexed: articles/s, p50/p99/max latency of
// Process() (lookups + inserts), peak RSS, and bytes on disk per indexed article after a full
// compaction. Commits every B pages (default 100) without syncing the WAL. `--store memory`
// runs on an in-process map instead, to separate the stage's own cost from RocksDB's.
// `--write-buffer-mb` / `--block-cache-mb` override RocksDbOptions (storage.write_buffer_mb,
// storage.block_cache_mb in the daemon); `--hash-memtables 0` leaves the dedup namespaces out
// of RocksDbOptions::point_lookup_namespaces (the daemon lists them, as does the default here).
// Prints figures; never fails on time.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "pipeline/text_hash.h"
#include "stages/dedup/dedup_stage.h"
#include "storage/rocksdb_state_store.h"

namespace {

using Clock = std::chrono::steady_clock;

class TextMaker {
 public:
  explicit TextMaker(uint64_t seed) : rng_(seed) {
    static const char* const kSyllables[] = {"ka", "lo", "mi",  "ne", "tur", "sa", "ven", "do",
                                             "ri", "pa", "gon", "el", "ast", "ru", "bi",  "cho"};
    std::uniform_int_distribution<int> pick(0, 15), len(1, 4);
    for (int i = 0; i < 20000; ++i) {
      std::string w;
      for (int s = len(rng_); s > 0; --s) w += kSyllables[pick(rng_)];
      words_.push_back(w + std::to_string(i % 97));
    }
    // Zipf(1.0) cumulative weights.
    double sum = 0;
    for (int i = 1; i <= 20000; ++i) cumulative_.push_back(sum += 1.0 / i);
  }

  std::string Word() {
    std::uniform_real_distribution<double> u(0, cumulative_.back());
    const double x = u(rng_);
    return words_[std::lower_bound(cumulative_.begin(), cumulative_.end(), x) -
                  cumulative_.begin()];
  }

  std::string Body(int words) {
    std::string out;
    for (int i = 0; i < words; ++i) {
      if (i > 0) out += (i % 60 == 0) ? "\n" : (i % 15 == 0 ? ". " : " ");
      out += Word();
    }
    return out + ".";
  }

  // An edited copy: a few words replaced, the last paragraph dropped.
  std::string Edit(const std::string& body) {
    std::string out =
        body.substr(0, body.rfind('\n') == std::string::npos ? body.size() : body.rfind('\n'));
    std::uniform_int_distribution<size_t> at(0, out.size() - 1);
    for (int i = 0; i < 3; ++i) {
      size_t p = out.find(' ', at(rng_));
      if (p != std::string::npos) out.insert(p + 1, "edited ");
    }
    return out;
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

// CPU of the whole process (every thread: the stage, RocksDB's flushes and compactions).
double ProcessCpuS() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU time of this thread: latency without the time the scheduler gave to other processes.
double ThreadCpuUs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// An in-process StateStore (hash maps; no batch semantics needed here: Commit is a no-op).
class MapStore final : public newsflow::StateStore {
 public:
  explicit MapStore(const std::vector<newsflow::NamespaceSpec>& spaces) {
    for (const auto& s : spaces) maps_[s.name];
  }
  std::vector<std::string> Namespaces() const override {
    std::vector<std::string> out;
    for (const auto& [name, m] : maps_) out.push_back(name);
    return out;
  }
  newsflow::Status Get(std::string_view ns, std::string_view key, std::string* value) override {
    auto& m = maps_.find(std::string(ns))->second;
    auto it = m.find(std::string(key));
    if (it == m.end()) return newsflow::Status::NotFound("");
    *value = it->second;
    return newsflow::Status::Ok();
  }
  newsflow::Status Put(std::string_view ns, std::string_view key, std::string_view value) override {
    maps_.find(std::string(ns))->second[std::string(key)] = std::string(value);
    return newsflow::Status::Ok();
  }
  newsflow::Status Delete(std::string_view ns, std::string_view key) override {
    maps_.find(std::string(ns))->second.erase(std::string(key));
    return newsflow::Status::Ok();
  }
  newsflow::Status ScanPrefix(std::string_view, std::string_view,
                              const std::function<bool(std::string_view, std::string_view)>&,
                              size_t) override {
    return newsflow::Status::Ok();
  }
  newsflow::Status Commit() override { return newsflow::Status::Ok(); }
  void Rollback() override {}

 private:
  std::map<std::string, std::unordered_map<std::string, std::string>> maps_;
};

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

struct Args {
  size_t n = 1000000, probe = 20000, batch = 100, write_buffer_mb = 0, block_cache_mb = 0;
  std::string dir, store_kind = "rocksdb";
  bool hash_memtables = true;  // as the daemon's Runtime opens the dedup namespaces
};

Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    const char* v = argv[i + 1];
    if (k == "--articles") a.n = std::strtoull(v, nullptr, 10);
    if (k == "--probe") a.probe = std::strtoull(v, nullptr, 10);
    if (k == "--batch") a.batch = std::strtoull(v, nullptr, 10);
    if (k == "--dir") a.dir = v;
    if (k == "--store") a.store_kind = v;
    if (k == "--write-buffer-mb") a.write_buffer_mb = std::strtoull(v, nullptr, 10);
    if (k == "--block-cache-mb") a.block_cache_mb = std::strtoull(v, nullptr, 10);
    if (k == "--hash-memtables") a.hash_memtables = std::string(v) == "1";
  }
  return a;
}

newsflow::RocksDbOptions StoreOptions(const Args& args, const newsflow::DedupOptions& options) {
  newsflow::RocksDbOptions db_options;
  db_options.wal_sync = newsflow::WalSync::kNoSync;
  if (args.write_buffer_mb > 0) db_options.write_buffer_bytes = args.write_buffer_mb << 20;
  if (args.block_cache_mb > 0) db_options.block_cache_bytes = args.block_cache_mb << 20;
  if (args.hash_memtables) {
    for (const auto& ns : newsflow::DedupNamespaces(options)) {
      db_options.point_lookup_namespaces.push_back(ns.name);
    }
  }
  return db_options;
}

// The i-th page: one article, three in four with a canonical URL (HTML pages mostly name one;
// plain-text pages and listing teasers do not); every 10th an edited copy or a teaser of a
// recent article. `recent` holds bodies to copy from (bounded).
newsflow::PageWork MakePage(size_t i, TextMaker* maker, std::vector<std::string>* recent) {
  newsflow::PageWork work;
  work.page.url = "https://bench.example/p/" + std::to_string(i);
  newsflow::Article a;
  a.title = "Title " + std::to_string(i);
  if (i % 4 != 3) {
    a.url = "https://site" + std::to_string(i % 50) + ".example/news/" + std::to_string(i) +
            "-story?utm_source=feed";
  }
  if (i % 10 == 9 && !recent->empty()) {
    const std::string& src = (*recent)[maker->rng()() % recent->size()];
    a.body = (i % 20 == 9) ? maker->Edit(src) : src.substr(0, src.find('.') + 1);
  } else {
    a.body = maker->Body(300);
    if (recent->size() < 1000) {
      recent->push_back(a.body);
    } else {
      (*recent)[maker->rng()() % recent->size()] = a.body;
    }
  }
  work.articles.push_back(std::move(a));
  return work;
}

// What the run measured.
struct RunFigures {
  size_t duplicates = 0, supersedes = 0;
  double busy_s = 0, busy_cpu_s = 0;
  double commit_s = 0, commit_cpu_s = 0;
  double probe_cpu_s = 0, probe_commit_cpu_s = 0;  // the timed probes only
  double background_cpu_s = 0, wall_s = 0;
  std::vector<double> latencies_us, cpu_us;  // the probes, sorted
};

// Commits the store every `batch` pages (and after the last), timing it. False on error.
bool MaybeCommit(size_t i, size_t total, const Args& args, newsflow::StateStore* store,
                 RunFigures* f) {
  if ((i + 1) % args.batch != 0 && i + 1 != total) return true;
  const auto c0 = Clock::now();
  const double cc0 = ThreadCpuUs();
  auto s = store->Commit();
  f->commit_cpu_s += (ThreadCpuUs() - cc0) / 1e6;
  if (i >= args.n) f->probe_commit_cpu_s += (ThreadCpuUs() - cc0) / 1e6;
  f->commit_s += std::chrono::duration<double>(Clock::now() - c0).count();
  if (!s.ok()) std::fprintf(stderr, "commit: %s\n", s.ToString().c_str());
  return s.ok();
}

// Indexes args.n articles, then times args.probe more. False on a dead letter or store error.
bool Run(const Args& args, newsflow::Stage* stage, newsflow::StateStore* store, RunFigures* f) {
  TextMaker maker(42);
  std::vector<std::string> recent;
  f->latencies_us.reserve(args.probe);
  f->cpu_us.reserve(args.probe);
  const size_t total = args.n + args.probe;
  const double process_cpu_start = ProcessCpuS();
  const double main_cpu_start_us = ThreadCpuUs();
  const auto wall_start = Clock::now();
  for (size_t i = 0; i < total; ++i) {
    newsflow::PageWork work = MakePage(i, &maker, &recent);
    const auto t0 = Clock::now();
    const double c0 = ThreadCpuUs();
    auto r = stage->Process(work);
    const double cpu = ThreadCpuUs() - c0;
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    if (r.verdict != newsflow::StageVerdict::kContinue) {
      std::fprintf(stderr, "dead letter: %s\n", r.reason.c_str());
      return false;
    }
    f->busy_s += us / 1e6;
    f->busy_cpu_s += cpu / 1e6;
    if (i >= args.n) {
      f->latencies_us.push_back(us);
      f->cpu_us.push_back(cpu);
      f->probe_cpu_s += cpu / 1e6;
    }
    f->duplicates += work.articles[0].dedup.status == newsflow::DedupStatus::kDuplicate;
    f->supersedes += work.articles[0].dedup.status == newsflow::DedupStatus::kSupersedes;
    if (!MaybeCommit(i, total, args, store, f)) return false;
    if ((i + 1) % 100000 == 0) {
      std::fprintf(stderr,
                   "%zu articles, %.0f articles/s in Process() (%.0f per CPU-second), rss %ld MB\n",
                   i + 1, static_cast<double>(i + 1) / f->busy_s,
                   static_cast<double>(i + 1) / f->busy_cpu_s, PeakRssMb());
    }
  }
  // RocksDB's background threads: everything but this thread (which also builds the articles).
  f->background_cpu_s =
      ProcessCpuS() - process_cpu_start - (ThreadCpuUs() - main_cpu_start_us) / 1e6;
  f->wall_s = std::chrono::duration<double>(Clock::now() - wall_start).count();
  std::sort(f->latencies_us.begin(), f->latencies_us.end());
  std::sort(f->cpu_us.begin(), f->cpu_us.end());
  return true;
}

// Bytes on disk of the dedup namespaces, as the run left them and after a full compaction
// (printed per namespace).
void MeasureDisk(newsflow::RocksDbStateStore* rocks, const newsflow::DedupOptions& options,
                 uint64_t* before_compaction, uint64_t* after) {
  for (const auto& ns : newsflow::DedupNamespaces(options)) {
    *before_compaction += rocks->ApproximateDiskBytes(ns.name);
  }
  (void)rocks->Flush();
  (void)rocks->CompactAll();
  for (const auto& ns : newsflow::DedupNamespaces(options)) {
    const uint64_t b = rocks->ApproximateDiskBytes(ns.name);
    std::printf("disk %-12s %10.1f MB\n", ns.name.c_str(), static_cast<double>(b) / 1e6);
    *after += b;
  }
}

double Percentile(const std::vector<double>& v, double p) {
  return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

void PrintThroughput(const Args& args, const RunFigures& f) {
  const double total = static_cast<double>(args.n + args.probe);
  std::printf(
      "throughput: %.0f articles/s in Process() (%.0f per thread CPU-second), "
      "%.0f articles/s with Commit() (%.0f per thread CPU-second)\n",
      total / f.busy_s, total / f.busy_cpu_s, total / (f.busy_s + f.commit_s),
      total / (f.busy_cpu_s + f.commit_cpu_s));
  // What one core gives: the stage, its commits and RocksDB's background flushes and
  // compactions over the run (the compaction debt left at the end is not counted).
  std::printf(
      "one core: %.0f articles per CPU-second in Process() + Commit() + RocksDB's flushes and "
      "compactions (%.1f + %.1f + %.1f CPU-s; %.1f s wall)\n",
      total / (f.busy_cpu_s + f.commit_cpu_s + f.background_cpu_s), f.busy_cpu_s, f.commit_cpu_s,
      f.background_cpu_s, f.wall_s);
  if (args.probe > 0) {
    std::printf(
        "throughput with %zu indexed (the %zu probes): %.0f articles per thread CPU-second in "
        "Process(), %.0f with Commit()\n",
        args.n, args.probe, static_cast<double>(args.probe) / f.probe_cpu_s,
        static_cast<double>(args.probe) / (f.probe_cpu_s + f.probe_commit_cpu_s));
  }
  std::printf(
      "latency with %zu indexed (%zu probes): wall p50 %.1f us, p99 %.1f us, max %.1f us; "
      "thread CPU p50 %.1f us, p99 %.1f us\n",
      args.n, f.latencies_us.size(), Percentile(f.latencies_us, 0.5),
      Percentile(f.latencies_us, 0.99), f.latencies_us.empty() ? 0.0 : f.latencies_us.back(),
      Percentile(f.cpu_us, 0.5), Percentile(f.cpu_us, 0.99));
}

}  // namespace

int main(int argc, char** argv) {
  Args args = ParseArgs(argc, argv);
  const bool own_dir = args.dir.empty();  // a temporary store, removed at the end (~1.6 GB at 1M)
  if (own_dir) {
    char tmpl[] = "/tmp/dedup_bench.XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return 1;
    args.dir = tmpl;
  }
  newsflow::DedupOptions options;
  const newsflow::RocksDbOptions db_options = StoreOptions(args, options);
  std::unique_ptr<newsflow::RocksDbStateStore> rocks;
  std::unique_ptr<newsflow::StateStore> map_store;
  newsflow::StateStore* store = nullptr;
  if (args.store_kind == "memory") {
    map_store = std::make_unique<MapStore>(newsflow::DedupNamespaces(options));
    store = map_store.get();
  } else {
    auto opened =
        newsflow::RocksDbStateStore::Open(args.dir, newsflow::DedupNamespaces(options), db_options);
    if (!opened.ok()) {
      std::fprintf(stderr, "open: %s\n", opened.status().ToString().c_str());
      return 1;
    }
    rocks = std::move(opened.value());
    store = rocks.get();
  }
  newsflow::StageContext ctx;
  ctx.store = store;
  auto stage = newsflow::MakeDedupStage(options, ctx);
  if (!stage.ok()) {
    std::fprintf(stderr, "stage: %s\n", stage.status().ToString().c_str());
    return 1;
  }
  RunFigures f;
  const bool ran = Run(args, stage.value().get(), store, &f);
  uint64_t disk = 0, disk_before_compaction = 0;
  if (ran && rocks) MeasureDisk(rocks.get(), options, &disk_before_compaction, &disk);
  if (ran) {
    std::printf("store: %s (write buffer %zu MB per namespace, block cache %zu MB, %s memtables)\n",
                args.store_kind.c_str(), db_options.write_buffer_bytes >> 20,
                db_options.block_cache_bytes >> 20, args.hash_memtables ? "hash" : "skiplist");
    std::printf("articles indexed before probe: %zu (duplicates %zu, supersedes %zu overall)\n",
                args.n, f.duplicates, f.supersedes);
    PrintThroughput(args, f);
    std::printf("peak RSS: %ld MB\n", PeakRssMb());
    std::printf("disk: %.1f MB, %.0f bytes per article\n", static_cast<double>(disk) / 1e6,
                static_cast<double>(disk) / static_cast<double>(args.n + args.probe));
    if (rocks) {
      std::printf("disk as the run left it (before a full compaction): %.1f MB\n",
                  static_cast<double>(disk_before_compaction) / 1e6);
    }
    if (rocks && !own_dir) std::printf("store dir: %s\n", args.dir.c_str());
  }
  if (own_dir) {  // also after an error: the temporary store is never left behind
    stage.value().reset();
    rocks.reset();
    std::error_code ignored;
    std::filesystem::remove_all(args.dir, ignored);
  }
  return ran ? 0 : 1;
}
