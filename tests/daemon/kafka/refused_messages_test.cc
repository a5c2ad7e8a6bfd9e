#include "daemon/kafka/refused_messages.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(RefusedMessagesTest, RefusedInTheBatchThenAloneThenAgain) {
  RefusedMessages refused;
  const SourcePosition page{"pages", 1, 17};
  EXPECT_FALSE(refused.any());
  EXPECT_EQ(refused.StepFor(page), RefusedMessages::Step::kPublish);
  refused.Note(page, "articles: Broker: Message size too large");
  EXPECT_TRUE(refused.any());  // batches go one page at a time
  EXPECT_EQ(refused.StepFor(page), RefusedMessages::Step::kPublish);  // alone, as it is
  refused.Note(page, "articles: Broker: Message size too large");
  EXPECT_EQ(refused.StepFor(page), RefusedMessages::Step::kDeadLetterHeadersOnly);
  EXPECT_EQ(refused.ReasonFor(page), "articles: Broker: Message size too large");
  refused.Note(page, "pages.dlq: Broker: Policy violation");
  EXPECT_EQ(refused.StepFor(page), RefusedMessages::Step::kSkip);
  EXPECT_EQ(refused.StepFor({"pages", 1, 18}), RefusedMessages::Step::kPublish);
  EXPECT_EQ(refused.StepFor({"pages", 0, 17}), RefusedMessages::Step::kPublish);
}

TEST(RefusedMessagesTest, APublishedPageIsForgotten) {
  RefusedMessages refused;
  refused.Note({"pages", 0, 3}, "refused");
  refused.Note({"pages", 0, 4}, "refused");
  refused.Resolve({"pages", 0, 3});
  EXPECT_TRUE(refused.any());
  refused.Resolve({"pages", 0, 4});
  EXPECT_FALSE(refused.any());
  EXPECT_EQ(refused.ReasonFor({"pages", 0, 3}), "");
}

}  // namespace
}  // namespace newsflow
