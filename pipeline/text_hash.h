// Stable hashes and ids: the same input gives the same value on any machine and release
// (xxHash XXH3, which is specified and endian-independent).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

// 64-bit XXH3 of `data`.
uint64_t Hash64(std::string_view data);

// 128-bit XXH3 of `data` as 32 lower-case hex digits.
std::string HashHex128(std::string_view data);

// The same 128 bits as 16 bytes, most significant first (the bytes HashHex128 spells).
std::string HashBytes128(std::string_view data);

// Lower-cases ASCII, keeps letters and digits of any script, collapses every run of other
// characters (spaces, punctuation, quotes) into one space. Used for body hashes, so that
// re-crawls that differ in whitespace or quote style hash the same.
std::string NormaliseForHash(std::string_view utf8);

// A run of NormaliseForHash's output between spaces: bytes [begin, end), and whether all of
// them are ASCII.
struct NormalisedRun {
  uint32_t begin;
  uint32_t end;
  bool ascii;
};

// NormaliseForHash that also lists the output's runs (callers that split the text into words
// again skip a second scan of it).
std::string NormaliseForHash(std::string_view utf8, std::vector<NormalisedRun>* runs);

}  // namespace newsflow
