#include <gtest/gtest.h>

#include "ui/comment_list.h"

namespace ll::ui {
namespace {

store::Comment comment(int seconds, std::string author, std::optional<Id> parent = std::nullopt) {
    store::Comment c;
    c.id = Id::generate();
    c.parentId = std::move(parent);
    c.start = MediaTime::fromSeconds(seconds);
    c.authorName = std::move(author);
    return c;
}

std::vector<CommentListEntry> listed(const std::vector<store::Comment>& all, const std::string& author = {}) {
    return commentListOrder(all, [&](const store::Comment& c) { return author.empty() || c.authorName == author; });
}

TEST(ui_CommentList, RepliesFollowTheirCommentAndCountAsComments) {
    std::vector<store::Comment> all = {comment(1, "Ana"), comment(5, "Ben")};
    all.push_back(comment(2, "Ben", all[0].id));  // a reply to Ana
    all.push_back(comment(3, "Ana", all[2].id));  // and Ana's answer to it
    auto rows = listed(all);
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].index, 0u);
    EXPECT_FALSE(rows[0].reply);
    EXPECT_EQ(rows[1].index, 2u);
    EXPECT_TRUE(rows[1].reply);
    EXPECT_EQ(rows[2].index, 3u) << "a reply to a reply is listed too";
    EXPECT_TRUE(rows[2].reply);
    EXPECT_EQ(rows[3].index, 1u);
    EXPECT_EQ(commentsTabLabel(rows.size(), all.size()), "Comments 4");
}

TEST(ui_CommentList, FiltersPickCommentsAndTheirRepliesComeAlong) {
    std::vector<store::Comment> all = {comment(1, "Ana"), comment(5, "Ben"), comment(9, "Ben")};
    all.push_back(comment(2, "Ben", all[0].id));
    auto ana = listed(all, "Ana");
    ASSERT_EQ(ana.size(), 2u) << "Ana's comment and Ben's reply under it";
    EXPECT_EQ(commentsTabLabel(ana.size(), all.size()), "Comments 2 of 4");
    auto ben = listed(all, "Ben");
    ASSERT_EQ(ben.size(), 2u) << "Ben's reply is not listed without the comment it answers";
    EXPECT_EQ(ben[0].index, 1u);
}

TEST(ui_CommentList, AReplyWhoseCommentHasNotArrivedStandsOnItsOwn) {
    // From a reviewer's pack imported before the pack holding the comment it answers.
    std::vector<store::Comment> all = {comment(1, "Ana"), comment(4, "Ben", Id::generate())};
    auto rows = listed(all);
    ASSERT_EQ(rows.size(), 2u) << "every comment the tab counts is in the list";
    EXPECT_FALSE(rows[1].reply);
    EXPECT_EQ(listed(all, "Ana").size(), 1u) << "and it is filtered like a comment";
}

TEST(ui_CommentList, TheTabSaysHowManyAreShownOnlyWhileFiltersHideSome) {
    EXPECT_EQ(commentsTabLabel(0, 0), "Comments 0");
    EXPECT_EQ(commentsTabLabel(7, 7), "Comments 7");
    EXPECT_EQ(commentsTabLabel(3, 10), "Comments 3 of 10");
    EXPECT_EQ(commentsTabLabel(0, 10), "Comments 0 of 10");
}

}  // namespace
}  // namespace ll::ui
