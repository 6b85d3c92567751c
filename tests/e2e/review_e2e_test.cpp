// Review work in the real window, driven by --script under Xvfb: the talk-time panel and its
// corrections (stored, undoable, metrics recomputed), the large waveform of a sound-only clip,
// pins on the picture, the tag filter and dropped files. Checks screenshots and the library.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>
#include <thread>

#include "analysis/talk_metrics.h"
#include "core/time_text.h"
#include "e2e_support.h"
#include "jobs/talk_analysis.h"
#include "store/library.h"
#include "support/temp_dir.h"
#include "x_keyboard.h"

namespace ll::e2e {
namespace {
namespace fs = std::filesystem;
using analysis::TalkLabel;


// Pixels in the region brighter than near-black (the sound-only view draws on black).
int countLit(const Image& img, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x) {
            const uint8_t* p = img.at(x, y);
            if (p[0] + p[1] + p[2] > 120) ++n;
        }
    return n;
}

constexpr uint32_t kTeacherColour = 0xe8a33d;  // ui::talkLabelColor(Teacher)
constexpr int kSidePanelX = 896;               // 1280 wide: the right-hand panel is 384 px
// ui::talkLabelColor(Student, Multiple, Silence) and the side panel's background.
constexpr uint32_t kStudentColour = 0x59a14f, kSeveralColour = 0xb07aa1, kSilenceColour = 0x59626d;
constexpr uint32_t kPanelColour = 0x22272e;
constexpr uint32_t kPlayheadColour = 0xf2c14e;  // ui::colors::kPlayhead

// `rgb` drawn with `alpha` over `background`.
uint32_t over(uint32_t rgb, double alpha, uint32_t background) {
    uint32_t out = 0;
    for (int shift : {16, 8, 0}) {
        const double c = alpha * ((rgb >> shift) & 0xff) + (1 - alpha) * ((background >> shift) & 0xff);
        out |= static_cast<uint32_t>(std::lround(c)) << shift;
    }
    return out;
}

class e2eReview : public ::testing::Test {
protected:
    void SetUp() override {
        if (findProgram("Xvfb").empty()) GTEST_SKIP() << "Xvfb is not installed";
        ASSERT_FALSE(findProgram("ffmpeg").empty()) << "the ffmpeg CLI makes the test clips";
        m_xvfb = Xvfb::start(1280, 800);
        ASSERT_TRUE(m_xvfb) << "could not start Xvfb on a free display";
    }

    // A one-minute simulated lesson (teacher, students, pauses) as sound only, like a phone's
    // voice memo (AAC in .m4a). `simArgs` picks it: seed, preset, and the simulator's voice set.
    fs::path makeSoundOnlyLesson(const std::string& simArgs = "--seed 11 --preset mixed") {
        const fs::path dir = m_tmp / "sim";
        std::string sim =
            "/usr/bin/python3 " +
            shellQuote(std::string(LL_SOURCE_DIR) + "/scripts/lesson_sim/simulate.py") + " " +
            simArgs + " --minutes 1 --out " + shellQuote(dir.string()) + " > /dev/null 2>&1";
        EXPECT_EQ(runShell(sim), 0) << "the lesson simulator failed";
        const fs::path out = m_tmp / "voice memo.m4a";
        EXPECT_EQ(
            runShell("ffmpeg -nostdin -v error -y -i " + shellQuote((dir / "lesson.wav").string()) +
                     " -c:a aac -b:a 96k " + shellQuote(out.string()) + " 2>&1"),
            0);
        return out;
    }

    fs::path makeVideo() {
        const fs::path out = m_tmp / "board.mp4";
        EXPECT_EQ(
            runShell(
                "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=8 "
                "-f lavfi -i sine=duration=8 -c:v libx264 -pix_fmt yuv420p -c:a aac " +
                shellQuote(out.string()) + " 2>&1"),
            0);
        return out;
    }

    int runApp(const std::string& script, std::string* output) {
        fs::path file = m_tmp / "script.txt";
        std::ofstream(file) << script;
        return runShell(lessonLensCommand(m_tmp.path(), m_xvfb->display(), m_db, file), output);
    }

    std::unique_ptr<store::Library> library() {
        auto lib = store::Library::open(m_db);
        EXPECT_TRUE(lib) << lib.error().describe();
        return lib ? std::move(lib).value() : nullptr;
    }

