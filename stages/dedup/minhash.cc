#include "stages/dedup/minhash.h"

#include <algorithm>
#include <limits>
#include <string>

#include "pipeline/text_hash.h"

namespace newsflow::dedup {
namespace {

// Below this many values std::sort beats the radix sort's fixed cost (4 x 256 counters).
constexpr size_t kRadixMinSize = 128;

// splitmix64's finaliser: a cheap bijective mixer for combining hashes.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Length of the UTF-8 sequence starting with byte `c` (1 for stray continuation bytes).
size_t Utf8Length(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

// Whether the code point at `p` (of `len` bytes) is a CJK ideograph or kana: scripts written
// without spaces, where each character is taken as a word.
bool IsUnspacedScript(const unsigned char* p, size_t len) {
  if (len != 3) return false;
  uint32_t cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

}  // namespace

std::vector<uint64_t> WordHashes(std::string_view utf8) {
  return WordHashesOfNormalised(NormaliseForHash(utf8));
}

std::vector<uint64_t> WordHashesOfNormalised(std::string_view norm) {
  std::vector<uint64_t> out;
  WordHashesOfNormalised(norm, &out);
  return out;
}

void WordHashesOfNormalised(std::string_view norm, std::vector<uint64_t>* out) {
  out->clear();
  out->reserve(norm.size() / 5 + 1);
  const auto* s = reinterpret_cast<const unsigned char*>(norm.data());
  const size_t n = norm.size();
  size_t word_start = std::string::npos;
  auto flush = [&](size_t end) {
    if (word_start != std::string::npos && end > word_start) {
      out->push_back(Hash64(std::string_view(norm.data() + word_start, end - word_start)));
    }
    word_start = std::string::npos;
  };
  for (size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c == ' ') {
      flush(i);
      ++i;
      continue;
    }
    if (c < 0x80) {  // ASCII (the common case): part of the current word
      if (word_start == std::string::npos) word_start = i;
      ++i;
      continue;
    }
    size_t len = std::min(Utf8Length(c), n - i);
    if (IsUnspacedScript(s + i, len)) {
      flush(i);
      out->push_back(Hash64(std::string_view(norm.data() + i, len)));
    } else if (word_start == std::string::npos) {
      word_start = i;
    }
    i += len;
  }
  flush(n);
}

void WordHashesOfRuns(std::string_view norm, const std::vector<NormalisedRun>& runs,
                      std::vector<uint64_t>* out) {
  out->clear();
  out->reserve(runs.size());
  std::vector<uint64_t> run_words;
  for (const NormalisedRun& r : runs) {
    const std::string_view run = norm.substr(r.begin, r.end - r.begin);
    if (r.ascii) {
      out->push_back(Hash64(run));
    } else {  // CJK characters are words of their own: split it as the full scan does
      WordHashesOfNormalised(run, &run_words);
      out->insert(out->end(), run_words.begin(), run_words.end());
    }
  }
}

std::vector<uint64_t> ShingleHashes(const std::vector<uint64_t>& words, int shingle_words) {
  std::vector<uint64_t> out;
  ShingleHashes(words, shingle_words, &out);
  return out;
}

namespace {

// The hash of the shingle of `width` words starting at `w`.
inline uint64_t ShingleHash(const uint64_t* w, size_t width) {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t j = 0; j < width; ++j) h = Mix(h ^ w[j]) + j;
  return Mix(h);
}

}  // namespace

void ShingleHashes(const std::vector<uint64_t>& words, int shingle_words,
                   std::vector<uint64_t>* out) {
  out->clear();
  const size_t k = static_cast<size_t>(std::max(1, shingle_words));
  if (words.empty()) return;
  const size_t count = words.size() >= k ? words.size() - k + 1 : 1;
  const size_t width = std::min(k, words.size());
  out->resize(count);
  uint64_t* o = out->data();
  const uint64_t* w = words.data();
  size_t i = 0;
  // Four shingles at a time: each is a chain of dependent multiplies, so interleaving four
  // independent chains keeps the multiplier busy (about twice as fast, same values).
  for (; i + 4 <= count; i += 4) {
    uint64_t h0 = 0x9e3779b97f4a7c15ULL, h1 = h0, h2 = h0, h3 = h0;
    for (size_t j = 0; j < width; ++j) {
      h0 = Mix(h0 ^ w[i + j]) + j;
      h1 = Mix(h1 ^ w[i + 1 + j]) + j;
      h2 = Mix(h2 ^ w[i + 2 + j]) + j;
      h3 = Mix(h3 ^ w[i + 3 + j]) + j;
    }
    o[i] = Mix(h0);
    o[i + 1] = Mix(h1);
    o[i + 2] = Mix(h2);
    o[i + 3] = Mix(h3);
  }
  for (; i < count; ++i) o[i] = ShingleHash(w + i, width);
}

std::vector<uint32_t> MinHashSignature(const std::vector<uint64_t>& shingles, int size) {
  std::vector<uint32_t> sig;
  if (shingles.empty() || size <= 0) return sig;
  constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> bins(static_cast<size_t>(size), kEmpty);
  std::vector<uint8_t> filled(static_cast<size_t>(size), 0);
  for (uint64_t h : shingles) {
    // High bits choose the bin, low bits are the value: independent parts of a mixed hash.
    const auto bin = static_cast<size_t>(((h >> 32) * static_cast<uint64_t>(size)) >> 32);
    const auto value = static_cast<uint32_t>(h);
    if (!filled[bin] || value < bins[bin]) bins[bin] = value;
    filled[bin] = 1;
  }
  sig.resize(bins.size());
  for (size_t i = 0; i < bins.size(); ++i) {
    if (filled[i]) {
      sig[i] = bins[i];
      continue;
    }
    // Rotation: borrow the next filled bin's value, salted with the distance travelled, so
    // two sets agree on an empty bin exactly when they agree on the bin it borrows from.
    size_t t = 1;
    size_t j = (i + 1) % bins.size();
    while (!filled[j]) {
      j = (j + 1) % bins.size();
      ++t;
    }
    sig[i] = static_cast<uint32_t>(Mix((static_cast<uint64_t>(bins[j]) << 16) ^ t));
  }
  return sig;
}

std::vector<uint64_t> BandKeys(const std::vector<uint32_t>& signature, int bands, int rows) {
  std::vector<uint64_t> keys;
  if (bands <= 0 || rows <= 0) return keys;
  for (int b = 0; b < bands; ++b) {
    const size_t start = static_cast<size_t>(b) * static_cast<size_t>(rows);
    if (start + static_cast<size_t>(rows) > signature.size()) break;
    uint64_t h = Mix(0x5851f42d4c957f2dULL + static_cast<uint64_t>(b));
    for (int r = 0; r < rows; ++r) h = Mix(h ^ signature[start + static_cast<size_t>(r)]);
    keys.push_back(h);
  }
  return keys;
}

void SortUnique(std::vector<uint32_t>* values) {
  std::vector<uint32_t>& v = *values;
  if (v.size() < kRadixMinSize) {
    std::sort(v.begin(), v.end());
  } else {
    // LSD radix sort, 4 passes of 8 bits: an article's ~300 shingle values sort in about a
    // third of std::sort's time (they are uniformly spread 32-bit hashes).
    thread_local std::vector<uint32_t> tmp;  // scratch, reused: this runs for every article
    tmp.resize(v.size());
    uint32_t counts[4][256] = {};
    for (uint32_t x : v) {
      ++counts[0][x & 0xFF];
      ++counts[1][(x >> 8) & 0xFF];
      ++counts[2][(x >> 16) & 0xFF];
      ++counts[3][x >> 24];
    }
    uint32_t* from = v.data();
    uint32_t* to = tmp.data();
    for (int pass = 0; pass < 4; ++pass) {
      uint32_t offset = 0;
      for (uint32_t& c : counts[pass]) {
        const uint32_t n = c;
        c = offset;
        offset += n;
      }
      const int shift = 8 * pass;
      for (size_t i = 0; i < v.size(); ++i) {
        const uint32_t x = from[i];
        to[counts[pass][(x >> shift) & 0xFF]++] = x;
      }
      std::swap(from, to);
    }
    // Four passes: the sorted values are back in v.
  }
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

ShingleSketch MakeSketch(const std::vector<uint64_t>& shingles, size_t k) {
  ShingleSketch sketch;
  MakeSketch(shingles, k, &sketch);
  return sketch;
}

void MakeSketch(const std::vector<uint64_t>& shingles, size_t k, ShingleSketch* sketch) {
  sketch->values.resize(shingles.size());
  for (size_t i = 0; i < shingles.size(); ++i) sketch->values[i] = ShingleValue(shingles[i]);
  SortUnique(&sketch->values);
  sketch->complete = sketch->values.size() <= k;
  if (!sketch->complete) sketch->values.resize(k);
}

double EstimateJaccard(const ShingleSketch& a, const ShingleSketch& b) {
  if (a.values.empty() || b.values.empty()) return 0;
  // Only values below both cut-offs are known to be in or out of both sets.
  uint64_t limit = std::numeric_limits<uint64_t>::max();
  if (!a.complete) limit = std::min<uint64_t>(limit, a.values.back());
  if (!b.complete) limit = std::min<uint64_t>(limit, b.values.back());
  size_t i = 0, j = 0, both = 0, either = 0;
  while (i < a.values.size() || j < b.values.size()) {
    uint32_t v;
    if (j == b.values.size() || (i < a.values.size() && a.values[i] < b.values[j])) {
      v = a.values[i++];
    } else if (i == a.values.size() || b.values[j] < a.values[i]) {
      v = b.values[j++];
    } else {
      v = a.values[i];
      ++i;
      ++j;
      if (v <= limit) ++both;
    }
    if (v > limit) break;
    ++either;
  }
  return either == 0 ? 0 : static_cast<double>(both) / static_cast<double>(either);
}

double EstimateContainment(const ShingleSketch& part, const ShingleSketch& whole) {
  uint64_t limit = std::numeric_limits<uint64_t>::max();
  if (!part.complete && !part.values.empty()) limit = std::min<uint64_t>(limit, part.values.back());
  if (!whole.complete && !whole.values.empty()) {
    limit = std::min<uint64_t>(limit, whole.values.back());
  }
  size_t n = 0, both = 0, j = 0;
  for (uint32_t v : part.values) {
    if (v > limit) break;
    ++n;
    while (j < whole.values.size() && whole.values[j] < v) ++j;
    if (j < whole.values.size() && whole.values[j] == v) ++both;
  }
  return n == 0 ? 0 : static_cast<double>(both) / static_cast<double>(n);
}

double Containment(const std::vector<uint32_t>& part, const std::vector<uint32_t>& whole) {
  if (part.empty()) return 0;
  size_t i = 0, j = 0, both = 0;
  while (i < part.size() && j < whole.size()) {
    if (part[i] < whole[j]) {
      ++i;
    } else if (whole[j] < part[i]) {
      ++j;
    } else {
      ++both;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(both) / static_cast<double>(part.size());
}

}  // namespace newsflow::dedup
