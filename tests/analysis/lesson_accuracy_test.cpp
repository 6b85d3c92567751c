// Whole-lesson accuracy against the simulator's exact labels (scripts/lesson_sim). Each case
// generates a short lesson into a temporary directory, analyses it and checks floors set a few
// points below what talk-v3 measured (see scripts/lesson_sim/REPORT.md), so a regression fails
// while ordinary numeric noise does not. One case uses the held-out set's voices (flite and
// festival, built from real speakers' recordings) and rooms; it is skipped where they are missing.
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
    const char* set;  // simulate.py --set: tuning, heldout, real or unseen
    const char* preset;
    int seed;
    double minutes;
    double minAccuracy;    // 4-class, 0.25 s collar
    double maxShareErrPp;  // every label
};

class LessonAccuracy : public ::testing::TestWithParam<LessonCase> {};

std::string describe(const ::testing::TestParamInfo<LessonCase>& info) {
    return std::string(info.param.set) + "_" + info.param.preset + "_seed" +
           std::to_string(info.param.seed);
}

}  // namespace

TEST_P(LessonAccuracy, MeetsFloors) {
    const auto& c = GetParam();
    if (!std::filesystem::exists("/usr/bin/python3"))
        GTEST_SKIP() << "needs /usr/bin/python3 with numpy and scipy";
    if (std::string(c.set) == "heldout" &&
        (std::system("command -v flite >/dev/null && command -v text2wave >/dev/null") != 0))
        GTEST_SKIP() << "needs flite and festival (scripts/setup-deps.sh installs them)";
    if (std::string(c.set) == "real" &&
        !(std::filesystem::exists("/usr/share/codec2/raw/hts.raw") &&
          std::filesystem::exists("/usr/share/klettres") &&
          std::filesystem::exists("/usr/share/sounds/alsa/Front_Left.wav")))
        GTEST_SKIP()
            << "needs codec2-examples, klettres-data and alsa-utils (scripts/setup-deps.sh)";
    if (std::string(c.set) == "unseen" &&
        !(std::filesystem::exists("/usr/share/asterisk/sounds/it_IT_m_Carlo") &&
          std::filesystem::exists("/usr/share/ktuberling/sounds")))
        GTEST_SKIP() << "needs the Asterisk sound packages and ktuberling-data "
                        "(scripts/setup-deps.sh)";
    const auto dir = std::filesystem::temp_directory_path() /
                     ("ll_lesson_" + std::string(c.preset) + "_" + std::to_string(c.seed) + "_" +
                      std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string cmd = std::string("/usr/bin/python3 ") + LL_SOURCE_DIR +
                            "/scripts/lesson_sim/simulate.py --seed " + std::to_string(c.seed) +
                            " --minutes " + std::to_string(c.minutes) + " --preset " + c.preset +
                            " --set " + c.set + " --out " + dir.string() + " > /dev/null";
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
    std::printf("[ lesson   ] %s %s seed %d: %s\n", c.set, c.preset, c.seed,
                score.describe().c_str());
    EXPECT_GE(score.accuracy, c.minAccuracy);
    EXPECT_LE(score.maxShareErrPp, c.maxShareErrPp);
    std::filesystem::remove_all(dir);
}

// Floors sit about 5 points below what talk-v5 measured on these exact lessons (accuracy
// 97.9 / 95.2 / 100 / 98.9 %, held-out 99.8 %; worst share error 1.6 / 4.3 / 1.3 / 1.9, held-out
// 1.7 pp). talk-v6 to talk-v8: 98.6 / 95.5 / 98.4 / 99.4 %, held-out 99.8 %; 2.2 / 5.0 / 1.2 /
// 1.3, 1.8 pp (see REPORT.md).
INSTANTIATE_TEST_SUITE_P(Simulated, LessonAccuracy,
                         ::testing::Values(LessonCase{"tuning", "discussion", 201, 1.5, 0.92, 6.0},
                                           LessonCase{"tuning", "groupwork", 202, 2.0, 0.90, 6.0},
                                           LessonCase{"tuning", "mixed", 203, 2.0, 0.95, 6.0},
                                           LessonCase{"tuning", "lecture", 204, 1.5, 0.94, 6.0},
                                           LessonCase{"heldout", "mixed", 206, 2.0, 0.94, 6.0},
                                           // real recorded speech: talk-v6 to v8 96.0 %, 2.1 pp
                                           // (talk-v5 96.2 %, 1.3 pp)
                                           LessonCase{"real", "mixed", 207, 2.0, 0.91, 6.0},
                                           // unseen speakers: talk-v6 to v8 89.3 %, 11.2 pp
                                           // (students 14.0 -> 2.8 %: under-counted, see REPORT.md;
                                           // talk-v5 89.8 %, 10.7 pp)
                                           LessonCase{"unseen", "mixed", 208, 2.0, 0.85, 13.0},
                                           // a class answering in chorus: talk-v15 98.0 %,
                                           // 3.1 pp (talk-v14 95.9 %, 5.6 pp: every chorus
                                           // one student, several voices under-counted by
                                           // their share). See REPORT.md.
                                           LessonCase{"tuning", "recitation", 212, 2.0, 0.95,
                                                      5.0}),
                         describe);
