// Whole-lesson accuracy against the simulator's exact labels (scripts/lesson_sim). Each case
// generates a short lesson into a temporary directory, analyses it and checks floors set a few
// points below what talk-v1 measured (see scripts/lesson_sim/REPORT.md), so a regression fails
// while ordinary numeric noise does not.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "analysis/talk_analyzer.h"
#include "analysis/talk_scoring.h"
#include "analysis/wav_reader.h"

using namespace ll::analysis;
using namespace ll::analysis::test;

namespace {

struct LessonCase {
    const char* preset;
    int seed;
    double minutes;
    double minAccuracy;    // 4-class, 0.25 s collar
    double maxShareErrPp;  // every label
};

class LessonAccuracy : public ::testing::TestWithParam<LessonCase> {};

std::string describe(const ::testing::TestParamInfo<LessonCase>& info) {
    return std::string(info.param.preset) + "_seed" + std::to_string(info.param.seed);
}

}  // namespace

TEST_P(LessonAccuracy, MeetsFloors) {
    const auto& c = GetParam();
    if (!std::filesystem::exists("/usr/bin/python3"))
        GTEST_SKIP() << "needs /usr/bin/python3 with numpy and scipy";
    const auto dir = std::filesystem::temp_directory_path() /
                     ("ll_lesson_" + std::string(c.preset) + "_" + std::to_string(c.seed) + "_" +
                      std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string cmd = std::string("/usr/bin/python3 ") + LL_SOURCE_DIR +
                            "/scripts/lesson_sim/simulate.py --seed " + std::to_string(c.seed) +
                            " --minutes " + std::to_string(c.minutes) + " --preset " + c.preset +
                            " --out " + dir.string() + " > /dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

    WavData wav;
    std::string err;
    ASSERT_TRUE(readWav((dir / "lesson.wav").string(), wav, &err)) << err;
    ASSERT_EQ(wav.sampleRate, kSampleRate);
    std::vector<TalkLabel> truth;
    ASSERT_TRUE(readTruth((dir / "truth.csv").string(), truth));

    TalkAnalyzer analyzer;
    for (size_t i = 0; i < wav.samples.size(); i += 8000)
        analyzer.push(std::span<const float>(wav.samples)
                          .subspan(i, std::min<size_t>(8000, wav.samples.size() - i)));
    auto result = analyzer.finish();
    ASSERT_TRUE(result.ok()) << result.error().describe();
    const auto score = scoreFrames(truth, segmentsToFrames(result->segments, truth.size()));
    std::printf("[ lesson   ] %s seed %d: %s\n", c.preset, c.seed, score.describe().c_str());
    EXPECT_GE(score.accuracy, c.minAccuracy);
    EXPECT_LE(score.maxShareErrPp, c.maxShareErrPp);
    std::filesystem::remove_all(dir);
}

// Floors sit about 5 points below what talk-v1 measured on these exact lessons (accuracy
// 97.8 / 93.2 / 97.0 / 96.9 %, worst share error 2.2 / 3.7 / 2.7 / 5.3 pp; see REPORT.md).
INSTANTIATE_TEST_SUITE_P(Simulated, LessonAccuracy,
                         ::testing::Values(LessonCase{"discussion", 201, 1.5, 0.92, 6.0},
                                           LessonCase{"groupwork", 202, 2.0, 0.86, 6.0},
                                           LessonCase{"mixed", 203, 2.0, 0.92, 6.0},
                                           LessonCase{"lecture", 204, 1.5, 0.92, 8.0}),
                         describe);
