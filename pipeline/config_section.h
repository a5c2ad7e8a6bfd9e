// ConfigSection: one section of the configuration ("[dedup]"), as a stage sees it — typed
// reads by key, without knowing the file format (the daemon implements it over TOML:
// daemon/config.cc). Each stage parses its own section in stages/<stage>/<stage>_config.cc.
//
// Reads: Read(key, &field) sets the field when the key is present and leaves the default
// alone when it is absent; either way the key is recorded as known. A value of the wrong type
// records InvalidArgument "section.key must be <a type>" (a negative value for an unsigned
// field: "must be a non-negative integer"). Check() records "section.key: why" for a rule
// that does not hold. The first error wins; reads after it do nothing.
// Finish(): the first error recorded, else InvalidArgument "unknown key section.key" for the
// first key present in the section that no Read asked for, else OK.
//
// OptionChecks builds the same "section.key: why" errors for an options struct outside any
// file, so a stage states each of its rules once (Validate<X>Options) and both its config
// parser and its factory use them.
//
// Cost: a set of the keys read. Threads: one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace newsflow {

// The first failed rule of an options struct, as InvalidArgument "section.key: why".
class OptionChecks {
 public:
  explicit OptionChecks(std::string_view section) : section_(section) {}
  // Records the rule's failure unless `ok` (only the first failure is kept).
  OptionChecks& Require(bool ok, std::string_view key, std::string_view why);
  const Status& status() const { return status_; }

 private:
  std::string section_;
  Status status_;
};

class ConfigSection {
 public:
  // `path` names the section in messages ("dedup", "inputs[0]").
  explicit ConfigSection(std::string path) : path_(std::move(path)) {}
  virtual ~ConfigSection() = default;
  ConfigSection(const ConfigSection&) = delete;
  ConfigSection& operator=(const ConfigSection&) = delete;

  const std::string& path() const { return path_; }

  void Read(std::string_view key, bool* out);
  void Read(std::string_view key, int* out);
  void Read(std::string_view key, size_t* out);
  void Read(std::string_view key, double* out);  // an integer value is accepted too
  void Read(std::string_view key, std::string* out);
  void Read(std::string_view key, std::vector<std::string>* out);
  // Marks a key as known without reading it (a sub-table the caller reads itself).
  void MarkKnown(std::string_view key);

  // Records "path.key: why" unless `ok`.
  void Check(bool ok, std::string_view key, std::string_view why);
  // Records `status` unless it is OK (e.g. from OptionChecks).
  void Record(const Status& status);

  Status Finish() const;

 protected:
  enum class Found { kAbsent, kValue, kWrongType };
  // The format's typed lookups: kAbsent when there is no such key, kWrongType when its value
  // is not of the type asked for; *out is written only with kValue.
  virtual Found LookupBool(std::string_view key, bool* out) const = 0;
  virtual Found LookupInt(std::string_view key, int64_t* out) const = 0;
  virtual Found LookupDouble(std::string_view key, double* out) const = 0;  // integers too
  virtual Found LookupString(std::string_view key, std::string* out) const = 0;
  virtual Found LookupStrings(std::string_view key, std::vector<std::string>* out) const = 0;
  // The keys present in the section, in file order.
  virtual std::vector<std::string> Keys() const = 0;

 private:
  // Records the key; false when a read should do nothing (an earlier error).
  bool Start(std::string_view key);
  void Fail(std::string_view key, const char* what);
  // Looks `key` up; true when *out was written, false when absent or on an error.
  template <typename T>
  bool ReadWith(Found (ConfigSection::*lookup)(std::string_view, T*) const, std::string_view key,
                T* out, const char* what);

  std::string path_;
  std::set<std::string, std::less<>> known_;
  Status status_;
};

}  // namespace newsflow
