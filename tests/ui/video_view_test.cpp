#include <gtest/gtest.h>

#include "ui/video_view.h"

namespace ll::ui {
namespace {

TEST(ui_VideoLayout, FitKeepsTheAspectRatioAndCentres) {
    PixelRect area{0, 40, 896, 526};
    PixelRect r = fitRect(area, 1920, 1080);
    EXPECT_EQ(r.w, 896);
    EXPECT_EQ(r.h, 504);
    EXPECT_EQ(r.x, 0);
    EXPECT_EQ(r.y, 40 + 11);
}

TEST(ui_VideoLayout, PortraitVideoIsPillarboxed) {
    PixelRect area{0, 0, 800, 500};
    PixelRect r = fitRect(area, 360, 640);  // a phone video after rotation
    EXPECT_EQ(r.h, 500);
    EXPECT_NEAR(r.w, 281, 1);
    EXPECT_NEAR(r.x, (800 - r.w) / 2, 1);
}

TEST(ui_VideoLayout, EmptySizesLeaveTheAreaAsIs) {
    PixelRect area{5, 6, 7, 8};
    PixelRect r = fitRect(area, 0, 0);
    EXPECT_EQ(r.x, 5);
    EXPECT_EQ(r.w, 7);
}

}  // namespace
}  // namespace ll::ui
