// Status: errors as values across component boundaries (modelled on rocksdb::Status).
//
// A Status is OK or carries a code and a message. Callers decide what to do; nobody logs and
// returns. kFatal is the one code that means "stop the process": newsflowd exits on it (and
// systemd restarts it); every other code is handled where it arises.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace newsflow {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad input: a page, a config value
    kNotFound,
    kIoError,      // storage or network; usually retriable
    kUnavailable,  // a dependency is down; retriable
    kCorruption,   // stored data cannot be decoded
    kTooLarge,     // input over a configured limit
    kInternal,     // a bug
    kFatal,        // unrecoverable (a fenced producer, a fatal client error): stop the process
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status TooLarge(std::string msg) { return {Code::kTooLarge, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }
  static Status Fatal(std::string msg) { return {Code::kFatal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsFatal() const { return code_ == Code::kFatal; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// StatusOr<T>: a value or the Status saying why there is none.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

inline std::string Status::ToString() const {
  static const char* const kNames[] = {"OK",       "InvalidArgument", "NotFound",
                                       "IoError",  "Unavailable",     "Corruption",
                                       "TooLarge", "Internal",        "Fatal"};
  std::string out = kNames[static_cast<int>(code_)];
  if (!message_.empty()) out += ": " + message_;
  return out;
}

}  // namespace newsflow
