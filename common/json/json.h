// A small, tolerant JSON reader: one for the whole tree (JSON-LD in pages, JSONL training rows,
// the gold files of the data tests).
//
// What it reads. Standard JSON, plus what pages get wrong in JSON-LD: trailing commas, raw
// newlines and tabs inside strings, single-quoted strings, bare object keys, HTML comment and
// CDATA wrappers, // and /* */ comments, ';' between values. Strings are decoded to UTF-8,
// \u escapes included (a surrogate pair becomes one code point, a lone surrogate U+FFFD).
// Numbers, true and false keep their text as written; values form a small tree.
//
// Errors. Never throws and never reads past the input. A value that cannot be read gives
// std::nullopt; nesting deeper than kMaxDepth, or input over ReadOptions::max_bytes, is
// rejected (nullopt), so hostile input is bounded in time, memory and stack.
//
// Cost: linear in the input; the tree holds a copy of every key and string.
// Threads: pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsflow::json {

constexpr int kMaxDepth = 64;

struct Value {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  std::string text;          // kString: decoded; kNumber/kBool: as written
  std::vector<Value> items;  // kArray
  std::vector<std::pair<std::string, Value>> members;  // kObject, in document order

  bool IsObject() const { return type == Type::kObject; }
  bool IsArray() const { return type == Type::kArray; }
  bool IsString() const { return type == Type::kString; }
  bool IsBool() const { return type == Type::kBool; }
  // The first member named `key` of an object, or nullptr (also when this is not an object).
  const Value* Find(std::string_view key) const;
};

// Raw tabs, newlines and carriage returns inside strings, and the \b and \f escapes.
enum class Controls {
  kAsSpace,    // become a space (JSON-LD: they are layout, not text)
  kAsWritten,  // are kept (raw) or decoded (escapes): data files
};

// An object or array the input ends inside of.
enum class Unclosed {
  kKeepWhatWasRead,  // is kept when it holds at least one member or item (a cut-off page)
  kReject,           // makes the read fail (a truncated data row is an error)
};

struct ReadOptions {
  Controls controls = Controls::kAsSpace;
  Unclosed unclosed = Unclosed::kKeepWhatWasRead;
  // Longer input is not read at all.
  size_t max_bytes = 4u << 20;
};

// Reads the one value at the start of `text` (after blanks and comments); whatever follows it
// is not looked at.
std::optional<Value> Read(std::string_view text, const ReadOptions& options = {});

// Reads values in a row, as JSON-LD blocks hold them ("{...} {...}"), up to the first that
// does not read or at most 65: one value is returned as itself, several as an array of them,
// none as nullopt.
std::optional<Value> ReadSequence(std::string_view text, const ReadOptions& options = {});

}  // namespace newsflow::json
