// A small, tolerant JSON reader for JSON-LD blocks in HTML pages.
//
// Pages embed JSON-LD that is often slightly broken (trailing commas, raw newlines in strings,
// HTML comments around it, several objects in a row). ParseJsonLd reads what it can: it never
// throws, caps nesting depth (kMaxJsonDepth) and input size, and returns std::nullopt when
// nothing usable could be read. Values are kept as a small tree; numbers stay as their text.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsflow {

constexpr int kMaxJsonDepth = 64;

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  std::string text;              // kString: decoded; kNumber/kBool: as written
  std::vector<JsonValue> items;  // kArray
  std::vector<std::pair<std::string, JsonValue>> members;  // kObject, in document order

  bool IsObject() const { return type == Type::kObject; }
  bool IsArray() const { return type == Type::kArray; }
  bool IsString() const { return type == Type::kString; }
  // The member named `key` of an object, or nullptr.
  const JsonValue* Find(std::string_view key) const;
};

// Parses one JSON text; a sequence of top-level values becomes an array of them.
std::optional<JsonValue> ParseJsonLd(std::string_view text);

}  // namespace newsflow
