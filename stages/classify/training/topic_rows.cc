#include "stages/classify/training/topic_rows.h"

#include <fstream>
#include <limits>
#include <map>
#include <optional>

#include "common/json/json.h"

namespace newsflow {
namespace {

// One training row: a JSON object on one line. Its string members are kept (the last of two
// equal keys wins); other values (numbers, null, nested objects) are ignored.
bool ParseRow(std::string_view line, std::map<std::string, std::string>* fields) {
  json::ReadOptions options;
  options.controls = json::Controls::kAsWritten;
  options.unclosed = json::Unclosed::kReject;
  options.max_bytes = std::numeric_limits<size_t>::max();
  std::optional<json::Value> row = json::Read(line, options);
  if (!row.has_value() || !row->IsObject()) return false;
  for (auto& [key, value] : row->members) {
    if (value.IsString()) (*fields)[key] = std::move(value.text);
  }
  return true;
}

}  // namespace

StatusOr<std::vector<TopicRow>> ReadTopicRows(const std::string& path) {
  std::vector<TopicRow> out;
  std::vector<TopicRow>* rows = &out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open training rows " + path);
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::map<std::string, std::string> fields;
    if (!ParseRow(line, &fields)) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": not a JSON object");
    }
    TopicRow row;
    row.label = fields["label"];
    row.title = fields["title"];
    row.text = fields["text"];
    if (row.label.empty()) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                     ": row without \"label\"");
    }
    if (row.label.find_first_of("\t\n ") != std::string::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                     ": label with white space");
    }
    rows->push_back(std::move(row));
  }
  if (in.bad()) return Status::IoError("cannot read " + path);
  if (rows->empty()) return Status::InvalidArgument(path + ": no rows");
  return out;
}

}  // namespace newsflow
