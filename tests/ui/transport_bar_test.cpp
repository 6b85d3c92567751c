#include <gtest/gtest.h>

#include "ui/transport_bar.h"

namespace ll::ui {
namespace {

// Widths as DejaVu Sans at the app's size measures them (pixels).
TransportWidths widths() {
    TransportWidths w;
    w.play = 46, w.step = 36, w.jump = 40, w.spacing = 8, w.timeGap = 14;
    w.now = 56, w.total = 70, w.groupGap = 10, w.speed = 70, w.volumeLabel = 52;
    w.sliderMin = 60, w.sliderWide = 150;
    return w;
}

// The width of the bar's row as drawn with `l`.
float rowWidth(const TransportWidths& w, const TransportLayout& l) {
    return w.play + (l.steps ? 2 * (w.step + w.spacing) : 0) +
           (l.jumps ? 2 * (w.jump + w.spacing) : 0) + w.timeGap + w.now + (l.total ? w.total : 0) +
           w.groupGap + w.speed + w.spacing + (l.volumeLabel ? w.volumeLabel + w.spacing : 0) +
           l.slider;
}

TEST(ui_TransportBar, AWideBarShowsEverythingWithAWideSlider) {
    const auto w = widths();
    const auto l = layoutTransport(w, 876);  // a 1280-pixel window
    EXPECT_TRUE(l.steps && l.jumps && l.total && l.volumeLabel);
    EXPECT_EQ(l.slider, 150);
}

TEST(ui_TransportBar, NarrowBarsDropItemsInsteadOfOverlapping) {
    const auto w = widths();
    const float required =
        w.play + w.timeGap + w.now + w.groupGap + w.speed + w.spacing + w.sliderMin;
    for (float available = required; available <= 1000; available += 1) {
        const auto l = layoutTransport(w, available);
        EXPECT_LE(rowWidth(w, l), available + 0.01f) << "at " << available << " px";
        EXPECT_GE(l.slider, w.sliderMin);
        EXPECT_TRUE(l.steps || !l.jumps) << "jumps (on the arrow keys) go before frame steps";
    }
    // An 800 x 600 window leaves 420 px: the frame steps fit, the jump buttons do not.
    const auto small = layoutTransport(w, 420);
    EXPECT_TRUE(small.steps);
    EXPECT_FALSE(small.jumps);
    // A 1024 x 768 window (644 px) keeps the whole lesson length, "/ 1:52.73".
    EXPECT_TRUE(layoutTransport(w, 644).total);
}

}  // namespace
}  // namespace ll::ui
