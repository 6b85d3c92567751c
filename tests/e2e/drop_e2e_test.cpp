// Files dragged onto the real window under Xvfb through the X11 drag-and-drop protocol (XDND), as
// a file manager drags them: tests/e2e/xdnd_drop is the drag source, GLFW's XDND code in the app
// is the target, and the app's drop command opens what arrives. The app runs a script that only
// waits, takes a screenshot and quits; the drags happen while it waits. Checks the window's
// title, the screenshot (its picture and what the status line said) and the library afterwards.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "e2e_support.h"
#include "store/library.h"
#include "support/temp_dir.h"

namespace ll::e2e {
namespace {
namespace fs = std::filesystem;

// Solid colours, far apart, so the video area says which clip is shown.
constexpr uint32_t kBlue = 0x2f6fd0;
constexpr uint32_t kOrange = 0xd0602f;

// How long the app's script waits before its screenshot. The drags start as soon as the window
// is up and each takes a fraction of a second; the margin is for a loaded machine.
constexpr int kScriptWaitSeconds = 8;

class e2eDrop : public ::testing::Test {
protected:
    void SetUp() override {
        if (findProgram("Xvfb").empty()) GTEST_SKIP() << "Xvfb is not installed";
        ASSERT_FALSE(findProgram("ffmpeg").empty()) << "the ffmpeg CLI makes the test clips";
        ASSERT_TRUE(fs::exists(m_dragSource)) << "xdnd_drop is built beside the app";
        m_xvfb = Xvfb::start(1280, 800);
        ASSERT_TRUE(m_xvfb) << "could not start Xvfb on a free display";
    }

    // Four seconds of one colour with a tone, named `name` in the test folder.
    fs::path makeClip(const std::string& name, uint32_t rgb) {
        char colour[16];
        std::snprintf(colour, sizeof colour, "0x%06x", rgb);
        const fs::path out = m_tmp / name;
        EXPECT_EQ(
            runShell("ffmpeg -nostdin -v error -y -f lavfi -i color=c=" + std::string(colour) +
                     ":size=320x240:rate=25:duration=4 -f lavfi -i sine=duration=4 -c:v libx264 "
                     "-pix_fmt yuv420p -c:a aac " +
                     shellQuote(out.string()) + " 2>&1"),
            0);
        return out;
    }

    struct Drag {
        int exitCode = -1;
        std::string output;  // stdout and stderr
    };
    struct Run {
        int appExit = -1;
        std::string appOutput;
        std::vector<Drag> drags;  // one per drag, in order
        fs::path screenshot;
    };

    // Starts the app on a script that waits, screenshots and quits; meanwhile runs one xdnd_drop
    // per entry of `drags` (its arguments after the display), one after another.
    Run runWithDrags(const std::vector<std::vector<std::string>>& drags) {
        Run run;
        run.screenshot = m_tmp / "dropped.png";
        const fs::path script = m_tmp / "script.txt";
        std::ofstream(script) << "wait " << kScriptWaitSeconds << "\nscreenshot "
                              << run.screenshot.string() << "\nquit\n";
        std::thread app([&] {
            run.appExit = runShell(lessonLensCommand(m_tmp.path(), m_xvfb->display(), m_db, script),
                                   &run.appOutput);
        });
        // Through the shell (popen's pipes are close-on-exec): a drag's output pipe must not be
        // inherited by the app starting meanwhile, or reading it would last as long as the app.
        for (const auto& args : drags) {
            std::string cmd = shellQuote(m_dragSource.string()) + " --display " +
                              m_xvfb->display() + " --timeout 60";
            for (const std::string& a : args) cmd += " " + shellQuote(a);
            Drag& drag = run.drags.emplace_back();
            drag.exitCode = runShell(cmd + " 2>&1", &drag.output);
        }
        app.join();
        return run;
    }

    std::vector<store::Clip> storedClips() {
        auto lib = store::Library::open(m_db);
        EXPECT_TRUE(lib) << lib.error().describe();
        if (!lib) return {};
        auto clips = (*lib)->clips().list();
        EXPECT_TRUE(clips) << clips.error().describe();
        return clips ? *clips : std::vector<store::Clip>{};
    }

    // The share of the screenshot's video area in colour `rgb`.
    static double videoShareIn(const fs::path& png, uint32_t rgb) {
        auto shot = readPng(png);
        const ScreenshotMeta m = readScreenshotMeta(png);
        if (!shot || m.w <= 0 || m.h <= 0) return 0;
        return static_cast<double>(countColour(*shot, m.x, m.y, m.x + m.w, m.y + m.h, rgb)) /
               (m.w * m.h);
    }

