#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/text.h"
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

TEST(ui_TextWrap, ChineseAndJapaneseBreakBetweenCharactersButNotBeforeClosingPunctuation) {
    // No spaces to break at: any two characters may part...
    EXPECT_EQ(wrapAtSpaces("学生回答了三次", 4, monospace), "学生回答\n了三次");
    // ...but "，" and "。" never start a line, and "「" never ends one.
    EXPECT_EQ(wrapAtSpaces("等待时间很好，学生", 6, monospace), "等待时间很\n好，学生");
    EXPECT_EQ(wrapAtSpaces("もう少し「待つ」。", 5, monospace), "もう少し\n「待つ」。");
    // Mixed with English: a Chinese run follows the English word on its line rather than
    // leaving a gap.
    EXPECT_EQ(wrapAtSpaces("The warm-up 问题很好，but 学生们的声音太小了", 16, monospace),
              "The warm-up 问题很\n好，but 学生们的声音太小了");
    // Latin inside stays whole; Korean breaks at its spaces.
    EXPECT_EQ(wrapAtSpaces("三次TeachFX三次", 8, monospace), "三次\nTeachFX三\n次");
    EXPECT_EQ(wrapAtSpaces("이 부분에서 질문이 좋았어요", 8, monospace), "이 부분에서\n질문이 좋았어요");
}

TEST(ui_TextWrap, AnyMixOfScriptsKeepsEveryCharacterInOrderAndEachLineWithinTheWidth) {
    const std::vector<std::string> pieces = {"a", "word", " ", "  ", "学", "生", "，", "。", "「", "」", "ー",
                                             "수업", "é", "?", "(", ")", "—", "\xE7", "\x80"};
    std::mt19937 rng(23);
    auto letters = [](std::string_view s) {
        std::string out;
        for (char c : s)
            if (c != ' ' && c != '\n') out += c;
        return out;
    };
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        const int n = static_cast<int>(rng() % 40);
        const size_t kinds = round % 3 == 0 ? pieces.size() : pieces.size() - 2;  // damaged bytes in a third
        for (int k = 0; k < n; ++k) text += pieces[rng() % kinds];
        const float width = static_cast<float>(1 + rng() % 12);
        const std::string wrapped = wrapAtSpaces(text, width, monospace);
        ASSERT_EQ(letters(wrapped), letters(text)) << text;
        if (!isValidUtf8(text)) continue;  // a damaged sequence is one character to the wrap, more to monospace()
        size_t start = 0;
        for (;;) {
            const size_t nl = wrapped.find('\n', start);
            const std::string_view line = std::string_view(wrapped).substr(start, nl - start);
            EXPECT_TRUE(monospace(line) <= width || monospace(line) == 1) << "\"" << line << "\" in " << text;
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    }
}

}  // namespace
}  // namespace ll::ui
