// Inputs that fuzz/url_canonicalizer_fuzz found breaking a promise of UrlCanonicalizer, kept as
// unit tests (the crash inputs are also fuzz seeds: fuzz/seeds/url_canonicalizer_fuzz/).
#include <gtest/gtest.h>

#include "stages/dedup/url_canonicalizer.h"

namespace newsflow::dedup {
namespace {

// Found by url_canonicalizer_fuzz: one "www." was stripped per pass, so a second
// canonicalisation changed the URL again.
TEST(UrlCanonicalizerRegressionTest, RepeatedWwwIsStrippedInOnePass) {
  UrlCanonicalizer c;
  const char kCrash[] = "http://www.www.ple.org:81/2001/bridle01/bidge1&GCLID=7";
  const std::string once = c.Canonicalize(kCrash);
  EXPECT_EQ(once, "https://ple.org:81/2001/bridle01/bidge1&GCLID=7");
  EXPECT_EQ(c.Canonicalize(once), once);
  for (const char* url : {"https://www.www.www.example.org/a", "https://WWW.www.example.org./a",
                          "https://www.www/a", "https://www..example.org/a"}) {
    const std::string first = c.Canonicalize(url);
    EXPECT_EQ(c.Canonicalize(first), first) << url;
  }
  EXPECT_EQ(c.Canonicalize("https://www.www/a"), "https://www/a");

  UrlCanonicalizerOptions keep_options;
  keep_options.www = WwwPolicy::kKeep;
  UrlCanonicalizer keep(keep_options);
  EXPECT_EQ(keep.Canonicalize("https://www.www.example.org/a"), "https://www.www.example.org/a");
}

}  // namespace
}  // namespace newsflow::dedup
