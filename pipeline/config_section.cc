#include "pipeline/config_section.h"

#include <limits>

namespace newsflow {

OptionChecks& OptionChecks::Require(bool ok, std::string_view key, std::string_view why) {
  if (status_.ok() && !ok) {
    status_ = Status::InvalidArgument(section_ + "." + std::string(key) + ": " + std::string(why));
  }
  return *this;
}

bool ConfigSection::Start(std::string_view key) {
  known_.emplace(key);
  return status_.ok();
}

void ConfigSection::Fail(std::string_view key, const char* what) {
  status_ = Status::InvalidArgument(path_ + "." + std::string(key) + " must be " + what);
}

template <typename T>
bool ConfigSection::ReadWith(Found (ConfigSection::*lookup)(std::string_view, T*) const,
                             std::string_view key, T* out, const char* what) {
  if (!Start(key)) return false;
  const Found found = (this->*lookup)(key, out);
  if (found == Found::kWrongType) Fail(key, what);
  return found == Found::kValue;
}

void ConfigSection::Read(std::string_view key, bool* out) {
  ReadWith(&ConfigSection::LookupBool, key, out, "a boolean");
}

void ConfigSection::Read(std::string_view key, std::string* out) {
  ReadWith(&ConfigSection::LookupString, key, out, "a string");
}

void ConfigSection::Read(std::string_view key, std::vector<std::string>* out) {
  ReadWith(&ConfigSection::LookupStrings, key, out, "an array of strings");
}

void ConfigSection::Read(std::string_view key, double* out) {
  ReadWith(&ConfigSection::LookupDouble, key, out, "a number");
}

void ConfigSection::Read(std::string_view key, int* out) {
  int64_t v = 0;
  if (!ReadWith(&ConfigSection::LookupInt, key, &v, "an integer")) return;
  // TOML integers are 64-bit; a value that does not fit an int is an error, not a wrap.
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    return Fail(key, "an integer between -2147483648 and 2147483647");
  }
  *out = static_cast<int>(v);
}

void ConfigSection::Read(std::string_view key, size_t* out) {
  int64_t v = 0;
  if (!ReadWith(&ConfigSection::LookupInt, key, &v, "an integer")) return;
  if (v < 0) return Fail(key, "a non-negative integer");
  *out = static_cast<size_t>(v);
}

void ConfigSection::MarkKnown(std::string_view key) { known_.emplace(key); }

void ConfigSection::Check(bool ok, std::string_view key, std::string_view why) {
  Record(OptionChecks(path_).Require(ok, key, why).status());
}

void ConfigSection::Record(const Status& status) {
  if (status_.ok() && !status.ok()) status_ = status;
}

Status ConfigSection::Finish() const {
  if (!status_.ok()) return status_;
  for (const std::string& key : Keys()) {
    if (known_.count(key) == 0) return Status::InvalidArgument("unknown key " + path_ + "." + key);
  }
  return Status::Ok();
}

}  // namespace newsflow
