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

TEST(ui_VideoLayout, TheRangeBadgeSitsInsideTheLetterboxedPicture) {
    // 1280x800: the picture is letterboxed, with a bar under it; the badge was cut by its edge.
    const PixelRect area{0, 27, 896, 546};
    const PixelRect picture = fitRect(area, 1920, 1080);
    ASSERT_GT(area.y + area.h, picture.y + picture.h) << "a bar under the picture";
    const PixelRect b = rangeBadgeRect(area, picture, 170, 17);
    EXPECT_GE(b.x, picture.x);
    EXPECT_GE(b.y, picture.y);
    EXPECT_LE(b.x + b.w, picture.x + picture.w - 8) << "off the right edge";
    EXPECT_LE(b.y + b.h, picture.y + picture.h - 8) << "off the bottom edge";
    EXPECT_EQ(b.w, 170 + 2 * kBadgePadX);
    EXPECT_EQ(b.h, 17 + 2 * kBadgePadY);
}

TEST(ui_VideoLayout, TheRangeBadgeUsesThePaneWithoutAPictureToHoldIt) {
    const PixelRect area{0, 27, 896, 546};
    const PixelRect none = rangeBadgeRect(area, std::nullopt, 170, 17);
    EXPECT_LE(none.x + none.w, area.x + area.w);
    EXPECT_LE(none.y + none.h, area.y + area.h);
    EXPECT_GT(none.y, area.y + area.h / 2) << "still at the bottom";
    // A tall, narrow phone video in a small window: too narrow for the badge.
    const PixelRect narrow{400, 27, 90, 546};
    const PixelRect b = rangeBadgeRect(area, narrow, 170, 17);
    EXPECT_EQ(b.x, none.x);
    EXPECT_EQ(b.y, none.y);
}

TEST(ui_VideoLayout, EmptySizesLeaveTheAreaAsIs) {
    PixelRect area{5, 6, 7, 8};
    PixelRect r = fitRect(area, 0, 0);
    EXPECT_EQ(r.x, 5);
    EXPECT_EQ(r.w, 7);
}

TEST(ui_VideoPins, AClickOnThePictureBecomesANormalizedPinAndBack) {
    PixelRect picture{100, 50, 640, 360};
    auto pin = pictureToPin(picture, 260, 320);
    ASSERT_TRUE(pin);
    EXPECT_FLOAT_EQ(pin->first, 0.25f);
    EXPECT_FLOAT_EQ(pin->second, 0.75f);
    ImVec2 back = pinToPicture(picture, *pin);
    EXPECT_FLOAT_EQ(back.x, 260);
    EXPECT_FLOAT_EQ(back.y, 320);
    // The same pin on the picture shown twice as large lands on the same spot of the frame.
    ImVec2 big = pinToPicture({0, 0, 1280, 720}, *pin);
    EXPECT_FLOAT_EQ(big.x, 320);
    EXPECT_FLOAT_EQ(big.y, 540);
}

TEST(ui_VideoPins, ClicksBesideThePictureAreNotPins) {
    PixelRect picture{100, 50, 640, 360};
    EXPECT_FALSE(pictureToPin(picture, 99, 100)) << "in the black bar to the left";
    EXPECT_FALSE(pictureToPin(picture, 200, 411)) << "below";
    EXPECT_FALSE(pictureToPin({0, 0, 0, 0}, 0, 0)) << "no picture";
    EXPECT_TRUE(pictureToPin(picture, 740, 410)) << "the far corner is on the picture";
}

TEST(ui_VideoPins, PinTextIsTwoNumbersBetweenZeroAndOne) {
    auto pin = parsePin("0.3,0.4");
    ASSERT_TRUE(pin);
    EXPECT_FLOAT_EQ(pin->first, 0.3f);
    EXPECT_FLOAT_EQ(pin->second, 0.4f);
    pin = parsePin(" 1 , 0 ");
    ASSERT_TRUE(pin) << pin.error().message;
    EXPECT_FLOAT_EQ(pin->first, 1.f);
    for (const char* bad : {"", "0.5", "0.5,", ",0.5", "1.5,0.2", "-0.1,0.2", "a,b", "0.2,0.3,0.4", "nan,0.1"}) {
        auto r = parsePin(bad);
        EXPECT_FALSE(r) << bad;
        if (!r) {
            EXPECT_NE(r.error().message.find("between 0 and 1"), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace ll::ui
