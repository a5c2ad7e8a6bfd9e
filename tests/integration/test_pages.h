// Fictional pages written for the tests (no third-party text).
#pragma once

#include <string>

namespace newsflow::testing {

inline std::string HtmlArticlePage(const std::string& headline, const std::string& topic_word) {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + headline +
         " | Lakeside Post</title><meta property=\"og:site_name\" content=\"Lakeside Post\">"
         "<meta property=\"article:published_time\" content=\"2025-05-30T09:00:00Z\"></head><body>"
         "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>"
         "<article><h1>" + headline + "</h1>"
         "<p>The " + topic_word + " committee of Lakeside met on Thursday evening and voted to extend "
         "the opening hours of the town library through the summer months, after a petition signed "
         "by more than two thousand residents.</p>"
         "<p>Council members said the extra hours would be paid for from the " + topic_word +
         " reserve fund and would be reviewed in October, when visitor numbers are known.</p>"
         "<p>Librarians welcomed the decision and said they would use the evenings for reading "
         "groups, homework clubs and a series of talks by local authors.</p>"
         "</article><footer>&copy; Lakeside Post</footer></body></html>";
}

inline std::string TextListingPage() {
  return "logo\n\nLatest news with #Town\n\n"
         "Ferry service resumes after winter pause\nFerry service resumes after winter pause\n\n"
         "Harbour Times\n\ntime28-05-2025\n\n  \xE2\x80\xA2 Travel\n  \xE2\x80\xA2 Harbour Times\n\n"
         "Ferry service resumes after winter pause\n\n"
         "The island ferry returned to its full timetable on Wednesday after a winter pause for "
         "repairs to the landing stage. The operator said the crossing would run every forty "
         "minutes from early morning until late evening, and that a second vessel would join in "
         "July to cope with the summer visitors who arrive for the festival.\n\n"
         "Bakery wins regional bread prize\nBakery wins regional bread prize\n\n"
         "Harbour Times\n\ntime27-05-2025\n\n  \xE2\x80\xA2 Food\n  \xE2\x80\xA2 Harbour Times\n\n"
         "Bakery wins regional bread prize\n\n"
         "A family bakery on Mill Street has won the regional prize for its sourdough loaf, beating "
         "more than sixty entries from across the county. The owners said the recipe came from a "
         "grandmother who baked for the village for forty years, and that the prize money would "
         "pay for a second oven so they can open on Sundays as well.\n";
}

}  // namespace newsflow::testing
