#include <gtest/gtest.h>

#include "ui/tag_completion.h"

namespace ll::ui {
namespace {

const std::vector<std::string> kKnown = {"wait-time",    "questioning", "launch",
                                         "student-talk", "Wonder",      "checking"};

TEST(ui_TagCompletion, TheWordBeingTypedIsAfterTheLastComma) {
    EXPECT_EQ(currentTagWord(""), "");
    EXPECT_EQ(currentTagWord("wai"), "wai");
    EXPECT_EQ(currentTagWord("launch, #que"), "que");
    EXPECT_EQ(currentTagWord("launch, "), "");
}

TEST(ui_TagCompletion, SuggestionsStartWithTheWordInAnyCaseMostUsedFirst) {
    EXPECT_EQ(tagSuggestions("w", kKnown, 5), (std::vector<std::string>{"wait-time", "Wonder"}));
    EXPECT_EQ(tagSuggestions("launch, QU", kKnown, 5), (std::vector<std::string>{"questioning"}));
    EXPECT_EQ(tagSuggestions("", kKnown, 2), (std::vector<std::string>{"wait-time", "questioning"}))
        << "an empty word offers the most used";
    EXPECT_TRUE(tagSuggestions("zebra", kKnown, 5).empty());
}

TEST(ui_TagCompletion, TagsAlreadyInTheFieldAreNotOfferedAgain) {
    auto s = tagSuggestions("wait-time, questioning, ", kKnown, 10);
    EXPECT_EQ(std::count(s.begin(), s.end(), "wait-time"), 0);
    EXPECT_EQ(std::count(s.begin(), s.end(), "questioning"), 0);
    EXPECT_EQ(s.front(), "launch");
    EXPECT_TRUE(tagSuggestions("launch", kKnown, 5).empty())
        << "a finished word needs no suggestion";
}

TEST(ui_TagCompletion, ApplyingReplacesOnlyTheWordBeingTyped) {
    EXPECT_EQ(applyTagCompletion("wai", "wait-time"), "wait-time, ");
    EXPECT_EQ(applyTagCompletion("launch, #qu", "questioning"), "launch, questioning, ");
    EXPECT_EQ(applyTagCompletion("", "launch"), "launch, ");
    EXPECT_EQ(splitTagList(applyTagCompletion("launch, #qu", "questioning")),
              (std::vector<std::string>{"launch", "questioning"}));
}

TEST(ui_TagCompletion, SplittingTrimsDropsHashesAndDuplicates) {
    EXPECT_EQ(splitTagList(" goals, #launch ,goals,, "),
              (std::vector<std::string>{"goals", "launch"}));
    EXPECT_TRUE(splitTagList("").empty());
    EXPECT_TRUE(splitTagList(" , # ,").empty());
}

}  // namespace
}  // namespace ll::ui
