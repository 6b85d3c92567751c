#include "analysis/talk_label.h"
#include "analysis/talk_params.h"

#include <gtest/gtest.h>

using namespace ll::analysis;

TEST(TalkLabel, RoundTripsEveryLabel) {
    for (auto l : {TalkLabel::Silence, TalkLabel::Teacher, TalkLabel::Student, TalkLabel::Multiple})
        EXPECT_EQ(parseTalkLabel(toString(l)), l);
    EXPECT_EQ(toString(TalkLabel::Multiple), "multiple");
}

TEST(TalkLabel, ParseIgnoresCaseAndRejectsOthers) {
    EXPECT_EQ(parseTalkLabel("Teacher"), TalkLabel::Teacher);
    EXPECT_FALSE(parseTalkLabel("teachers"));
    EXPECT_FALSE(parseTalkLabel(""));
}

TEST(TalkParams, KeyValuesStartWithVersionAndRoundTrip) {
    TalkParams p;
    const auto kv = p.toKeyValues();
    ASSERT_FALSE(kv.empty());
    EXPECT_EQ(kv[0].first, "version");
    EXPECT_EQ(kv[0].second, "talk-v16");
    TalkParams q;
    q.speechSnrDb = 1.0f;
    q.maxClusterItems = 3;
    for (const auto& [k, v] : kv) EXPECT_TRUE(q.set(k, v)) << k;
    EXPECT_EQ(q.toKeyValues(), kv);
}

TEST(TalkParams, SetRejectsUnknownNamesAndBadNumbers) {
    TalkParams p;
    EXPECT_FALSE(p.set("no_such_thing", "1"));
    EXPECT_FALSE(p.set("speech_snr_db", "loud"));
    EXPECT_TRUE(p.set("speech_snr_db", "7.5"));
    EXPECT_FLOAT_EQ(p.speechSnrDb, 7.5f);
}
