// Data tests on the gold articles of ../shared (read, never copied): the seed pages and the
// generated listing pages. The cleaner's output is stood in for by the gold articles, so these
// test classification alone.
#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "stages/classify/classify_stage.h"
#include "tests/support/shared_data.h"

namespace newsflow {
namespace {

// Just enough JSON for the gold files: objects, arrays, strings, numbers, true/false/null.
struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
  bool boolean = false;
  std::string string;
  std::vector<Json> array;
  std::vector<std::pair<std::string, Json>> object;

  const Json& operator[](const std::string& key) const {
    static const Json kNull;
    for (const auto& [k, v] : object) {
      if (k == key) return v;
    }
    return kNull;
  }
};

class JsonParser {
 public:
  explicit JsonParser(const std::string& s) : s_(s) {}
  bool Parse(Json* out) {
    Ws();
    return Value(out);
  }

 private:
  void Ws() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool Value(Json* out) {
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') {
      out->kind = Json::Kind::kObject;
      ++i_;
      Ws();
      if (s_[i_] == '}') return ++i_, true;
      while (true) {
        Json key, value;
        Ws();
        if (!String(&key.string)) return false;
        Ws();
        if (s_[i_++] != ':') return false;
        Ws();
        if (!Value(&value)) return false;
        out->object.emplace_back(key.string, std::move(value));
        Ws();
        if (s_[i_] == ',') {
          ++i_;
          continue;
        }
        return s_[i_++] == '}';
      }
    }
    if (c == '[') {
      out->kind = Json::Kind::kArray;
      ++i_;
      Ws();
      if (s_[i_] == ']') return ++i_, true;
      while (true) {
        Json value;
        Ws();
        if (!Value(&value)) return false;
        out->array.push_back(std::move(value));
        Ws();
        if (s_[i_] == ',') {
          ++i_;
          continue;
        }
        return s_[i_++] == ']';
      }
    }
    if (c == '"') {
      out->kind = Json::Kind::kString;
      return String(&out->string);
    }
    if (s_.compare(i_, 4, "true") == 0 || s_.compare(i_, 5, "false") == 0) {
      out->kind = Json::Kind::kBool;
      out->boolean = s_[i_] == 't';
      i_ += out->boolean ? 4 : 5;
      return true;
    }
    if (s_.compare(i_, 4, "null") == 0) {
      i_ += 4;
      return true;
    }
    out->kind = Json::Kind::kNumber;
    while (i_ < s_.size() && std::strchr("+-.eE0123456789", s_[i_]) != nullptr) ++i_;
    return true;
  }
  bool String(std::string* out) {
    if (s_[i_++] != '"') return false;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      char e = s_[i_++];
      if (e == 'n') {
        out->push_back('\n');
      } else if (e == 't') {
        out->push_back('\t');
      } else if (e == 'u') {
        unsigned cp = std::stoul(s_.substr(i_, 4), nullptr, 16);
        i_ += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && s_.compare(i_, 2, "\\u") == 0) {
          unsigned lo = std::stoul(s_.substr(i_ + 2, 4), nullptr, 16);
          i_ += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (cp < 0x80) {
          out->push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
          out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
          out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
          out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
          out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
          out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
          out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
      } else {
        out->push_back(e);  // \" \\ \/ (\b \f \r do not occur in the gold files)
      }
    }
    return false;
  }
  const std::string& s_;
  size_t i_ = 0;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

PageType GoldPageType(const std::string& s) {
  if (s == "article") return PageType::kArticle;
  if (s == "listing") return PageType::kListing;
  if (s == "other") return PageType::kOther;
  return PageType::kUnknown;
}

// Runs the stage (default taxonomy) on every gold page of `gold_path`, with the page text from
// `pages_dir` and the gold articles standing in for the cleaner's output.
struct GoldRun {
  size_t pages = 0, page_types_right = 0, articles = 0, english = 0, politics_or_conflict = 0;
};
GoldRun RunGold(const std::string& gold_path, const std::string& pages_dir) {
  GoldRun run;
  Json gold;
  const std::string text = ReadFile(gold_path);
  EXPECT_TRUE(JsonParser(text).Parse(&gold)) << gold_path;
  ClassifyOptions options;
  options.taxonomy_path = testing::SourceDir() + "/deploy/topics/iptc_media_topics.toml";
  auto stage = MakeClassifyStage(options, StageContext{});
  EXPECT_TRUE(stage.ok()) << stage.status().ToString();
  if (!stage.ok()) return run;
  for (const auto& [name, page] : gold.object) {
    PageWork w;
    w.page.text = ReadFile(pages_dir + "/" + name);
    for (const Json& a : page["articles"].array) {
      Article article;
      article.title = a["title"].string;
      article.body = a["body"].string;
      article.truncated = a["truncated"].boolean;
      w.articles.push_back(article);
    }
    stage.value()->Process(w);
    ++run.pages;
    const bool right = w.page_type == GoldPageType(page["page_type"].string);
    run.page_types_right += right ? 1 : 0;
    EXPECT_TRUE(right) << name;
    for (const Article& a : w.articles) {
      ++run.articles;
      run.english += a.language == "en" ? 1 : 0;
      for (const Topic& t : a.topics) {
        if (t.label == "politics" || t.label == "conflict_war_peace") {
          ++run.politics_or_conflict;
          break;
        }
      }
    }
  }
  return run;
}

TEST(SeedsDataTest, SeedArticlesAreEnglishPoliticsOrConflictAndPageTypesMatch) {
  NEWSFLOW_REQUIRE_SHARED("gold/seeds.json");
  GoldRun run = RunGold(testing::SharedDir() + "/gold/seeds.json", testing::SharedDir() + "/seeds");
  EXPECT_EQ(run.pages, 5u);
  EXPECT_EQ(run.articles, 19u);
  EXPECT_EQ(run.english, run.articles);
  EXPECT_GE(run.politics_or_conflict, 17u);
  EXPECT_EQ(run.page_types_right, run.pages);
}

TEST(SeedsDataTest, ListingPageTypesMatch) {
  NEWSFLOW_REQUIRE_SHARED("data/listing/gold.json");
  GoldRun run = RunGold(testing::SharedDir() + "/data/listing/gold.json",
                        testing::SharedDir() + "/data/listing/pages");
  EXPECT_GT(run.pages, 10u);
  EXPECT_EQ(run.english, run.articles);
}

}  // namespace
}  // namespace newsflow
