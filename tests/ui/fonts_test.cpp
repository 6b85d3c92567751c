// The font the window draws with: the letters of the teachers who use it. Builds ImGui's font
// atlas in memory (no window or GL context).
#include <gtest/gtest.h>

#include <filesystem>

#include "imgui.h"
#include "ui/theme.h"

namespace {

TEST(Theme, TheFontDrawsTheAlphabetsOfTeachersNamesAndComments) {
    if (!std::filesystem::exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        GTEST_SKIP() << "DejaVu Sans is not installed (scripts/setup-deps.sh installs fonts-dejavu-core)";
    ImGui::CreateContext();
    ll::ui::applyTheme(17.0f);
    ImGuiIO& io = ImGui::GetIO();
    ASSERT_TRUE(io.Fonts->Build());
    const ImFont* font = io.Fonts->Fonts[0];
    // Polish, Romanian, Vietnamese, Russian and Ukrainian, Greek, Georgian; a euro sign, a
    // numero sign and the "less than or equal" of a maths comment.
    for (ImWchar c : {ImWchar(0x0142), ImWchar(0x0219), ImWchar(0x1EC7), ImWchar(0x0416), ImWchar(0x0457),
                      ImWchar(0x03A9), ImWchar(0x10D0), ImWchar(0x20AC), ImWchar(0x2116), ImWchar(0x2264)}) {
        EXPECT_NE(font->FindGlyphNoFallback(c), nullptr) << "U+" << std::hex << static_cast<int>(c);
    }
    ImGui::DestroyContext();
}

}  // namespace
