// Runs the real lessonlens window under Xvfb with a script, then checks the screenshots (not
// blank, the video area shows the expected frame) and the library afterwards.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <fstream>
#include <nlohmann/json.hpp>

#include "e2e_support.h"
#include "x_keyboard.h"
#include "store/library.h"
#include "support/temp_dir.h"

namespace ll::e2e {
namespace {
namespace fs = std::filesystem;

class e2e : public ::testing::Test {
protected:
    void SetUp() override {
        if (findProgram("Xvfb").empty()) GTEST_SKIP() << "Xvfb is not installed";
        ASSERT_FALSE(findProgram("ffmpeg").empty()) << "the ffmpeg CLI makes the test clip";
        m_clip = m_tmp / "lesson.mp4";
        std::string cmd = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=8 "
                          "-f lavfi -i sine=duration=8 -c:v libx264 -pix_fmt yuv420p -c:a aac " +
                          shellQuote(m_clip.string()) + " 2>&1";
        std::string log;
        ASSERT_EQ(runShell(cmd, &log), 0) << log;
        m_xvfb = Xvfb::start(1280, 800);
        ASSERT_TRUE(m_xvfb) << "could not start Xvfb on a free display";
    }

    // Runs lessonlens with `script`; returns its exit code.
    int runApp(const std::string& script, std::string* output) {
        return runShell(lessonLensCommand(m_tmp.path(), m_xvfb->display(), m_tmp / "lib.sqlite", writeScript(script), "--stats"),
                        output);
    }

    // Starts lessonlens with `script` without waiting; finishApp() gives the exit status.
    FILE* startApp(const std::string& script) {
        return ::popen(lessonLensCommand(m_tmp.path(), m_xvfb->display(), m_tmp / "lib.sqlite", writeScript(script)).c_str(),
                       "r");
    }

