#include <gtest/gtest.h>

#include "ui/frame_stats.h"

namespace ll::ui {
namespace {

TEST(ui_FrameStats, NearestRankPercentiles) {
    std::vector<double> v;
    for (int i = 1; i <= 100; ++i) v.push_back(i);
    EXPECT_EQ(FrameStats::percentile(v, 50), 50);
    EXPECT_EQ(FrameStats::percentile(v, 95), 95);
    EXPECT_EQ(FrameStats::percentile(v, 100), 100);
    EXPECT_EQ(FrameStats::percentile({}, 95), 0);
    EXPECT_EQ(FrameStats::percentile({7}, 95), 7);
}

TEST(ui_FrameStats, ReportNamesP50P95AndMax) {
    FrameStats s;
    s.add(10, 1);
    s.add(20, 2);
    std::string r = s.report(3);
    EXPECT_NE(r.find("p50"), std::string::npos);
    EXPECT_NE(r.find("p95"), std::string::npos);
    EXPECT_NE(r.find("max 20.00 ms"), std::string::npos);
    EXPECT_NE(r.find("3 video frames dropped"), std::string::npos);
}

}  // namespace
}  // namespace ll::ui
