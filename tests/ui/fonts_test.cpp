// The font the window draws with: the letters of the teachers who use it. Builds ImGui's font
// atlas in memory (no window or GL context).
#include <gtest/gtest.h>

#include <filesystem>

#include "imgui.h"
#include "ui/fonts.h"

namespace {

using ll::ui::FontAtlas;

class Fonts : public ::testing::Test {
protected:
    void SetUp() override {
        if (!std::filesystem::exists(FontAtlas::kMainFont))
            GTEST_SKIP() << "DejaVu Sans is not installed (scripts/setup-deps.sh installs fonts-dejavu-core)";
        ImGui::CreateContext();
    }
    void TearDown() override {
        if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
    }
    static const ImFont& built() {
        ImGuiIO& io = ImGui::GetIO();
        EXPECT_TRUE(io.Fonts->Build());
        return *io.Fonts->Fonts[0];
    }
    static bool draws(uint32_t c) { return built().FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr; }
};

TEST_F(Fonts, TheFontDrawsTheAlphabetsOfTeachersNamesAndComments) {
    FontAtlas atlas(17.0f);
    // Polish, Romanian, Vietnamese, Russian and Ukrainian, Greek, Georgian; a euro sign, a
    // numero sign and the "less than or equal" of a maths comment.
    for (uint32_t c : {0x0142u, 0x0219u, 0x1EC7u, 0x0416u, 0x0457u, 0x03A9u, 0x10D0u, 0x20ACu, 0x2116u, 0x2264u})
        EXPECT_TRUE(draws(c)) << "U+" << std::hex << c;
    EXPECT_EQ(atlas.extraCharacters(), 0u);
    EXPECT_FALSE(atlas.rebuildIfNeeded());  // nothing noted, nothing to do
}

TEST_F(Fonts, ChineseJapaneseAndKoreanAreBakedOnceTheyAreInUse) {
    FontAtlas atlas(17.0f);
    if (!atlas.hasFallback())
        GTEST_SKIP() << "Droid Sans Fallback is not installed (scripts/setup-deps.sh installs fonts-droid-fallback)";
    const uint32_t wang = 0x738B, hiragana = 0x3072, hangul = 0xC218;  // 王 ひ 수
    EXPECT_FALSE(draws(wang));  // not baked until used: all of CJK would be tens of MB
    const int smallHeight = ImGui::GetIO().Fonts->TexHeight;

    atlas.noteText("王老师 — ひらがな 수업 Période");
    EXPECT_TRUE(atlas.hasNewCharacters());
    ASSERT_TRUE(atlas.rebuildIfNeeded());
    EXPECT_FALSE(atlas.hasNewCharacters());
    EXPECT_EQ(atlas.extraCharacters(), 9u);  // 王老师, ひらがな, 수업; é and — are fixed
    for (uint32_t c : {wang, hiragana, hangul}) EXPECT_TRUE(draws(c)) << "U+" << std::hex << c;
    EXPECT_TRUE(draws(0x0142));  // the fixed ranges are still there
    EXPECT_GE(ImGui::GetIO().Fonts->TexHeight, smallHeight);

    // Known characters do not rebuild again; a new one does.
    atlas.noteText("王老师");
    EXPECT_FALSE(atlas.rebuildIfNeeded());
    atlas.noteCharacter(0x5B66);  // 学, typed
    EXPECT_TRUE(atlas.rebuildIfNeeded());
    EXPECT_TRUE(draws(0x5B66));
}

TEST_F(Fonts, ScriptsImGuiCannotLayOutAndBrokenTextAreLeftAlone) {
    FontAtlas atlas(17.0f);
    atlas.noteText("שלום مرحبا नमस्ते สวัสดี");  // right-to-left and shaped scripts: "?" is honest
    atlas.noteText("plain ASCII only");
    atlas.noteText(std::string_view("\xE7\x8E", 2));  // a character cut in half
    atlas.noteText("\xF0\x9F\x98\x80");                // beyond U+FFFF (ImGui's characters are 16-bit)
    EXPECT_FALSE(atlas.hasNewCharacters());
}

TEST_F(Fonts, PastedTextIsNotedThroughThePlatformsClipboard) {
    ImGuiIO& io = ImGui::GetIO();
    static const char* kPasted = "分数の授業";
    io.GetClipboardTextFn = [](void*) -> const char* { return kPasted; };
    io.ClipboardUserData = nullptr;
    {
        FontAtlas atlas(17.0f);
        atlas.watchClipboard();
        EXPECT_STREQ(ImGui::GetClipboardText(), kPasted);  // what the platform said, unchanged
        EXPECT_TRUE(atlas.hasNewCharacters());
    }
    // Gone with the atlas: the platform's reader is back.
    EXPECT_EQ(io.ClipboardUserData, nullptr);
    EXPECT_STREQ(ImGui::GetClipboardText(), kPasted);
}

TEST_F(Fonts, TextFromAnywhereInTheWindowReachesTheLiveAtlas) {
    ll::ui::noteTextForFont("王");  // no atlas: nothing to do, nothing breaks
    FontAtlas atlas(17.0f);
    ll::ui::noteTextForFont("王");
    EXPECT_TRUE(atlas.hasNewCharacters());
}

}  // namespace