    // startApp, then waits (up to 30 s) for the screenshot `ready` the script takes once the
    // window is up and settled, and a little more so the first key lands in a drawn frame.
    FILE* startAppUntil(const std::string& script, const fs::path& ready) {
        FILE* app = startApp(script);
        for (int i = 0; app && i < 300 && !fs::exists(ready.string() + ".json"); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (app && fs::exists(ready.string() + ".json"))
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return app;
    }

    // The comments on the library's one clip, in time order.
    std::vector<store::Comment> commentsOnTheClip() {
        auto lib = store::Library::open(m_tmp / "lib.sqlite");
        EXPECT_TRUE(lib);
        if (!lib) return {};
        auto clips = (*lib)->clips().list();
        EXPECT_TRUE(clips && clips->size() == 1u);
        if (!clips || clips->size() != 1u) return {};
        auto comments = (*lib)->comments().list(clips->front().id);
        EXPECT_TRUE(comments);
        return comments ? *comments : std::vector<store::Comment>{};
    }

    fs::path writeScript(const std::string& script) {
        fs::path file = m_tmp / "script.txt";
        std::ofstream(file) << script;
        return file;
    }

    // How well the video area of `shot` matches the clip at `seconds`: mean absolute difference.
    double diffToFrame(const Image& shot, const ScreenshotMeta& r, double seconds) {
        auto ref = referenceFrame(m_clip, seconds, r.w, r.h);
        EXPECT_TRUE(ref) << "ffmpeg could not make the reference frame at " << seconds;
        if (!ref) return 255;
        return meanAbsDiff(crop(shot, r.x, r.y, r.w, r.h), *ref);
    }

    test::TempDir m_tmp;
    fs::path m_clip;
    std::optional<Xvfb> m_xvfb;
};

TEST_F(e2e, ScriptSeeksCommentsAndScreenshotsTheRightFrame) {
    const fs::path a = m_tmp / "shots" / "at-3.2.png";
    const fs::path b = m_tmp / "shots" / "stepped.png";
    const fs::path c = m_tmp / "shots" / "played.png";
    std::string script =
        "# open, seek, comment, look\n"
        "open " + shellQuote(m_clip.string()) + "\n"
        "seek 3.2\n"
        "comment \"Good \\\"wait time\\\" after the question\" --kind question --to 4.5\n"
        "zoom 2\n"
        "screenshot " + a.string() + "\n"
        "step 5\n"
        "screenshot " + b.string() + "\n"
        "seek 0:06\n"
        "play\n"
        "wait 0.6\n"
        "pause\n"
        "screenshot " + c.string() + "\n"
        "quit\n";
    std::string output;
    ASSERT_EQ(runApp(script, &output), 0) << output;
    EXPECT_NE(output.find("frame time: p50"), std::string::npos) << "--stats prints frame times\n" << output;

    // Screenshot at 3.2 s: exists, not blank, the video area shows frame 80 (3.2 s) and not 5.2 s.
    auto shotA = readPng(a);
    ASSERT_TRUE(shotA) << "no screenshot at " << a;
    EXPECT_EQ(shotA->width, 1280);
    EXPECT_EQ(shotA->height, 800);
    EXPECT_GT(lumaStdDev(*shotA), 20.0) << "the screenshot looks blank";
    ScreenshotMeta ra = readScreenshotMeta(a);
    ASSERT_GT(ra.w, 320);
    ASSERT_GT(ra.h, 180);
    EXPECT_NEAR(static_cast<double>(ra.w) / ra.h, 640.0 / 360.0, 0.01) << "aspect ratio kept";
    EXPECT_EQ(ra.frameMicros, 3'200'000);
    double right = diffToFrame(*shotA, ra, 3.2);
    double wrong = diffToFrame(*shotA, ra, 5.2);
    std::printf("video area vs ffmpeg: %.2f at 3.2 s, %.2f at 5.2 s (mean abs difference)\n", right, wrong);
    EXPECT_LT(right, 6.0) << "the video area differs from ffmpeg's frame at 3.2 s";
    EXPECT_LT(right * 1.5, wrong) << "the video area matches 5.2 s about as well as 3.2 s";
    // testsrc2's colour bars: the left bar is red, the third yellow, near the top of the picture.
    const uint8_t* red = shotA->at(ra.x + ra.w / 14, ra.y + ra.h * 3 / 4);
    EXPECT_GT(red[0], 180);
    EXPECT_LT(red[1], 60);
    EXPECT_LT(red[2], 60);

    // Five frames on from 3.2 s at 25 fps is 3.4 s.
    auto shotB = readPng(b);
    ASSERT_TRUE(shotB);
    ScreenshotMeta rb = readScreenshotMeta(b);
    EXPECT_EQ(rb.frameMicros, 3'400'000);
    double stepRight = diffToFrame(*shotB, rb, 3.4), stepWrong = diffToFrame(*shotB, rb, 3.2);
    std::printf("after step 5: %.2f at 3.4 s, %.2f at 3.2 s\n", stepRight, stepWrong);
    EXPECT_LT(stepRight, stepWrong);

    // After playing from 6 s for a moment, the picture moved on.
    auto shotC = readPng(c);
    ASSERT_TRUE(shotC);
    EXPECT_GT(lumaStdDev(*shotC), 20.0);
    ScreenshotMeta rc = readScreenshotMeta(c);
    EXPECT_GT(rc.positionMicros, 6'100'000);
    EXPECT_LT(rc.positionMicros, 8'000'001);
    EXPECT_GT(rc.frameMicros, 6'000'000);

    // The library has the clip and the comment, at the right time, by the right person.
    auto lib = store::Library::open(m_tmp / "lib.sqlite");
    ASSERT_TRUE(lib) << lib.error().describe();
    auto clips = (*lib)->clips().list();
    ASSERT_TRUE(clips);
    ASSERT_EQ(clips->size(), 1u);
    auto comments = (*lib)->comments().list(clips->front().id);
    ASSERT_TRUE(comments);
    ASSERT_EQ(comments->size(), 1u);
    const auto& cm = comments->front();
    EXPECT_EQ(cm.text, "Good \"wait time\" after the question");
    EXPECT_EQ(cm.start.micros(), 3'200'000);
    ASSERT_TRUE(cm.end.has_value());
    EXPECT_EQ(cm.end->micros(), 4'500'000);
    EXPECT_EQ(cm.kind, store::CommentKind::Question);
    EXPECT_EQ(cm.authorName, "Tester");

    // Settings remember the reviewer and the recent file.
    std::ifstream settings(m_tmp / "config" / "lessonlens" / "settings.json");
    auto j = nlohmann::json::parse(settings, nullptr, false);
    ASSERT_FALSE(j.is_discarded());
    EXPECT_EQ(j["reviewer_name"], "Tester");
    ASSERT_FALSE(j["recent_files"].empty());
    EXPECT_EQ(j["recent_files"][0], fs::absolute(m_clip).string());
}

// A coach loops the 40-second stretch a comment is about: the playhead goes round inside it for
// as long as it plays, from the comment list's range or the I/O marks, until looped again.
TEST_F(e2e, ALoopedStretchKeepsThePlayheadInsideItUntilTurnedOff) {
    const fs::path looping = m_tmp / "looping.png", later = m_tmp / "later.png", off = m_tmp / "off.png";
    std::string script =
        "open " + shellQuote(m_clip.string()) + "\n"
        "loop\n"  // nothing marked or picked: refused
        "loop 3 2\n"
        "loop -5 3\n"
        "loop 2 3\n"
        "wait 1.6\n"
        "screenshot " + looping.string() + "\n"
        "wait 1.1\n"
        "screenshot " + later.string() + "\n"
        "loop\n"
        "wait 1.5\n"
        "screenshot " + off.string() + "\n"
        "quit\n";
    std::string output;
    ASSERT_EQ(runApp(script, &output), 1) << output;
    EXPECT_NE(output.find("script.txt:2: mark a stretch with I and O, or pick a range comment"), std::string::npos)
        << output;
    EXPECT_NE(output.find("script.txt:3: the loop's end (2) must come after its start (3)"), std::string::npos)
        << output;
    EXPECT_NE(output.find("script.txt:4: the loop starts at -5, before the lesson does"), std::string::npos) << output;
    // 1.6 s and 2.7 s after looping 2-3 s the playhead is still inside it (without the loop it
    // would be at 3.6 s and 4.7 s).
    for (const auto& png : {looping, later}) {
        const ScreenshotMeta m = readScreenshotMeta(png);
        EXPECT_GE(m.positionMicros, 2'000'000) << png;
        EXPECT_LT(m.positionMicros, 3'000'000) << png;
    }
    EXPECT_NE(readScreenshotMeta(looping).message.find("Looping 0:02.0"), std::string::npos)
        << readScreenshotMeta(looping).message;
    // Turned off, it plays on past the stretch.
    const ScreenshotMeta o = readScreenshotMeta(off);
    EXPECT_EQ(o.message, "Loop off");
    EXPECT_GT(o.positionMicros, 3'000'000);
}

// A stretch that runs to the lesson's end (here the sound runs 0.3 s past the last frame, as in
// many recordings) or, played backwards, to its start goes round too: the player stops there
// first, and the loop starts it again.
TEST_F(e2e, ALoopToTheLessonsEndOrBackToItsStartGoesRound) {
    const fs::path clip = m_tmp / "longer sound.mp4";
    std::string log;
    ASSERT_EQ(runShell("ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=320x240:rate=25:duration=6 -f lavfi -i "
                       "sine=duration=6.3 -c:v libx264 -pix_fmt yuv420p -c:a aac " + shellQuote(clip.string()) + " 2>&1",
                       &log),
              0)
        << log;
    const fs::path end = m_tmp / "end.png", start = m_tmp / "start.png";
    std::string script = "open " + shellQuote(clip.string()) + "\n"
                         "loop 5 9\n"  // past the end: to the end
                         "wait 3\n"
                         "screenshot " + end.string() + "\n"
                         "loop\n"
                         "pause\n"
                         "seek 0.5\n"
                         "loop 0 1\n"
                         "shuttle-back\n"
                         "wait 2.5\n"
                         "screenshot " + start.string() + "\n"
                         "quit\n";
    std::string output;
    ASSERT_EQ(runApp(script, &output), 0) << output;
    const ScreenshotMeta e = readScreenshotMeta(end);
    EXPECT_GE(e.positionMicros, 5'000'000);
    EXPECT_LT(e.positionMicros, 6'300'000) << "went round from the end";
    EXPECT_NE(e.message.find("Looping 0:05.0"), std::string::npos) << e.message;
    const ScreenshotMeta b = readScreenshotMeta(start);
    EXPECT_GT(b.positionMicros, 0) << "stopped at the start instead of going round";
    EXPECT_LE(b.positionMicros, 1'000'000);
}

TEST_F(e2e, AnamorphicVideoIsShownAtItsDisplayAspect) {
    // 240x240 stored, pixels 4/3 wide: a player shows it 320x240.
    const fs::path clip = m_tmp / "anamorphic.mp4";
    std::string log;
    ASSERT_EQ(runShell("ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=240x240:rate=25:duration=2 "
                       "-vf setsar=4/3 -c:v libx264 -pix_fmt yuv420p " + shellQuote(clip.string()) + " 2>&1", &log),
              0) << log;
    const fs::path shot = m_tmp / "anamorphic.png";
    std::string output;
    ASSERT_EQ(runApp("open " + shellQuote(clip.string()) + "\nseek 1\nscreenshot " + shot.string() + "\nquit\n", &output),
              0) << output;
    ScreenshotMeta r = readScreenshotMeta(shot);
    ASSERT_GT(r.h, 100);
    EXPECT_NEAR(static_cast<double>(r.w) / r.h, 4.0 / 3.0, 0.02) << r.w << "x" << r.h;
    // The playhead (drawn in its own overlay window) shows over the timeline, below the video.
    auto png = readPng(shot);
    ASSERT_TRUE(png);
    const int playhead = countColour(*png, 0, r.y + r.h, r.w, png->height, 0xf2c14e, 23);
    EXPECT_GT(playhead, 150) << "no playhead on the timeline";
}

TEST_F(e2e, CommentLifecycleThroughCommandsIsDurable) {
    const fs::path shot = m_tmp / "comments.png";
    std::string script =
        "open " + shellQuote(m_clip.string()) + "\n"
        "seek 2\n"
        "comment \"Clear learning goal on the board\" --kind strength --tags \"goals, launch\"\n"
        "resolve-comment\n"
        "seek 0:04.5\n"
        "comment \"Which students answered?\" --kind question --private\n"
        "delete-comment\n"
        "undo\n"
        "seek 6\n"
        "comment \"Typo, remove me\"\n"
        "delete-comment\n"
        "next-comment\n"
        "prev-comment\n"
        "analyze\n"
        "screenshot " + shot.string() + "\n"
        "quit\n";
    std::string output;
    ASSERT_EQ(runApp(script, &output), 0) << output;
    auto png = readPng(shot);
    ASSERT_TRUE(png);
    EXPECT_GT(lumaStdDev(*png), 20.0);
    // prev-comment from 6 s lands on the restored comment at 4.5 s.
    EXPECT_EQ(readScreenshotMeta(shot).positionMicros, 4'500'000);

    auto lib = store::Library::open(m_tmp / "lib.sqlite");
    ASSERT_TRUE(lib) << lib.error().describe();
    auto clips = (*lib)->clips().list();
    ASSERT_TRUE(clips);
    ASSERT_EQ(clips->size(), 1u);
    auto live = (*lib)->comments().list(clips->front().id);
    ASSERT_TRUE(live);
    ASSERT_EQ(live->size(), 2u) << "the deleted comment is gone, the undone delete is back";
    EXPECT_EQ((*live)[0].text, "Clear learning goal on the board");
    EXPECT_TRUE((*live)[0].resolved);
    EXPECT_EQ((*live)[0].tags, (std::vector<std::string>{"goals", "launch"}));
    EXPECT_EQ((*live)[0].start.micros(), 2'000'000);
    EXPECT_EQ((*live)[1].text, "Which students answered?");
    EXPECT_TRUE((*live)[1].isPrivate);
    EXPECT_FALSE((*live)[1].resolved);
    EXPECT_EQ((*live)[1].kind, store::CommentKind::Question);
    store::CommentFilter all;
    all.includeDeleted = true;
    auto everything = (*lib)->comments().list(clips->front().id, all);
    ASSERT_TRUE(everything);
    ASSERT_EQ(everything->size(), 3u) << "a delete is a tombstone, not a hard delete";
    EXPECT_TRUE((*everything)[2].stamps.isDeleted());

    // `analyze` waited for the talk-time analysis, which stored a complete run.
    auto run = (*lib)->analyses().latestCompleteRun(clips->front().id);
    ASSERT_TRUE(run) << run.error().describe();
    EXPECT_TRUE(run->has_value()) << output;
}

TEST_F(e2e, RealKeysStepFramesAndTypeACommentThatIsSaved) {
    auto keyboard = XKeyboard::open(m_xvfb->display());
    if (!keyboard) GTEST_SKIP() << "libXtst is not available to send keys";
    const fs::path ready = m_tmp / "ready.png";
    const fs::path after = m_tmp / "after-keys.png";
    std::string script = "open " + shellQuote(m_clip.string()) + "\n"
                         "seek 1\n"
                         "screenshot " + ready.string() + "\n"
                         "wait 8\n"
                         "screenshot " + after.string() + "\n"
                         "quit\n";
    // The window is up and settled once the first screenshot's description exists.
    FILE* app = startAppUntil(script, ready);
    ASSERT_NE(app, nullptr);
    ASSERT_TRUE(fs::exists(ready.string() + ".json"));
    // Three frames forward with the period key, then C, type, Ctrl+Enter.
    // Paced like a person, so a loaded machine handles each key before the next arrives.
    for (int i = 0; i < 3; ++i) {
        keyboard->tap("period");
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    keyboard->tap("c");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    keyboard->type("Great hook");
    keyboard->tap("Return", true);
    std::string output;
    const int status = finishApp(app, output);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << output;

    EXPECT_EQ(readScreenshotMeta(after).frameMicros, 1'120'000) << "three frames after 1.00 s at 25 fps";
    const auto comments = commentsOnTheClip();
    ASSERT_EQ(comments.size(), 1u) << output;
    EXPECT_EQ(comments.front().text, "Great hook");
    EXPECT_EQ(comments.front().start.micros(), 1'120'000);
    EXPECT_FALSE(fs::exists(m_tmp / "config" / "lessonlens" / "draft.json")) << "the draft goes once saved";
}

// Reviewer ▸ Change reviewer… opens "Who is reviewing?" even once a reviewer is set (not only
// on the first run), and the name chosen there signs the comments left afterwards.
TEST_F(e2e, ChangeReviewerOpensTheDialogAndTheNewNameSignsLaterComments) {
    auto keyboard = XKeyboard::open(m_xvfb->display());
    if (!keyboard) GTEST_SKIP() << "libXtst is not available to send keys";
    const fs::path before = m_tmp / "before.png";
    const fs::path dialog = m_tmp / "reviewer-dialog.png";
    const fs::path after = m_tmp / "after-reviewer.png";
    std::string script = "open " + shellQuote(m_clip.string()) + "\n"
                         "seek 1\n"
                         "comment \"Left by the first reviewer\"\n"
                         "screenshot " + before.string() + "\n"
                         "change-reviewer\n"
                         "wait 0.3\n"
                         "screenshot " + dialog.string() + "\n"
                         "wait 6\n"
                         "screenshot " + after.string() + "\n"
                         "seek 2\n"
                         "comment \"Left by the second reviewer\"\n"
                         "quit\n";
    FILE* app = startAppUntil(script, dialog);
    ASSERT_NE(app, nullptr);
    ASSERT_TRUE(fs::exists(dialog.string() + ".json"));
    // The name field has the keyboard: replace the name, then Enter starts reviewing.
    keyboard->tap("a", true);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    keyboard->type("Dana Ruiz");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    keyboard->tap("Return");
    std::string output;
    const int status = finishApp(app, output);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << output;

    EXPECT_EQ(readScreenshotMeta(before).modal, "") << "no dialog before the menu item";
    EXPECT_EQ(readScreenshotMeta(dialog).modal, "Who is reviewing?") << "change-reviewer opens the dialog";
    EXPECT_EQ(readScreenshotMeta(after).modal, "") << "Enter with a name closes it";
    const auto comments = commentsOnTheClip();
    ASSERT_EQ(comments.size(), 2u) << output;
    EXPECT_EQ(comments[0].text, "Left by the first reviewer");
    EXPECT_EQ(comments[0].authorName, "Tester");
    EXPECT_EQ(comments[1].text, "Left by the second reviewer");
    EXPECT_EQ(comments[1].authorName, "Dana Ruiz");
    EXPECT_NE(test::readFile(m_tmp / "config" / "lessonlens" / "settings.json").find("Dana Ruiz"),
              std::string::npos)
        << "the new name is remembered";
}

TEST_F(e2e, FailingScriptLineGivesExitCodeOneAndChangesNothing) {
    std::string script = "open " + shellQuote(m_clip.string()) + "\n"
                         "seek not-a-time\n"
                         "comment \"unclosed\n"
                         "quit\n";
    std::string output;
    EXPECT_EQ(runApp(script, &output), 1) << output;
    EXPECT_NE(output.find("script.txt:2:"), std::string::npos) << output;
    EXPECT_NE(output.find("script.txt:3:"), std::string::npos) << output;
    auto lib = store::Library::open(m_tmp / "lib.sqlite");
    ASSERT_TRUE(lib);
    auto clips = (*lib)->clips().list();
    ASSERT_TRUE(clips);
    ASSERT_EQ(clips->size(), 1u);
    auto comments = (*lib)->comments().list(clips->front().id);
    ASSERT_TRUE(comments);
    EXPECT_TRUE(comments->empty());
}

// A library that cannot be opened is explained in the window, not only on a terminal nobody
// sees; Try again opens it once the reason is dealt with, and the script goes on in the app.
TEST_F(e2e, ALibraryThatCannotBeOpenedIsExplainedInTheWindowWithTryAgain) {
    const fs::path lib = m_tmp / "lib.sqlite";
    std::string foreign;
    for (int i = 0; i < 200; ++i) foreign += "Grocery list: milk, eggs, bread.\n";
    test::writeFile(lib, foreign);
    const fs::path errorShot = m_tmp / "error.png", openShot = m_tmp / "open.png";
    FILE* app = startApp("screenshot " + shellQuote(errorShot.string()) + "\n"
                         "wait 6\n"
                         "try-again\n"
                         "open " + shellQuote(m_clip.string()) + "\n"
                         "screenshot " + shellQuote(openShot.string()) + "\n"
                         "quit\n");
    ASSERT_NE(app, nullptr);
    // Once the error is on screen, the teacher moves the other program's file away.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!fs::exists(errorShot) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(fs::exists(errorShot));
    // The foreign file was left exactly as it was.
    EXPECT_EQ(test::readFile(lib), foreign);
    fs::rename(lib, m_tmp / "grocery.txt");
    std::string output;
    const int status = finishApp(app, output);
    ASSERT_TRUE(WIFEXITED(status)) << output;
    EXPECT_EQ(WEXITSTATUS(status), 0) << output;

    // The error screen: a dark window with the reason's panel and the blue Try again button.
    auto shot = readPng(errorShot);
    ASSERT_TRUE(shot);
    EXPECT_GT(countColour(*shot, 0, 0, shot->width, shot->height, 0x2f5f8f, 8), 1500);
    EXPECT_GT(lumaStdDev(*shot), 5.0);
    // After Try again the library opened, and the rest of the script ran in the app.
    auto opened = readScreenshotMeta(openShot);
    EXPECT_EQ(opened.clipTitle, "lesson");
    auto reopened = store::Library::open(lib);
    ASSERT_TRUE(reopened);
    auto clips = (*reopened)->clips().list();
    ASSERT_TRUE(clips);
    EXPECT_EQ(clips->size(), 1u);
}

TEST_F(e2e, ALibraryThatStaysUnopenableQuitsWithExitCodeOne) {
    const fs::path lib = m_tmp / "lib.sqlite";
    const std::string foreign = std::string(4096, 'x');
    test::writeFile(lib, foreign);
    std::string output;
    EXPECT_EQ(runApp("try-again\nseek 1\nquit\n", &output), 1) << output;
    // Said twice on stderr (at start and after Try again), and the command that needs the
    // library is refused by name.
    const std::string reason = "is not a LessonLens library";
    const size_t first = output.find(reason);
    ASSERT_NE(first, std::string::npos) << output;
    EXPECT_NE(output.find(reason, first + 1), std::string::npos) << output;
    EXPECT_NE(output.find("\"seek\" needs the library"), std::string::npos) << output;
    EXPECT_EQ(test::readFile(lib), foreign);
}

// A lesson named in Chinese with a comment in Chinese: the font bakes exactly those characters
// (from the library, after the comment is saved), and the window draws them.
TEST_F(e2e, AChineseTitleAndCommentAreBakedIntoTheFont) {
    const fs::path named = m_tmp / "三年级 分数.mp4";
    fs::copy_file(m_clip, named);
    const fs::path shot = m_tmp / "cjk.png";
    std::string script = "open " + shellQuote(named.string()) +
                         "\n"
                         "comment \"王老师很好\"\n"
                         "wait 0.3\n"
                         "screenshot " + shot.string() + "\n"
                         "quit\n";
    std::string output;
    ASSERT_EQ(runApp(script, &output), 0) << output;
    EXPECT_NE(output.find("font: 10 characters baked beyond the fixed ranges,"), std::string::npos)
        << "三年级分数 and 王老师很好 are ten characters\n" << output;
    EXPECT_EQ(readScreenshotMeta(shot).clipTitle, "三年级 分数");
}

}  // namespace
}  // namespace ll::e2e
