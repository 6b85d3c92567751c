#include <gtest/gtest.h>

#include "ui/commands.h"

namespace ll::ui {
namespace {

std::vector<std::string> words(std::string_view line) {
    auto r = splitCommandLine(line);
    EXPECT_TRUE(r) << line;
    return r ? *r : std::vector<std::string>{};
}

TEST(ui_CommandLine, SplitsOnSpacesAndKeepsQuotedTextTogether) {
    EXPECT_EQ(words("seek 1:23.4"), (std::vector<std::string>{"seek", "1:23.4"}));
    EXPECT_EQ(words("  comment   \"Nice wait time\"  --kind strength "),
              (std::vector<std::string>{"comment", "Nice wait time", "--kind", "strength"}));
    EXPECT_EQ(words("open '/tmp/my lesson.mp4'"), (std::vector<std::string>{"open", "/tmp/my lesson.mp4"}));
}

TEST(ui_CommandLine, BackslashEscapesInsideDoubleQuotesAndOutside) {
    EXPECT_EQ(words(R"(comment "She said \"why?\"")"), (std::vector<std::string>{"comment", "She said \"why?\""}));
    EXPECT_EQ(words(R"(open my\ file.mp4)"), (std::vector<std::string>{"open", "my file.mp4"}));
    // Single quotes keep backslashes as typed.
    EXPECT_EQ(words(R"(comment 'a\b')"), (std::vector<std::string>{"comment", "a\\b"}));
}

TEST(ui_CommandLine, EmptyQuotesGiveAnEmptyWord) {
    EXPECT_EQ(words("comment \"\""), (std::vector<std::string>{"comment", ""}));
}

TEST(ui_CommandLine, HashStartsACommentOnlyAtTheStartOfAWord) {
    EXPECT_TRUE(words("# a comment line").empty());
    EXPECT_TRUE(words("   ").empty());
    EXPECT_EQ(words("comment \"#tag in text\" # trailing"), (std::vector<std::string>{"comment", "#tag in text"}));
    EXPECT_EQ(words("comment a#b"), (std::vector<std::string>{"comment", "a#b"}));
}

TEST(ui_CommandLine, UnclosedQuoteIsAnError) {
    EXPECT_FALSE(splitCommandLine("comment \"never closed"));
    EXPECT_FALSE(splitCommandLine("comment 'never closed"));
}

TEST(ui_CommandLine, Utf8PassesThroughUnchanged) {
    EXPECT_EQ(words("comment \"Très bien — «ok»\""), (std::vector<std::string>{"comment", "Très bien — «ok»"}));
}

TEST(ui_CommandArgs, SeparatesPositionalsFromOptionsWithAndWithoutValues) {
    auto p = parseArgs({"hello", "--kind", "question", "--private", "--to=1:05"}, {"kind", "to"});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->positional, std::vector<std::string>{"hello"});
    ASSERT_TRUE(p->option("kind"));
    EXPECT_EQ(*p->option("kind"), "question");
    ASSERT_TRUE(p->option("private"));
    EXPECT_EQ(*p->option("private"), "true");
    ASSERT_TRUE(p->option("to"));
    EXPECT_EQ(*p->option("to"), "1:05");
    EXPECT_EQ(p->option("tags"), nullptr);
}

TEST(ui_CommandArgs, ValuedOptionAtTheEndIsAnError) {
    EXPECT_FALSE(parseArgs({"hello", "--kind"}, {"kind"}));
}

TEST(ui_CommandRegistry, RunsByNameWithArguments) {
    CommandRegistry r;
    std::vector<std::string> got;
    r.add({"seek", "Go to time", "TIME", {}, [&](const CommandArgs& a) -> Status {
               got = a;
               return {};
           }, {}});
    ASSERT_TRUE(r.runLine("seek 12.5"));
    EXPECT_EQ(got, std::vector<std::string>{"12.5"});
    ASSERT_TRUE(r.run("seek", {"3"}));
    EXPECT_EQ(got, std::vector<std::string>{"3"});
}

TEST(ui_CommandRegistry, UnknownAndDisabledCommandsAreErrorsNotCrashes) {
    CommandRegistry r;
    bool ran = false;
    r.add({"play", "Play", "", {}, [&](const CommandArgs&) -> Status {
               ran = true;
               return {};
           }, [] { return false; }});
    auto unknown = r.runLine("fly away");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("fly"), std::string::npos);
    EXPECT_FALSE(r.runLine("play"));
    EXPECT_FALSE(ran);
    EXPECT_FALSE(r.isEnabled("play"));
    EXPECT_TRUE(r.runLine("   # nothing"));
}

TEST(ui_CommandRegistry, AddingTheSameNameReplacesTheCommand) {
    CommandRegistry r;
    int which = 0;
    r.add({"x", "X", "", {}, [&](const CommandArgs&) -> Status { which = 1; return {}; }, {}});
    r.add({"x", "X", "", {}, [&](const CommandArgs&) -> Status { which = 2; return {}; }, {}});
    EXPECT_EQ(r.all().size(), 1u);
    ASSERT_TRUE(r.run("x"));
    EXPECT_EQ(which, 2);
}

TEST(ui_Shortcut, LabelsNameModifiersAndKeys) {
    EXPECT_EQ((Shortcut{'Z', true, false}).label(), "Ctrl+Z");
    EXPECT_EQ((Shortcut{' ', false, false}).label(), "Space");
    EXPECT_EQ((Shortcut{'/', false, true}).label(), "Shift+/");
}

}  // namespace
}  // namespace ll::ui