    test::TempDir m_tmp;
    fs::path m_db = m_tmp / "lib.sqlite";
    fs::path m_dragSource = fs::path(LL_BIN_DIR) / "xdnd_drop";
    std::optional<Xvfb> m_xvfb;
};

TEST_F(e2eDrop, FileDraggedOntoTheWindowOpensWithASpaceAndADashInItsName) {
    // A space and an en dash (U+2013, two bytes past ASCII): the URI carries them as %20 and
    // %E2%80%93.
    const fs::path video = makeClip("Lesson 3 \u2013 fractions.mp4", kBlue);
    const Run run = runWithDrags({{"--wait-title-change", video.string()}});
    ASSERT_EQ(run.drags.size(), 1u);
    ASSERT_EQ(run.drags[0].exitCode, 0) << run.drags[0].output << run.appOutput;
    EXPECT_NE(run.drags[0].output.find("title: Lesson 3 \u2013 fractions \u2014 LessonLens"),
              std::string::npos)
        << "the window is titled after the dropped clip: " << run.drags[0].output;
    ASSERT_EQ(run.appExit, 0) << run.appOutput;

    // The library holds the clip under its real path, decoded from the URI.
    const auto clips = storedClips();
    ASSERT_EQ(clips.size(), 1u) << "the dropped clip was added to the library";
    EXPECT_EQ(clips[0].path, video.string());
    EXPECT_EQ(clips[0].title, "Lesson 3 \u2013 fractions");

    // The window shows it: the screenshot names the clip and its video area is the clip's colour.
    const ScreenshotMeta meta = readScreenshotMeta(run.screenshot);
    EXPECT_EQ(meta.clipTitle, "Lesson 3 \u2013 fractions");
    ASSERT_GT(meta.w, 100) << "the screenshot has a video area";
    EXPECT_GT(videoShareIn(run.screenshot, kBlue), 0.9)
        << "the video area shows the dropped clip's frame";
}

TEST_F(e2eDrop, TwoFilesDraggedAtOnceOpenTheFirstAndSayOneAtATime) {
    const fs::path first = makeClip("first lesson.mp4", kBlue);
    const fs::path second = makeClip("second lesson.mp4", kOrange);
    // file://localhost/...: the host form of a file URI (RFC 8089), as some file managers send it.
    const Run run = runWithDrags(
        {{"--host", "localhost", "--wait-title-change", first.string(), second.string()}});
    ASSERT_EQ(run.drags.size(), 1u);
    ASSERT_EQ(run.drags[0].exitCode, 0) << run.drags[0].output << run.appOutput;
    EXPECT_NE(run.drags[0].output.find("title: first lesson \u2014 LessonLens"), std::string::npos)
        << run.drags[0].output;
    ASSERT_EQ(run.appExit, 0) << run.appOutput;

    const auto clips = storedClips();
    ASSERT_EQ(clips.size(), 1u) << "only the first of two dropped files is opened (and added)";
    EXPECT_EQ(clips[0].path, first.string());

    const ScreenshotMeta meta = readScreenshotMeta(run.screenshot);
    EXPECT_EQ(meta.clipTitle, "first lesson");
    EXPECT_EQ(meta.message,
              "Opened first lesson; drop one lesson at a time (the other file was left alone)");
    EXPECT_GT(videoShareIn(run.screenshot, kBlue), 0.9) << "the first clip is shown";
    EXPECT_LT(videoShareIn(run.screenshot, kOrange), 0.01) << "the second clip is not";
}

TEST_F(e2eDrop, DraggedTextFileIsRefusedWithAReasonAndTheNextDropStillOpens) {
    const fs::path notes = m_tmp / "lesson notes.txt";
    std::ofstream(notes) << "Ask how they compared the fractions.\n";
    const fs::path video = makeClip("after the notes.mp4", kOrange);
    const Run run = runWithDrags({{notes.string()}, {"--wait-title-change", video.string()}});
    ASSERT_EQ(run.drags.size(), 2u);
    // The window takes any list of files; the app then says why this one cannot be opened.
    ASSERT_EQ(run.drags[0].exitCode, 0) << run.drags[0].output << run.appOutput;
    EXPECT_NE(run.drags[0].output.find("on \"LessonLens\""), std::string::npos)
        << "nothing was open when the notes were dropped: " << run.drags[0].output;
    EXPECT_NE(run.appOutput.find("\u201c" + notes.string() +
                                 "\u201d is not a video or audio file LessonLens can read"),
              std::string::npos)
        << run.appOutput;

    // The window stayed usable: the next drag opened the video.
    ASSERT_EQ(run.drags[1].exitCode, 0) << run.drags[1].output << run.appOutput;
    EXPECT_NE(run.drags[1].output.find("dropped 1 file(s) on \"LessonLens\""), std::string::npos)
        << "the text file did not change the window: " << run.drags[1].output;
    EXPECT_NE(run.drags[1].output.find("title: after the notes \u2014 LessonLens"),
              std::string::npos)
        << run.drags[1].output;
    ASSERT_EQ(run.appExit, 0) << "a refused drop is not a script failure: " << run.appOutput;

    const auto clips = storedClips();
    ASSERT_EQ(clips.size(), 1u) << "the text file added nothing to the library";
    EXPECT_EQ(clips[0].path, video.string());
    const ScreenshotMeta meta = readScreenshotMeta(run.screenshot);
    EXPECT_EQ(meta.clipTitle, "after the notes");
    EXPECT_GT(videoShareIn(run.screenshot, kOrange), 0.9)
        << "the video dropped after the notes is shown";
}

}  // namespace
}  // namespace ll::e2e
