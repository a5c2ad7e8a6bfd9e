// DocRecord: what the dedup index keeps of an indexed article (namespace "dedup_doc", keyed by
// the article's ArticleId bytes), and its codec, the only one that reads or writes the bytes.
//
// Format (version 3), little-endian where not said otherwise:
//   version byte (3)
//   varint words
//   1 byte: the sketch is complete (1) or a bottom-k sample (0)
//   varint length + the exact-index key of the body (16 bytes)
//   varint n + n lead values, 2 bytes each
//   varint n + n sketch values, 3 bytes each (bits 8-31: the low byte is always 0, see
//   dedup::ShingleValue)
// A hand-rolled format, not a state.proto message: the sketch packs 256 values in 3 bytes each
// (a protobuf varint takes 4-5), and the record is the bulk of the index on disk. A record of
// another version, or one that does not parse, decodes as absent: changing the format means
// a new version byte, and the index then forgets what it held (it refills within the
// retention window).
//
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stages/dedup/minhash.h"

namespace newsflow::dedup {

struct DocRecord {
  uint32_t words = 0;
  std::string body_key;  // the exact-index key of its body
  // 16-bit values of its first shingles, in text order: only compared with other leads,
  // over windows of at most ~130 values, where 16 bits leave chance matches negligible.
  std::vector<uint32_t> lead;
  ShingleSketch sketch;  // bottom-k of all its shingles
};

std::string EncodeDocRecord(const DocRecord& d);

// False (and *d partly filled) for another version or malformed bytes.
bool DecodeDocRecord(std::string_view in, DocRecord* d);

}  // namespace newsflow::dedup
