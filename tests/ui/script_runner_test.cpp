#include <gtest/gtest.h>

#include "ui/script_runner.h"

namespace ll::ui {
namespace {

using namespace std::chrono_literals;

TEST(ui_ScriptRunner, RunsOneLinePerSettledStepAndSkipsBlankAndCommentLines) {
    auto s = ScriptRunner::fromLines({"# header", "", "play", "  ", "pause"});
    std::vector<std::string> ran;
    auto run = [&](const std::string& l) -> Status {
        ran.push_back(l);
        return {};
    };
    auto t0 = ScriptRunner::Clock::now();
    s.step(false, run, t0);
    EXPECT_TRUE(ran.empty()) << "nothing runs until the app has settled";
    s.step(true, run, t0);
    EXPECT_EQ(ran, std::vector<std::string>{"play"});
    s.step(true, run, t0);
    EXPECT_EQ(ran, (std::vector<std::string>{"play", "pause"}));
    EXPECT_TRUE(s.finished());
    EXPECT_EQ(s.failures(), 0);
}

TEST(ui_ScriptRunner, WaitHoldsTheNextLineForThatManySeconds) {
    auto s = ScriptRunner::fromLines({"wait 1.5", "quit"});
    std::vector<std::string> ran;
    auto run = [&](const std::string& l) -> Status {
        ran.push_back(l);
        return {};
    };
    auto t0 = ScriptRunner::Clock::now();
    s.step(true, run, t0);
    EXPECT_TRUE(ran.empty());
    s.step(true, run, t0 + 1400ms);
    EXPECT_TRUE(ran.empty());
    EXPECT_FALSE(s.finished());
    s.step(true, run, t0 + 1600ms);
    EXPECT_EQ(ran, std::vector<std::string>{"quit"});
}

TEST(ui_ScriptRunner, FailingLinesAreCountedWithTheirLineNumbersAndTheRestStillRuns) {
    auto s = ScriptRunner::fromLines({"seek nonsense", "wait x", "comment \"open", "quit"}, "s.txt");
    std::vector<std::string> ran;
    auto run = [&](const std::string& l) -> Status {
        ran.push_back(l);
        if (l.rfind("seek", 0) == 0) return Error::invalid("not a time");
        return {};
    };
    for (int i = 0; i < 6; ++i) s.step(true, run);
    EXPECT_EQ(s.failures(), 3);
    ASSERT_EQ(s.errors().size(), 3u);
    EXPECT_EQ(s.errors()[0].rfind("s.txt:1:", 0), 0u) << s.errors()[0];
    EXPECT_EQ(s.errors()[1].rfind("s.txt:2:", 0), 0u) << s.errors()[1];
    EXPECT_EQ(s.errors()[2].rfind("s.txt:3:", 0), 0u) << s.errors()[2];
    EXPECT_EQ(ran.back(), "quit");
}

TEST(ui_ScriptRunner, MissingFileIsAnError) {
    EXPECT_FALSE(ScriptRunner::load("/nonexistent/lessonlens/script.txt"));
}

}  // namespace
}  // namespace ll::ui
