#include <gtest/gtest.h>

#include "core/text.h"

using namespace ll;

TEST(Text, Utf8Validation) {
    EXPECT_TRUE(isValidUtf8("plain"));
    EXPECT_TRUE(isValidUtf8("Grüße, 先生 👩‍🏫"));
    EXPECT_FALSE(isValidUtf8("\xff"));
    EXPECT_FALSE(isValidUtf8("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(isValidUtf8("\xe2\x82"));          // truncated
}

TEST(Text, EllipsizeNeverSplitsACharacter) {
    EXPECT_EQ(ellipsize("abc", 5), "abc");
    EXPECT_EQ(ellipsize("abcdef", 3), "abc\xe2\x80\xa6");
    std::string s = ellipsize("ééééé", 2);
    EXPECT_TRUE(isValidUtf8(s));
    EXPECT_EQ(s, "éé\xe2\x80\xa6");
}

TEST(Text, Utf8SequenceLengthFromTheLeadByte) {
    EXPECT_EQ(utf8SequenceLength('a'), 1u);
    EXPECT_EQ(utf8SequenceLength(0xC3), 2u);  // é
    EXPECT_EQ(utf8SequenceLength(0xE2), 3u);  // —
    EXPECT_EQ(utf8SequenceLength(0xF0), 4u);  // an emoji
    EXPECT_EQ(utf8SequenceLength(0xA9), 1u) << "a stray continuation byte moves on by one";
    EXPECT_EQ(utf8SequenceLength(0xFF), 1u);
}

TEST(Text, TrimSplitLower) {
    EXPECT_EQ(trim("  a b \n"), "a b");
    EXPECT_EQ(split("a,,b", ',').size(), 3u);
    EXPECT_EQ(toLower("AbC"), "abc");
    EXPECT_FALSE(hasVisibleText(" \n\t"));
    EXPECT_EQ(formatBytes(1'500'000), "1.5 MB");
}

TEST(Text, FileNameFromATitleIsSafeOnEverySystem) {
    EXPECT_EQ(ll::fileNameFrom("Room 12: fractions", "lesson"), "Room 12- fractions");
    EXPECT_EQ(ll::fileNameFrom("../../etc/passwd", "lesson"), "..-..-etc-passwd");
    EXPECT_EQ(ll::fileNameFrom("  a\tb\nc  ", "lesson"), "a-b-c");
    EXPECT_EQ(ll::fileNameFrom("", "lesson"), "lesson");
    EXPECT_EQ(ll::fileNameFrom("..", "round"), "round");
    EXPECT_EQ(ll::fileNameFrom("Élève · 5e", "x"), "Élève · 5e");
}

TEST(Text, ControlCharactersAreFoundAndMadeSafeToShow) {
    EXPECT_FALSE(ll::hasControlCharacters("Grüße, 先生 😀", false));
    EXPECT_TRUE(ll::hasControlCharacters("Lee\x1b[31mRED", false));
    EXPECT_TRUE(ll::hasControlCharacters(std::string("a\0b", 3), true));
    EXPECT_TRUE(ll::hasControlCharacters("del\x7f", true));
    EXPECT_TRUE(ll::hasControlCharacters("c1 \xc2\x9b", true));  // U+009B, the 8-bit CSI
    EXPECT_FALSE(ll::hasControlCharacters("\xc2\xa0no-break space", false));
    EXPECT_FALSE(ll::hasControlCharacters("two\nlines\tand a tab\r\n", true));
    EXPECT_TRUE(ll::hasControlCharacters("two\nlines", false));
    EXPECT_EQ(ll::toDisplayText("r\xe9union"), "r\xEF\xBF\xBDunion");
    EXPECT_EQ(ll::toDisplayText("a\x1b[2J\tb"), "a [2J b");
    EXPECT_EQ(ll::toDisplayText("a\tb\nc", true), "a\tb\nc");
    EXPECT_EQ(ll::toDisplayText("Grüße 先生"), "Grüße 先生");
    EXPECT_EQ(ll::toDisplayText("cut \xe5\x85"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");
}
