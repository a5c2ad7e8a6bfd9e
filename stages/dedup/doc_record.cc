#include "stages/dedup/doc_record.h"

namespace newsflow::dedup {
namespace {

constexpr uint8_t kDocVersion = 3;  // 3: sketch values in 3 bytes

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    auto b = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

}  // namespace

std::string EncodeDocRecord(const DocRecord& d) {
  std::string out;
  out.reserve(16 + d.body_key.size() + d.lead.size() * 2 + d.sketch.values.size() * 3);
  out.push_back(static_cast<char>(kDocVersion));
  PutVarint(&out, d.words);
  out.push_back(static_cast<char>(d.sketch.complete ? 1 : 0));
  PutVarint(&out, d.body_key.size());
  out += d.body_key;
  PutVarint(&out, d.lead.size());
  for (uint32_t v : d.lead) {
    out.push_back(static_cast<char>(v));
    out.push_back(static_cast<char>(v >> 8));
  }
  // Sketch values have a zero low byte (dedup::ShingleValue): 3 bytes each.
  PutVarint(&out, d.sketch.values.size());
  for (uint32_t v : d.sketch.values) {
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v >> 16));
    out.push_back(static_cast<char>(v >> 24));
  }
  return out;
}

bool DecodeDocRecord(std::string_view in, DocRecord* d) {
  if (in.empty() || static_cast<uint8_t>(in.front()) != kDocVersion) return false;
  in.remove_prefix(1);
  uint64_t words, key_len;
  if (!GetVarint(&in, &words) || in.empty()) return false;
  d->words = static_cast<uint32_t>(words);
  d->sketch.complete = in.front() == 1;
  in.remove_prefix(1);
  if (!GetVarint(&in, &key_len) || in.size() < key_len) return false;
  d->body_key.assign(in.data(), key_len);
  in.remove_prefix(key_len);
  uint64_t n;
  if (!GetVarint(&in, &n) || in.size() < n * 2) return false;
  d->lead.resize(n);
  for (size_t i = 0; i < n; ++i) {
    d->lead[i] = static_cast<uint32_t>(static_cast<unsigned char>(in[2 * i])) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(in[2 * i + 1])) << 8);
  }
  in.remove_prefix(n * 2);
  if (!GetVarint(&in, &n) || in.size() != n * 3) return false;
  d->sketch.values.resize(n);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  for (size_t i = 0; i < n; ++i) {
    d->sketch.values[i] = (static_cast<uint32_t>(p[3 * i]) << 8) |
                          (static_cast<uint32_t>(p[3 * i + 1]) << 16) |
                          (static_cast<uint32_t>(p[3 * i + 2]) << 24);
  }
  return true;
}

}  // namespace newsflow::dedup
