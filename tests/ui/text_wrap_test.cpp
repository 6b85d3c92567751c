#include <gtest/gtest.h>

#include "ui/text_wrap.h"

namespace ll::ui {
namespace {

// Every character (UTF-8 sequence) is one unit wide, as in a monospaced font.
float monospace(std::string_view s) {
    float n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) n += 1;
    return n;
}

TEST(ui_TextWrap, LinesBreakAtSpacesAndNeverBetweenAQuestionMarkAndItsQuote) {
    // Dear ImGui's wrap breaks after '?' here and puts the closing quote alone on a line.
    EXPECT_EQ(wrapAtSpaces("Could you say \"why that?\"", 24, monospace), "Could you say \"why\nthat?\"");
    EXPECT_EQ(wrapAtSpaces("Wait time at 3:12, then 5 s.", 13, monospace), "Wait time at\n3:12, then 5\ns.");
}

TEST(ui_TextWrap, TextThatFitsIsUnchanged) {
    EXPECT_EQ(wrapAtSpaces("Strong launch.", 14, monospace), "Strong launch.");
    EXPECT_EQ(wrapAtSpaces("", 10, monospace), "");
    EXPECT_EQ(wrapAtSpaces("no width given", 0, monospace), "no width given");
}

TEST(ui_TextWrap, TheWritersNewlinesStayAndEachParagraphWrapsOnItsOwn) {
    EXPECT_EQ(wrapAtSpaces("One.\n\nTwo words here", 9, monospace), "One.\n\nTwo words\nhere");
}

TEST(ui_TextWrap, TheSpaceABreakReplacesIsDroppedButIndentingSpacesStay) {
    EXPECT_EQ(wrapAtSpaces("aaaa    bbbb", 6, monospace), "aaaa\nbbbb");
    EXPECT_EQ(wrapAtSpaces("  - first point", 20, monospace), "  - first point");
    EXPECT_EQ(wrapAtSpaces("ends with spaces   ", 30, monospace), "ends with spaces");
}

TEST(ui_TextWrap, AWordWiderThanALineIsSplitBetweenCharacters) {
    EXPECT_EQ(wrapAtSpaces("see https://example.org/x", 8, monospace), "see\nhttps://\nexample.\norg/x");
    // Never inside a UTF-8 sequence: "é" and "—" are two and three bytes.
    EXPECT_EQ(wrapAtSpaces("écoutééé—là", 4, monospace), "écou\ntééé\n—là");
    // However narrow, each line holds at least one character.
    EXPECT_EQ(wrapAtSpaces("abc", 0.5f, monospace), "a\nb\nc");
}

}  // namespace
}  // namespace ll::ui
