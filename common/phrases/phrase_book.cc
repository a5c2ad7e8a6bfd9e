#include "common/phrases/phrase_book.h"

#include <toml++/toml.h>

#include <cstdio>
#include <cstdlib>
#include <map>

namespace newsflow::phrases {

// Defined in the generated phrases_data.cc (common/CMakeLists.txt embeds phrases.toml).
extern const char kPhrasesToml[];

namespace {

using Book = std::map<std::string, std::vector<std::string>, std::less<>>;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "newsflow: phrases.toml: %s\n", what.c_str());
  std::abort();
}

void AddTable(const toml::table& table, const std::string& prefix, Book* book) {
  for (const auto& [key, node] : table) {
    const std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const toml::table* sub = node.as_table()) {
      AddTable(*sub, name, book);
      continue;
    }
    const toml::array* array = node.as_array();
    if (array == nullptr) Die(name + " is neither a table nor an array of strings");
    std::vector<std::string>& list = (*book)[name];
    for (const toml::node& item : *array) {
      const auto* s = item.as_string();
      if (s == nullptr) Die(name + " holds a value that is not a string");
      list.push_back(s->get());
    }
  }
}

const Book& TheBook() {
  static const Book kBook = [] {
    Book book;
    try {
      const toml::table parsed = toml::parse(std::string_view(kPhrasesToml));
      AddTable(parsed, "", &book);
    } catch (const toml::parse_error& e) {
      Die(std::string(e.description()));
    }
    return book;
  }();
  return kBook;
}

}  // namespace

const std::vector<std::string>& List(std::string_view name) {
  const Book& book = TheBook();
  auto it = book.find(name);
  if (it == book.end()) Die("no list named " + std::string(name));
  return it->second;
}

std::vector<std::string> ListNames() {
  std::vector<std::string> names;
  for (const auto& [name, list] : TheBook()) names.push_back(name);
  return names;
}

}  // namespace newsflow::phrases
