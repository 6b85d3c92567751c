#include <gtest/gtest.h>

#include "ui/library_order.h"

namespace ll::ui {
namespace {

std::vector<LibraryEntry> lessons() {
    // Added in this order (1, 2, 3, 4), as the library lists them.
    return {
        {"Grade 4 fractions", "/v/room12.mp4", {"Coach Lee", "Ms. Rivera"}, 1, MediaTime::fromSeconds(113), 7, 0.39},
        {"Photosynthesis lab", "/v/bio.mp4", {}, 2, MediaTime::fromSeconds(1800), 0, std::nullopt},
        {"Algebra review", "/v/Room 9 algebra.mov", {"Ana Souza"}, 3, MediaTime::fromSeconds(2700), 2, 0.71},
        {"reading circles", "", {"Coach Lee"}, 4, MediaTime::fromSeconds(960), 3, 0.22},
    };
}

TEST(ui_LibraryOrder, NewestFirstIsTheOrderAddedReversed) {
    auto e = lessons();
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Added, false), (std::vector<size_t>{3, 2, 1, 0}));
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Added, true), (std::vector<size_t>{0, 1, 2, 3}));
}

TEST(ui_LibraryOrder, TitlesSortIgnoringCase) {
    auto e = lessons();
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Title, true), (std::vector<size_t>{2, 0, 1, 3}));
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Title, false), (std::vector<size_t>{3, 1, 0, 2}));
}

TEST(ui_LibraryOrder, LengthAndCommentsSortByTheirNumbers) {
    auto e = lessons();
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Length, false), (std::vector<size_t>{2, 1, 3, 0}));
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Comments, false), (std::vector<size_t>{0, 3, 2, 1}));
}

TEST(ui_LibraryOrder, LessonsWithoutTalkTimeOrReviewersComeLastEitherWay) {
    auto e = lessons();
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::TalkTime, false), (std::vector<size_t>{2, 0, 3, 1}));
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::TalkTime, true), (std::vector<size_t>{3, 0, 2, 1}));
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Reviewers, true), (std::vector<size_t>{2, 3, 0, 1}));
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Reviewers, false).back(), 1u);
}

TEST(ui_LibraryOrder, EveryWordMustAppearInTheTitleTheFileNameOrAReviewer) {
    auto e = lessons();
    EXPECT_EQ(libraryOrder(e, "coach", LibrarySort::Added, true), (std::vector<size_t>{0, 3}));
    EXPECT_EQ(libraryOrder(e, "ROOM 9", LibrarySort::Added, true), (std::vector<size_t>{2}));  // the file's name
    EXPECT_EQ(libraryOrder(e, "coach  reading", LibrarySort::Added, true), (std::vector<size_t>{3}));
    EXPECT_TRUE(libraryOrder(e, "chemistry", LibrarySort::Added, true).empty());
    // The folder is not searched: every lesson here is under /v/.
    EXPECT_TRUE(libraryOrder(e, "/v/", LibrarySort::Added, true).empty());
    EXPECT_EQ(libraryOrder(e, "   ", LibrarySort::Added, true).size(), 4u);
}

// Accents and case do not stop a search or scatter a sort: "élodie", "ELODIE" and "elodie" find
// "Élodie reading", also when its title came decomposed from a Mac file name.
TEST(ui_LibraryOrder, SearchAndSortIgnoreCaseAndAccentsBeyondAscii) {
    std::vector<LibraryEntry> e = {
        {"Zoe's circle", "", {"zed Zimmer"}, 1, MediaTime::fromSeconds(60), 0, std::nullopt},
        {"\u00c9lodie reading", "", {"\u00c1vila"}, 2, MediaTime::fromSeconds(60), 0, std::nullopt},
        {"Se\u00f1ora Mun\u0303oz clase", "/v/x.mp4", {"Jos\u00e9 Mu\u00f1oz"}, 3, MediaTime::fromSeconds(60), 0,
         std::nullopt},
    };
    EXPECT_EQ(libraryOrder(e, "\u00e9lodie", LibrarySort::Added, true), (std::vector<size_t>{1}));
    EXPECT_EQ(libraryOrder(e, "ELODIE", LibrarySort::Added, true), (std::vector<size_t>{1}));
    EXPECT_EQ(libraryOrder(e, "MU\u00d1OZ", LibrarySort::Added, true), (std::vector<size_t>{2}));
    EXPECT_EQ(libraryOrder(e, "Mu\u00f1oz clase", LibrarySort::Added, true), (std::vector<size_t>{2}));
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Title, true), (std::vector<size_t>{1, 2, 0}));
    EXPECT_EQ(libraryOrder(e, "", LibrarySort::Reviewers, true), (std::vector<size_t>{1, 2, 0}));
}

TEST(ui_LibraryOrder, ColumnNamesParse) {
    EXPECT_EQ(parseLibrarySort("Talk time"), LibrarySort::TalkTime);
    EXPECT_EQ(parseLibrarySort("lesson"), LibrarySort::Title);
    EXPECT_EQ(parseLibrarySort("added"), LibrarySort::Added);
    EXPECT_FALSE(parseLibrarySort("colour"));
}

}  // namespace
}  // namespace ll::ui
