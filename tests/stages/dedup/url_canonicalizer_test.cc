#include "stages/dedup/url_canonicalizer.h"

#include <gtest/gtest.h>

namespace newsflow::dedup {
namespace {

TEST(UrlCanonicalizerTest, LowerCasesSchemeAndHostButNotPath) {
  UrlCanonicalizer c;
  EXPECT_EQ(c.Canonicalize("HTTPS://News.Example.COM/World/Story-One"),
            "https://news.example.com/World/Story-One");
}

TEST(UrlCanonicalizerTest, DropsDefaultPortsFragmentsAndUserInfo) {
  UrlCanonicalizer c;
  EXPECT_EQ(c.Canonicalize("https://user:pw@news.example.com:443/a#comments"),
            "https://news.example.com/a");
  EXPECT_EQ(c.Canonicalize("http://news.example.com:80/a"), "https://news.example.com/a");
  EXPECT_EQ(c.Canonicalize("https://news.example.com:8443/a"), "https://news.example.com:8443/a");
}

TEST(UrlCanonicalizerTest, RemovesTrackingParametersAndSortsTheRest) {
  UrlCanonicalizer c;
  EXPECT_EQ(c.Canonicalize("https://news.example.com/a?utm_source=tw&b=2&fbclid=x1&a=1&GCLID=7"),
            "https://news.example.com/a?a=1&b=2");
  EXPECT_EQ(c.Canonicalize("https://news.example.com/a?utm_medium=email&utm_campaign=x"),
            "https://news.example.com/a");
  EXPECT_EQ(c.Canonicalize("https://news.example.com/a?&&id=5&"),
            "https://news.example.com/a?id=5");
}

TEST(UrlCanonicalizerTest, TrackingListIsConfigurable) {
  UrlCanonicalizerOptions options;
  options.tracking_params = {"ref", "cmp_*"};
  UrlCanonicalizer c(options);
  EXPECT_EQ(c.Canonicalize("https://x.example/a?ref=home&cmp_id=4&utm_source=tw"),
            "https://x.example/a?utm_source=tw");
}

TEST(UrlCanonicalizerTest, SchemeAndWwwPoliciesCanKeepThem) {
  UrlCanonicalizerOptions options;
  options.scheme = SchemePolicy::kKeep;
  options.www = WwwPolicy::kKeep;
  UrlCanonicalizer keep(options);
  EXPECT_EQ(keep.Canonicalize("http://www.example.org/a"), "http://www.example.org/a");
  UrlCanonicalizer unify;
  EXPECT_EQ(unify.Canonicalize("http://www.example.org/a"), "https://example.org/a");
  EXPECT_EQ(unify.Canonicalize("https://example.org./a"), "https://example.org/a");
}

TEST(UrlCanonicalizerTest, EmptyPathBecomesSlashAndEscapesAreUpperCase) {
  UrlCanonicalizer c;
  EXPECT_EQ(c.Canonicalize("https://example.org"), "https://example.org/");
  EXPECT_EQ(c.Canonicalize("https://example.org?b=1"), "https://example.org/?b=1");
  EXPECT_EQ(c.Canonicalize("https://example.org/caf%c3%a9?q=%e2%82%ac"),
            "https://example.org/caf%C3%A9?q=%E2%82%AC");
}

TEST(UrlCanonicalizerTest, RejectsWhatIsNotAnAbsoluteUrlWithAHost) {
  UrlCanonicalizer c;
  EXPECT_EQ(c.Canonicalize(""), "");
  EXPECT_EQ(c.Canonicalize("/relative/path"), "");
  EXPECT_EQ(c.Canonicalize("file:///tmp/page.txt"), "");
  EXPECT_EQ(c.Canonicalize("https://example.org:12ab/x"), "");
  EXPECT_EQ(c.Canonicalize("not a url"), "");
  EXPECT_EQ(c.Canonicalize("https://example.org/a b"), "");
  EXPECT_EQ(c.Canonicalize("https://example.org/a?x=1\n&y=2"), "");
  EXPECT_EQ(c.Canonicalize("https://ho st/a"), "");
  EXPECT_EQ(c.Canonicalize("http://user@host:8https://x/y"), "");  // found by the fuzzer
  EXPECT_EQ(c.Canonicalize("https://[2001:db8::1]:443/a"), "https://[2001:db8::1]/a");
}

TEST(UrlCanonicalizerTest, IsIdempotent) {
  UrlCanonicalizer c;
  for (const char* url : {"HTTP://www.Example.org:80/x/%7e?b=2&utm_term=q&a=1#f",
                          "https://example.org", "https://[::1]:8080/?z=&a"}) {
    const std::string once = c.Canonicalize(url);
    ASSERT_FALSE(once.empty()) << url;
    EXPECT_EQ(c.Canonicalize(once), once) << url;
  }
}

TEST(UrlCanonicalizerTest, SameArticleThroughDifferentLinksIsOneUrl) {
  UrlCanonicalizer c;
  const std::string a = c.Canonicalize("https://www.example.org/news/42?utm_source=rss#top");
  const std::string b = c.Canonicalize("http://example.org:80/news/42?fbclid=abc");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c.Canonicalize("https://example.org/news/43"));
  EXPECT_NE(a, c.Canonicalize("https://example.org/news/42?page=2"));
}

}  // namespace
}  // namespace newsflow::dedup