    // Starts the app on the script in `file` without waiting for it, then waits (up to a minute)
    // for the screenshot `ready` the script takes once the window is ready for a person's input.
    FILE* startAppUntil(const fs::path& file, const fs::path& ready) {
        FILE* app = ::popen(lessonLensCommand(m_tmp.path(), m_xvfb->display(), m_db, file).c_str(), "r");
        for (int i = 0; app && i < 600 && !fs::exists(ready.string() + ".json"); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return app;
    }

    // The library's one clip (each test opens exactly one); nothing when the check failed.
    static std::optional<store::Clip> onlyClip(store::Library& lib, const std::string& why = {}) {
        auto clips = lib.clips().list();
        EXPECT_TRUE(clips);
        if (!clips) return std::nullopt;
        EXPECT_EQ(clips->size(), 1u) << why;
        if (clips->size() != 1u) return std::nullopt;
        return clips->front();
    }

    // The library's one clip's talk time, corrections applied; nothing when a check failed.
    std::optional<jobs::TalkView> onlyTalk(const std::string& why = {}) {
        auto lib = library();
        if (!lib) return std::nullopt;
        const auto clip = onlyClip(*lib);
        if (!clip) return std::nullopt;
        auto talk = jobs::loadTalk(*lib, *clip);
        EXPECT_TRUE(talk && talk->has_value()) << why;
        if (!talk || !talk->has_value()) return std::nullopt;
        return std::move(**talk);
    }

    test::TempDir m_tmp;
    fs::path m_db = m_tmp / "lib.sqlite";
    std::optional<Xvfb> m_xvfb;
};

TEST_F(e2eReview, SoundOnlyClipShowsAWaveformAndTalkCorrectionsChangeTheStoredMetrics) {
    const fs::path lesson = makeSoundOnlyLesson();
    ASSERT_TRUE(fs::exists(lesson));
    const fs::path wave = m_tmp / "sound-only.png", analysed = m_tmp / "analysed.png";
    // Part one: open the voice memo (its waveform is built on opening), look, analyse.
    std::string output;
    ASSERT_EQ(runApp("open " + shellQuote(lesson.string()) +
                         "\n"
                         "seek 20\n"
                         "screenshot " +
                         wave.string() +
                         "\n"
                         "analyze\n"
                         "show-talk\n"
                         "screenshot " +
                         analysed.string() +
                         "\n"
                         "quit\n",
                     &output),
              0)
        << output;

    // The picture area (left of the panel, between the menu and the transport) shows a large
    // waveform before any analysis: many lit pixels on the black background.
    auto shot = readPng(wave);
    ASSERT_TRUE(shot);
    const int lit = countLit(*shot, 20, 60, kSidePanelX - 20, 560);
    std::printf("sound-only view: %d lit pixels in the picture area\n", lit);
    EXPECT_GT(lit, 15000) << "no large waveform where the picture would be";

    auto lib = library();
    ASSERT_TRUE(lib);
    const auto only = onlyClip(*lib);
    ASSERT_TRUE(only);
    const store::Clip clip = *only;
    auto peaks = lib->analyses().peaks(clip.id);
    ASSERT_TRUE(peaks);
    EXPECT_TRUE(peaks->has_value()) << "the waveform peaks are stored";
    auto talk = jobs::loadTalk(*lib, clip);
    ASSERT_TRUE(talk) << talk.error().describe();
    ASSERT_TRUE(talk->has_value()) << "the analysis ran from the app\n" << output;
    const jobs::TalkView before = **talk;
    ASSERT_GE(before.segments.size(), 4u);

    // The talk panel with its teacher colour (the share bar, the legend, the per-minute bars).
    auto panel = readPng(analysed);
    ASSERT_TRUE(panel);
    const int teacherPixels =
        countColour(*panel, kSidePanelX, 0, panel->width, panel->height, kTeacherColour);
    std::printf("talk panel: %d pixels in the teacher colour\n", teacherPixels);
    EXPECT_GT(teacherPixels, 2000);
    // The correction buttons are in view at 1280x800, not below the panel's fold: the button of
    // the stretch at the playhead is filled with its label's colour, 85% over the panel. (A tight
    // tolerance: the silence button's grey is close to the share bar's.)
    int buttonPixels = 0;
    for (uint32_t label : {kTeacherColour, kStudentColour, kSeveralColour, kSilenceColour})
        buttonPixels = std::max(buttonPixels, countColour(*panel, kSidePanelX, 0, panel->width, panel->height,
                                                          over(label, 0.85, kPanelColour), 4));
    std::printf("talk panel: %d pixels of the picked stretch's label button\n", buttonPixels);
    EXPECT_GT(buttonPixels, 1200) << "the relabel buttons are (partly) off screen";
    // The playhead (at 0:20) stops at the foot of the Comments lane: it does not strike through
    // the talk-time legend under the lanes (rows 748-770 at 1280x800, above the status line).
    const int playheadOverLegend = countColour(*panel, 0, 748, kSidePanelX, 770, kPlayheadColour);
    std::printf("timeline: %d playhead pixels over the legend\n", playheadOverLegend);
    EXPECT_LT(playheadOverLegend, 6);

    // Part two: correct the strip the way a reviewer would, through the same commands the
    // clicks, drags and keys run. Pick a teacher stretch, a boundary, and a student stretch.
    auto mid = [](const analysis::TalkSegment& s) {
        return MediaTime::fromMicros(s.range.start.micros() + s.range.duration().micros() / 2);
    };
    auto middle = [&](const analysis::TalkSegment& s) { return formatSeconds(mid(s), 6); };
    const analysis::TalkSegment* teacher = nullptr;
    const analysis::TalkSegment* student = nullptr;
    for (const auto& s : before.automatic) {
        if (!teacher && s.label == TalkLabel::Teacher &&
            s.range.duration() > MediaTime::fromMillis(600))
            teacher = &s;
        if (!student && s.label == TalkLabel::Student && s.speaker >= 0 &&
            s.range.duration() > MediaTime::fromMillis(600))
            student = &s;
    }
    ASSERT_TRUE(teacher) << "the simulated lesson has teacher talk";
    ASSERT_TRUE(student) << "the simulated lesson has a student";
    // The boundary after the picked teacher stretch moves half a second later.
    const MediaTime boundary = teacher->range.end;
    ASSERT_LT(boundary, before.duration);
    std::string script = "open " + shellQuote(lesson.string()) +
                         "\n"
                         "show-talk\n"
                         "talk-select " +
                         middle(*teacher) +
                         "\n"
                         "talk-label-student\n"
                         "talk-relabel 1 2 several\n"
                         "undo\n"
                         "talk-move-edge " +
                         formatSeconds(boundary, 6) + " " +
                         formatSeconds(boundary + MediaTime::fromMillis(500), 6) +
                         "\n"
                         "talk-teacher " +
                         middle(*student) +
                         "\n"
                         "screenshot " +
                         (m_tmp / "corrected.png").string() +
                         "\n"
                         "quit\n";
    ASSERT_EQ(runApp(script, &output), 0) << output;

    auto corrections = lib->analyses().corrections(clip.id, /*includeDeleted=*/true);
    ASSERT_TRUE(corrections);
    ASSERT_EQ(corrections->size(), 4u) << output;
    const auto& relabel = (*corrections)[0];
    EXPECT_EQ(relabel.kind, store::SegmentCorrection::Kind::Relabel);
    EXPECT_EQ(relabel.label, "student");
    EXPECT_EQ(relabel.range, teacher->range) << "the picked stretch, whole";
    EXPECT_EQ(relabel.reviewerId, lib->reviewers().findByName("Tester")->value().id);
    EXPECT_TRUE((*corrections)[1].stamps.isDeleted()) << "undo withdrew the 'several' correction";
    EXPECT_EQ((*corrections)[1].label, "multiple");
    const auto& moved = (*corrections)[2];
    EXPECT_EQ(moved.kind, store::SegmentCorrection::Kind::Relabel);
    EXPECT_EQ(moved.range.start, boundary);
    EXPECT_EQ(moved.range.end, boundary + MediaTime::fromMillis(500));
    EXPECT_EQ(moved.label, "student") << "the stretch before the boundary (now student) grew";
    const auto& teacherAt = (*corrections)[3];
    EXPECT_EQ(teacherAt.kind, store::SegmentCorrection::Kind::TeacherAt);
    EXPECT_EQ(teacherAt.range.start, mid(*student));

    // The stored result, corrections applied, differs from the automatic one the way the
    // corrections say.
    auto after = jobs::loadTalk(*lib, clip);
    ASSERT_TRUE(after && after->has_value());
    const auto& a = **after;
    EXPECT_EQ(a.corrections.size(), 3u);
    auto labelAt = [&](MediaTime t) {
        for (const auto& s : a.segments)
            if (s.range.contains(t)) return s.label;
        return TalkLabel::Silence;
    };
    EXPECT_EQ(labelAt(teacher->range.start + MediaTime::fromMillis(100)), TalkLabel::Student);
    EXPECT_EQ(labelAt(boundary + MediaTime::fromMillis(250)), TalkLabel::Student);
    EXPECT_EQ(labelAt(student->range.start + MediaTime::fromMillis(100)), TalkLabel::Teacher)
        << "the voice said to be the teacher is teacher talk";
    const auto automatic = analysis::computeTalkMetrics(a.automatic, a.duration);
    std::printf("teacher share: %.3f automatic, %.3f corrected\n", automatic.labelShare[1],
                a.metrics.labelShare[1]);
    EXPECT_NE(automatic.labelTime, a.metrics.labelTime);
    EXPECT_FALSE(readPng(m_tmp / "corrected.png") == std::nullopt);

    // Part three: the panel's remove button (the same command): remove the first correction and
    // undo that, then remove the teacher correction for good.
    const std::string first = relabel.id.toString().substr(0, 8), last = teacherAt.id.toString();
    ASSERT_EQ(runApp("open " + shellQuote(lesson.string()) +
                         "\n"
                         "talk-remove-correction " +
                         first +
                         "\n"
                         "undo\n"
                         "talk-remove-correction " +
                         last +
                         "\n"
                         "quit\n",
                     &output),
              0)
        << output;
    auto remaining = lib->analyses().corrections(clip.id);
    ASSERT_TRUE(remaining);
    ASSERT_EQ(remaining->size(), 2u) << output;
    EXPECT_EQ((*remaining)[0].id, relabel.id) << "undo brought the removed correction back";
    EXPECT_EQ((*remaining)[1].id, moved.id);
    auto fewer = jobs::loadTalk(*lib, clip);
    ASSERT_TRUE(fewer && fewer->has_value());
    for (const auto& seg : (**fewer).segments) {
        if (seg.range.contains(student->range.start + MediaTime::fromMillis(100))) {
            EXPECT_EQ(seg.label, TalkLabel::Student)
                << "without the teacher correction the student is a student again";
        }
    }
}

TEST_F(e2eReview, UJumpsToTheTalkTheAnalysisIsUnsureOfAndKeepingItClearsTheFlag) {
    // A discussion among speakers nobody tuned on: the analysis is unsure of a few stretches
    // (five in this one). U jumps to the first, the same label key keeps it after listening;
    // U again goes on to the second and "talk-keep" keeps that one too.
    const fs::path lesson = makeSoundOnlyLesson("--seed 18 --preset discussion --set unseen");
    ASSERT_TRUE(fs::exists(lesson));
    const fs::path shot = m_tmp / "unsure.png";
    std::string output;
    ASSERT_EQ(runApp("open " + shellQuote(lesson.string()) +
                         "\n"
                         "analyze\n"
                         "seek 0\n"
                         "talk-next-unsure\n"
                         "screenshot " +
                         shot.string() + "\n" + "quit\n",
                     &output),
              0)
        << output;
    auto lib = library();
    ASSERT_TRUE(lib);
    const auto clip = onlyClip(*lib);
    ASSERT_TRUE(clip);
    auto talk = jobs::loadTalk(*lib, *clip);
    ASSERT_TRUE(talk && talk->has_value()) << output;
    const jobs::TalkView before = **talk;
    std::vector<analysis::TalkSegment> unsure;
    for (const auto& s : before.automatic)
        if (analysis::isUnsure(s)) unsure.push_back(s);
    std::printf("unsure stretches: %zu, %.1f s\n", unsure.size(),
                before.metrics.unsureLength.seconds());
    ASSERT_GE(unsure.size(), 2u) << "the simulated discussion has talk the analysis is unsure of";
    EXPECT_EQ(before.metrics.unsureStretches, static_cast<int>(unsure.size()));
    // The jump put the playhead on the first one, and the status line says what it is.
    const ScreenshotMeta meta = readScreenshotMeta(shot);
    EXPECT_NEAR(static_cast<double>(meta.positionMicros),
                static_cast<double>(unsure[0].range.start.micros()), 100'000.0)
        << output;
    EXPECT_NE(meta.message.find("Unsure: "), std::string::npos) << meta.message;

    // Keep the first with its own label's key, jump on and keep the second by name.
    static constexpr const char* kKeys[] = {"talk-label-silence", "talk-label-teacher",
                                            "talk-label-student", "talk-label-several"};
    const std::string keepFirst = kKeys[static_cast<size_t>(unsure[0].label)];
    ASSERT_EQ(runApp("open " + shellQuote(lesson.string()) +
                         "\n"
                         "seek 0\n"
                         "talk-next-unsure\n" +
                         keepFirst +
                         "\n"
                         "talk-next-unsure\n"
                         "talk-keep\n"
                         "quit\n",
                     &output),
              0)
        << output;
    auto corrections = lib->analyses().corrections(clip->id);
    ASSERT_TRUE(corrections);
    ASSERT_EQ(corrections->size(), 2u) << output;
    for (size_t k = 0; k < 2; ++k) {
        EXPECT_EQ((*corrections)[k].kind, store::SegmentCorrection::Kind::Relabel);
        EXPECT_EQ((*corrections)[k].range, unsure[k].range) << k;
        EXPECT_EQ((*corrections)[k].label, analysis::toString(unsure[k].label)) << k;
    }
    auto after = jobs::loadTalk(*lib, *clip);
    ASSERT_TRUE(after && after->has_value());
    EXPECT_LE((**after).metrics.unsureStretches, static_cast<int>(unsure.size()) - 2);
    EXPECT_EQ((**after).metrics.labelTime, before.metrics.labelTime)
        << "keeping a stretch changes no figure";
    // Once every flag is checked, U says there is nothing left to check.
    std::string script = "open " + shellQuote(lesson.string()) + "\n";
    for (size_t k = 2; k < unsure.size(); ++k) script += "seek 0\ntalk-next-unsure\ntalk-keep\n";
    EXPECT_EQ(runApp(script + "talk-next-unsure\nquit\n", &output), 1) << output;
    EXPECT_NE(output.find("the analysis is sure of all the talk in this lesson"), std::string::npos)
        << output;
}

TEST_F(e2eReview, DroppedVideoOpensAndAPinnedCommentShowsOnThePicture) {
    const fs::path video = makeVideo();
    const fs::path pinned = m_tmp / "pinned.png", filtered = m_tmp / "filtered.png",
                   all = m_tmp / "all.png";
    std::string output;
    ASSERT_EQ(runApp("drop " + shellQuote(video.string()) +
                         "\n"
                         "seek 2\n"
                         "comment \"Look at the yellow bar\" --kind question --pin 0.25,0.75 "
                         "--tags board,launch\n"
                         "comment \"Later note\" --at 6 --tags launch\n"
                         "pin-comment 0.5,0.5\n"
                         "filter-tag board\n"
                         "seek 2.5\n"
                         "screenshot " +
                         pinned.string() +
                         "\n"
                         "filter-tag all\n"
                         "screenshot " +
                         all.string() +
                         "\n"
                         "filter-tag nothing-has-this\n"
                         "screenshot " +
                         filtered.string() +
                         "\n"
                         "quit\n",
                     &output),
              0)
        << output;

    // The drop opened the clip; both comments are stored with their pins.
    auto lib = library();
    ASSERT_TRUE(lib);
    const auto clip = onlyClip(*lib, "dropping the video opened (and added) it");
    ASSERT_TRUE(clip);
    auto comments = lib->comments().list(clip->id);
    ASSERT_TRUE(comments);
    ASSERT_EQ(comments->size(), 2u);
    ASSERT_TRUE((*comments)[0].pinX && (*comments)[0].pinY);
    EXPECT_FLOAT_EQ(*(*comments)[0].pinX, 0.25f);
    EXPECT_FLOAT_EQ(*(*comments)[0].pinY, 0.75f);
    EXPECT_EQ((*comments)[0].tags, (std::vector<std::string>{"board", "launch"}));
    ASSERT_TRUE((*comments)[1].pinX) << "pin-comment pinned the selected (latest) comment";
    EXPECT_FLOAT_EQ(*(*comments)[1].pinX, 0.5f);

    // At 2.5 s the first comment is current: its pin is drawn at a quarter across and three
    // quarters down the picture, where the clip itself has no such marker.
    auto shot = readPng(pinned);
    ASSERT_TRUE(shot);
    const ScreenshotMeta s = readScreenshotMeta(pinned);
    ASSERT_GT(s.w, 100);
    auto ref = referenceFrame(video, s.positionMicros / 1e6, s.w, s.h);
    ASSERT_TRUE(ref);
    const int px = s.w / 4, py = s.h * 3 / 4;
    const double atPin = meanAbsDiff(crop(crop(*shot, s.x, s.y, s.w, s.h), px - 8, py - 8, 16, 16),
                                     crop(*ref, px - 8, py - 8, 16, 16), 0);
    const double elsewhere =
        meanAbsDiff(crop(crop(*shot, s.x, s.y, s.w, s.h), s.w * 3 / 4 - 8, s.h / 4 - 8, 16, 16),
                    crop(*ref, s.w * 3 / 4 - 8, s.h / 4 - 8, 16, 16), 0);
    std::printf("pin: %.1f mean difference at the pin, %.1f elsewhere\n", atPin, elsewhere);
    EXPECT_GT(atPin, 40.0) << "no pin drawn at (0.25, 0.75)";
    EXPECT_LT(elsewhere, 10.0) << "the picture elsewhere is the clip's frame";

    // The tag filter changes the list: all comments, one tag, and a tag no comment has.
    auto listOf = [&](const fs::path& png) {
        auto img = readPng(png);
        EXPECT_TRUE(img);
        return img ? crop(*img, kSidePanelX + 10, 150, 360, 300) : Image{};
    };
    const Image listAll = listOf(all), listBoard = listOf(pinned), listNone = listOf(filtered);
    EXPECT_GT(meanAbsDiff(listAll, listBoard), 0.5)
        << "filtering by #board hides the other comment";
    EXPECT_GT(meanAbsDiff(listBoard, listNone), 0.5) << "an unused tag shows no comment";
}

// The library shows a lesson's talk time as the talk panel and the rounds view do: with the
// reviewer's corrections applied. (It used to read the automatic run, so a lesson corrected to
// all student talk still said "Teacher 100%".)
TEST_F(e2eReview, TheLibraryShowsTalkTimeWithTheReviewersCorrections) {
    const fs::path video = makeVideo();
    const fs::path before = m_tmp / "before.png", after = m_tmp / "after.png";
    std::string output;
    ASSERT_EQ(runApp("open " + shellQuote(video.string()) +
                         "\n"
                         "analyze\n"
                         "library\n"
                         "screenshot " + before.string() +
                         "\n"
                         "library\n"
                         "talk-relabel 0 8 student\n"
                         "library\n"
                         "screenshot " + after.string() +
                         "\n"
                         "quit\n",
                     &output),
              0)
        << output;
    const auto talk = onlyTalk(output);
    ASSERT_TRUE(talk);
    const auto automatic = analysis::computeTalkMetrics(talk->automatic, talk->duration);
    ASSERT_LT(automatic.labelShare[2], 0.5) << "the fixture's steady tone is not student talk";
    EXPECT_GT(talk->metrics.labelShare[2], 0.99) << "corrected to student talk";

    // The library's first row: its talk bar as analysed (the tone is silence), then in the
    // students' colour. Before, the library had not read the lesson at all ("0 lessons").
    auto coloured = [](const fs::path& png, uint32_t rgb) {
        auto img = readPng(png);
        EXPECT_TRUE(img) << png;
        return img ? countColour(*img, 900, 80, 1270, 400, rgb, 6) : 0;
    };
    constexpr uint32_t kSilence = 0x59626d, kStudent = 0x59a14f;
    EXPECT_GT(coloured(before, kSilence), 400);
    EXPECT_LT(coloured(before, kStudent), 20);
    EXPECT_GT(coloured(after, kStudent), 400);
    EXPECT_LT(coloured(after, kSilence), 200);  // the bar is about 1,200 pixels
}

// In an 800x600 window (a small laptop, a projector) the talk-time legend keeps all four shares
// and a round's classrooms table keeps its talk bars readable. Before, the legend stopped at
// "S" of Silence and the table's talk-time column shrank to a few pixels.
TEST_F(e2eReview, AnEightHundredBySixHundredWindowKeepsTheLegendAndTheRoundsTableReadable) {
    fs::create_directories(m_tmp / "config" / "lessonlens");
    std::ofstream(m_tmp / "config" / "lessonlens" / "settings.json") << R"({"window_width": 800, "window_height": 600})";
    const fs::path lesson = makeSoundOnlyLesson();
    const fs::path timeline = m_tmp / "timeline.png", rounds = m_tmp / "rounds.png";
    std::string output;
    ASSERT_EQ(runApp("open " + shellQuote(lesson.string()) +
                         "\n"
                         "analyze\n"
                         // Every share two digits wide, as in most lessons.
                         "talk-relabel 0 15 teacher\n"
                         "talk-relabel 15 30 student\n"
                         "talk-relabel 30 45 several\n"
                         "talk-relabel 45 60 silence\n"
                         "screenshot " + timeline.string() +
                         "\n"
                         "round-create \"Grade 4 rounds, November\" --focus \"How long do we wait after a question?\"\n"
                         "round-add\n"  // the rounds view is showing since round-create
                         "wait 0.3\n"
                         "screenshot " + rounds.string() +
                         "\n"
                         "quit\n",
                     &output),
              0)
        << output;
    const auto talk = onlyTalk(output);
    ASSERT_TRUE(talk);
    for (double share : talk->metrics.labelShare) ASSERT_GT(share, 0.2) << "the relabelled quarters";

    auto shot = readPng(timeline);
    ASSERT_TRUE(shot);
    ASSERT_EQ(shot->width, 800);
    // The legend's row, under the Comments lane and above the status line, left of the panel:
    // the Silence swatch is its last (about 10 x 10 pixels), and its "Silence 25%" follows.
    const int silenceSwatch = countColour(*shot, 0, 540, 440, 576, kSilenceColour, 2);
    std::printf("800x600 legend: %d pixels of the silence swatch\n", silenceSwatch);
    EXPECT_GT(silenceSwatch, 50) << "the legend is cut short";
    // Its left edge: the first column with several swatch pixels in it.
    int swatchX = 0;
    while (swatchX < 440 && countColour(*shot, swatchX, 540, swatchX + 1, 576, kSilenceColour, 2) < 5) ++swatchX;
    std::printf("800x600 legend: the silence swatch starts at x = %d\n", swatchX);
    EXPECT_LT(swatchX + 90, 440) << "no room for \"Silence 25%\" after its swatch";

    auto view = readPng(rounds);
    ASSERT_TRUE(view);
    // The classrooms table right of the round list: the lesson's talk bar in the teacher's
    // colour (the legend above it holds one swatch of about 150 pixels).
    const int teacherPixels = countColour(*view, 200, 0, 800, 560, kTeacherColour, 4);
    std::printf("800x600 rounds view: %d pixels in the teacher colour\n", teacherPixels);
    EXPECT_GT(teacherPixels, 400) << "the talk bar in the classrooms table is squeezed";
}

// A WebM cut short (its cues went with the cut) opens with a note, and past where it stops the
// picture says the rest of the recording is missing instead of standing on the last frame.
TEST_F(e2eReview, PastTheCutOfAShortenedFileThePictureSaysTheRestIsMissing) {
    const fs::path full = m_tmp / "full.webm", cut = m_tmp / "cut.webm";
    ASSERT_EQ(runShell("ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=24 -f lavfi "
                       "-i sine=duration=24 -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 300k -c:a libopus " +
                       shellQuote(full.string()) + " 2>&1"),
              0);
    const auto size = fs::file_size(full);
    ASSERT_EQ(runShell("head -c " + std::to_string(size * 6 / 10) + " " + shellQuote(full.string()) + " > " +
                       shellQuote(cut.string())),
              0);
    const fs::path before = m_tmp / "before.png", after = m_tmp / "after.png";
    std::string output;
    ASSERT_EQ(runApp("open " + shellQuote(cut.string()) + "\nseek 5\nscreenshot " + before.string() +
                         "\nseek 20\nscreenshot " + after.string() + "\nquit\n",
                     &output),
              0)
        << output;
    EXPECT_NE(output.find("the rest is missing"), std::string::npos) << output;
    // The note's dark box in the middle of the picture (over testsrc2's bright bars), only past
    // the cut.
    auto box = [](const fs::path& png) {
        auto img = readPng(png);
        EXPECT_TRUE(img) << png;
        int dark = 0;
        for (int y = 280; img && y < 320; ++y)
            for (int x = 200; x < 700; ++x) {
                const uint8_t* p = img->at(x, y);
                dark += p[0] < 70 && p[1] < 70 && p[2] < 70;
            }
        return dark;
    };
    const int boxBefore = box(before), boxAfter = box(after);
    std::printf("cut WebM: %d note pixels at 0:05, %d at 0:20\n", boxBefore, boxAfter);
    EXPECT_LT(boxBefore, 200);
    EXPECT_GT(boxAfter, 4000);
}

TEST_F(e2eReview, BadReviewCommandsFailWithAReasonAndStoreNothing) {
    const fs::path video = makeVideo();
    std::string output;
    EXPECT_EQ(runApp("drop /no/such/lesson.mp4\n"
                     "open " +
                         shellQuote(video.string()) +
                         "\n"
                         "talk-relabel 1 student\n"
                         "comment \"pinned off the picture\" --pin 1.5,0.2\n"
                         "filter-resolved maybe\n"
                         "library-sort colour\n"
                         "library-find grade\n"
                         "library-sort length desc\n"
                         "quit\n",
                     &output),
              1);
    EXPECT_NE(output.find("script.txt:1:"), std::string::npos) << output;
    EXPECT_NE(output.find("script.txt:3: analyse talk time first"), std::string::npos) << output;
    EXPECT_NE(output.find("script.txt:4: a pin is X,Y"), std::string::npos) << output;
    EXPECT_NE(output.find("script.txt:5:"), std::string::npos) << output;
    EXPECT_NE(output.find("script.txt:6: \"colour\" is not a library column"), std::string::npos) << output;
    EXPECT_EQ(output.find("script.txt:7:"), std::string::npos) << output;
    EXPECT_EQ(output.find("script.txt:8:"), std::string::npos) << output;
    auto lib = library();
    ASSERT_TRUE(lib);
    const auto clip = onlyClip(*lib);
    ASSERT_TRUE(clip);
    auto comments = lib->comments().list(clip->id);
    ASSERT_TRUE(comments);
    EXPECT_TRUE(comments->empty());
    auto corrections = lib->analyses().corrections(clip->id, true);
    ASSERT_TRUE(corrections);
    EXPECT_TRUE(corrections->empty());
}

TEST_F(e2eReview, RealKeysRelabelAStretchAndCompleteATag) {
    auto keyboard = XKeyboard::open(m_xvfb->display());
    if (!keyboard) GTEST_SKIP() << "libXtst is not available to send keys";
    const fs::path video = makeVideo();
    const fs::path ready = m_tmp / "ready.png", after = m_tmp / "after.png";
    const std::string script = "open " + shellQuote(video.string()) +
                               "\n"
                               "comment \"Earlier note\" --at 1 --tags wait-time\n"
                               "analyze\n"
                               "seek 4\n"
                               "screenshot " +
                               ready.string() +
                               "\n"
                               "wait 10\n"
                               "screenshot " +
                               after.string() +
                               "\n"
                               "quit\n";
    fs::path file = m_tmp / "script.txt";
    std::ofstream(file) << script;
    FILE* app = startAppUntil(file, ready);
    ASSERT_NE(app, nullptr);
    ASSERT_TRUE(fs::exists(ready.string() + ".json"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // 2: the stretch under the playhead (a steady tone, never heard as one student) is student
    // talk. Then C, a note, Tab to the tags,
    // "wai", Tab completes it to the known tag, Ctrl+Enter saves. Paced like a person.
    auto pause = [] { std::this_thread::sleep_for(std::chrono::milliseconds(300)); };
    keyboard->tap("2");
    pause();
    keyboard->tap("c");
    pause();
    keyboard->type("Nice pause");
    pause();
    keyboard->tap("Tab");
    pause();
    keyboard->type("wai");
    pause();
    keyboard->tap("Tab");
    pause();
    keyboard->tap("Return", true);
    std::string output;
    const int status = finishApp(app, output);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << output;

    auto lib = library();
    ASSERT_TRUE(lib);
    const auto clip = onlyClip(*lib);
    ASSERT_TRUE(clip);
    auto corrections = lib->analyses().corrections(clip->id);
    ASSERT_TRUE(corrections);
    ASSERT_EQ(corrections->size(), 1u) << output;
    EXPECT_EQ(corrections->front().label, "student");
    EXPECT_TRUE(corrections->front().range.contains(4_s)) << "the stretch under the playhead";
    auto comments = lib->comments().list(clip->id);
    ASSERT_TRUE(comments);
    ASSERT_EQ(comments->size(), 2u) << output;
    EXPECT_EQ((*comments)[1].text, "Nice pause");
    EXPECT_EQ((*comments)[1].tags, (std::vector<std::string>{"wait-time"}))
        << "Tab completed \"wai\"";
}

TEST_F(e2eReview, ClickingTheTalkStripPicksAStretchAndDraggingItsEdgeSavesACorrection) {
    auto pointer = XKeyboard::open(m_xvfb->display());
    if (!pointer) GTEST_SKIP() << "libXtst is not available to move the pointer";
    const fs::path lesson = makeSoundOnlyLesson();
    std::string output;
    ASSERT_EQ(runApp("open " + shellQuote(lesson.string()) + "\nanalyze\nquit\n", &output), 0)
        << output;
    auto lib = library();
    ASSERT_TRUE(lib);
    const auto clip = onlyClip(*lib);
    ASSERT_TRUE(clip);
    auto talk = jobs::loadTalk(*lib, *clip);
    ASSERT_TRUE(talk && talk->has_value());
    const auto& segments = (**talk).segments;
    // A stretch long enough to click, whose end is a boundary with room to drag it later.
    const analysis::TalkSegment* picked = nullptr;
    for (size_t i = 0; i + 1 < segments.size() && !picked; ++i)
        if (segments[i].range.duration() >= 2_s && segments[i].range.end + 6_s < (**talk).duration)
            picked = &segments[i];
    ASSERT_TRUE(picked);

    const fs::path ready = m_tmp / "ready.png";
    fs::path file = m_tmp / "script.txt";
    std::ofstream(file) << "open " + shellQuote(lesson.string()) + "\nscreenshot " +
                               ready.string() + "\nwait 10\nquit\n";
    FILE* app = startAppUntil(file, ready);
    ASSERT_NE(app, nullptr);
    ASSERT_TRUE(fs::exists(ready.string() + ".json"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::ifstream metaIn(ready.string() + ".json");
    auto meta = nlohmann::json::parse(metaIn, nullptr, false);
    ASSERT_FALSE(meta.is_discarded());
    const double stripX = meta["talk_strip"]["x"], stripY = meta["talk_strip"]["y"],
                 stripH = meta["talk_strip"]["h"];
    const double start = meta["view_start_us"], usPerPx = meta["us_per_px"];
    ASSERT_GT(usPerPx, 0);
    auto xOf = [&](MediaTime t) {
        return static_cast<int>(std::lround(stripX + (t.micros() - start) / usPerPx));
    };
    const int y = static_cast<int>(stripY + stripH / 2);
    // Click the middle of the stretch, then drag its end edge 20 pixels later.
    pointer->moveTo(xOf(MediaTime::fromMicros(picked->range.start.micros() +
                                              picked->range.duration().micros() / 2)),
                    y);
    pointer->button(1, true);
    pointer->button(1, false);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const int edgeX = xOf(picked->range.end);
    pointer->moveTo(edgeX, y);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    pointer->button(1, true);
    for (int dx = 5; dx <= 20; dx += 5) pointer->moveTo(edgeX + dx, y);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    pointer->button(1, false);
    std::string rest;
    const int status = finishApp(app, rest);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << rest;

    auto corrections = lib->analyses().corrections(clip->id);
    ASSERT_TRUE(corrections);
    ASSERT_EQ(corrections->size(), 1u) << rest;
    const auto& c = corrections->front();
    EXPECT_EQ(c.kind, store::SegmentCorrection::Kind::Relabel);
    EXPECT_EQ(c.range.start, picked->range.end) << "the dragged edge is where it was";
    const double draggedPx = static_cast<double>((c.range.end - c.range.start).micros()) / usPerPx;
    std::printf("edge dragged by %.1f px (pointer moved 20 px)\n", draggedPx);
    EXPECT_NEAR(draggedPx, 20.0, 2.0);
    EXPECT_EQ(c.label, std::string(analysis::toString(picked->label))) << "the picked stretch grew";
}

}  // namespace
}  // namespace ll::e2e
