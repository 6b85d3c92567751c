#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "support/temp_dir.h"
#include "ui/settings.h"

namespace ll::ui {
namespace {

TEST(ui_Settings, RoundTripsEveryField) {
    test::TempDir tmp;
    Settings s;
    s.windowWidth = 1500;
    s.windowHeight = 900;
    s.reviewerName = "Ms Rivera";
    s.reviewerColor = 0x59a14f;
    s.volume = 0.25f;
    s.addRecent("/videos/a.mp4");
    s.addRecent("/videos/b é.mp4");
    s.syncFolder = "/mnt/team share/rounds";
    s.exportFolder = "/home/t/Documents";
    auto file = tmp / "lessonlens" / "settings.json";
    ASSERT_TRUE(s.save(file));
    auto back = Settings::load(file);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, s);
}

TEST(ui_Settings, MissingFileGivesDefaults) {
    auto s = Settings::load("/nonexistent/lessonlens/settings.json");
    ASSERT_TRUE(s);
    EXPECT_EQ(*s, Settings{});
}

TEST(ui_Settings, DamagedFileIsAnErrorAndWrongTypesKeepDefaults) {
    test::TempDir tmp;
    test::writeFile(tmp / "bad.json", "{not json");
    EXPECT_FALSE(Settings::load(tmp / "bad.json"));
    test::writeFile(tmp / "odd.json", R"({"window_width": "wide", "volume": 7, "reviewer_name": "Sam"})");
    auto s = Settings::load(tmp / "odd.json");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->windowWidth, Settings{}.windowWidth);
    EXPECT_EQ(s->volume, 1.0f);  // clamped
    EXPECT_EQ(s->reviewerName, "Sam");
}

TEST(ui_Settings, RecentFilesAreMostRecentFirstWithoutDuplicatesAndBounded) {
    Settings s;
    for (int i = 0; i < 15; ++i) s.addRecent("/v/" + std::to_string(i) + ".mp4");
    s.addRecent("/v/10.mp4");
    ASSERT_EQ(s.recentFiles.size(), Settings::kMaxRecent);
    EXPECT_EQ(s.recentFiles.front(), "/v/10.mp4");
    EXPECT_EQ(s.recentFiles[1], "/v/14.mp4");
    EXPECT_EQ(std::count(s.recentFiles.begin(), s.recentFiles.end(), "/v/10.mp4"), 1);
}

TEST(ui_Settings, DefaultPathHonoursXdgConfigHome) {
    ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    EXPECT_EQ(Settings::defaultPath(), std::filesystem::path("/tmp/xdg-test/lessonlens/settings.json"));
    ::unsetenv("XDG_CONFIG_HOME");
}

}  // namespace
}  // namespace ll::ui
