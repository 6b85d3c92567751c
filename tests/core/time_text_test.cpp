#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "core/time_text.h"

using namespace ll;

namespace {
int64_t us(std::string_view text) {
    auto r = parseTime(text);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->micros() : INT64_MIN;
}
bool rejects(std::string_view text) { return !parseTime(text).ok(); }
}  // namespace

TEST(ParseTime, AcceptsTheFormsPeopleType) {
    EXPECT_EQ(us("83.4"), 83'400'000);
    EXPECT_EQ(us("83"), 83'000'000);
    EXPECT_EQ(us("1:23.4"), 83'400'000);
    EXPECT_EQ(us("01:02:03.250"), 3'723'250'000);
    EXPECT_EQ(us("0:05"), 5'000'000);
    EXPECT_EQ(us("  12.5 "), 12'500'000);
    EXPECT_EQ(us("90:00"), 5'400'000'000);  // minutes past 59 in m:ss are fine
    EXPECT_EQ(us("0.000001"), 1);
    EXPECT_EQ(us("1.1234567"), 1'123'456);  // beyond microseconds is truncated
}

TEST(ParseTime, NegativeTimesParseAsNegative) {
    EXPECT_EQ(us("-5"), -5'000'000);
    EXPECT_EQ(us("-0:05.5"), -5'500'000);
}

TEST(ParseTime, RejectsMalformedText) {
    for (const char* bad : {"", " ", "abc", "1:2:3:4", "1::2", ":30", "1:", "1.2.3", "1:60",
                            "1:75:00", "1:5a", "12s", "1e3", "--5", "-", ".", "5.", "0x10",
                            "1:123", "١٢"}) {
        EXPECT_TRUE(rejects(bad)) << "accepted: " << bad;
    }
}

TEST(ParseTime, RejectsOverflowInsteadOfWrapping) {
    EXPECT_TRUE(rejects("9999999999999999999"));
    EXPECT_TRUE(rejects("99999999999999:00"));
    EXPECT_TRUE(rejects("9999999999999:00:00"));
    EXPECT_TRUE(rejects("9223372036855"));
    EXPECT_FALSE(rejects("9223372036853"));
}

TEST(ParseTime, MessageSaysHowToWriteATime) {
    auto r = parseTime("soon");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("1:23.4"), std::string::npos);
}

TEST(FormatTime, ReadsLikeAPlayer) {
    EXPECT_EQ(formatTime(MediaTime::fromMicros(83'400'000)), "1:23.400");
    EXPECT_EQ(formatTime(MediaTime::fromMicros(3'723'250'000)), "1:02:03.250");
    EXPECT_EQ(formatTime(MediaTime::fromMicros(59'999'600), 3), "1:00.000");  // rounds up
    EXPECT_EQ(formatTime(MediaTime::fromMicros(5'000'000), 0), "0:05");
    EXPECT_EQ(formatTime(MediaTime::fromMicros(-1'500'000), 1), "-0:01.5");
    EXPECT_EQ(formatTime(MediaTime::fromMicros(INT64_MIN), 0).front(), '-');
}

TEST(FormatTime, RoundTripsThroughParse) {
    for (int64_t v : {0LL, 1000LL, 83'400'000LL, 3'723'250'000LL, 86'400'000'000LL}) {
        auto t = MediaTime::fromMicros(v);
        EXPECT_EQ(parseTime(formatTime(t, 6))->micros(), v);
    }
}

TEST(FormatSeconds, FixedDecimals) {
    EXPECT_EQ(formatSeconds(MediaTime::fromMicros(83'400'000)), "83.400");
    EXPECT_EQ(formatSeconds(MediaTime::fromMicros(-250'000), 2), "-0.25");
}

TEST(IsoTime, RoundTrips) {
    int64_t t = 1'795'000'000'123'000;
    auto text = formatIsoUtc(t);
    EXPECT_EQ(text.back(), 'Z');
    EXPECT_EQ(*parseIsoUtc(text), t);
    EXPECT_FALSE(parseIsoUtc("yesterday").ok());
}

// "Today" is the date on the teacher's clock: 03:00 UTC on the 25th is still the 24th at UTC-8.
TEST(LocalDate, IsTheDateOnThisComputersClock) {
    const char* old = std::getenv("TZ");
    const std::string saved = old ? old : "";
    const int64_t t = *parseIsoUtc("2026-11-25T03:00:00.000Z");
    ::setenv("TZ", "XST8", 1);  // a POSIX zone eight hours behind UTC, no tz database needed
    ::tzset();
    EXPECT_EQ(formatLocalDate(t), "2026-11-24");
    ::setenv("TZ", "UTC0", 1);
    ::tzset();
    EXPECT_EQ(formatLocalDate(t), "2026-11-25");
    if (old) ::setenv("TZ", saved.c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();
}

TEST(TimeRange, IsHalfOpen) {
    TimeRange r{1_s, 3_s};
    EXPECT_TRUE(r.contains(1_s));
    EXPECT_FALSE(r.contains(3_s));
    EXPECT_TRUE(r.overlaps({2_s, 4_s}));
    EXPECT_FALSE(r.overlaps({3_s, 4_s}));
    EXPECT_EQ(r.duration(), 2_s);
}
