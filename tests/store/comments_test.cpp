#include <gtest/gtest.h>

#include "store_fixture.h"

using namespace ll;
using namespace ll::store;

class CommentStore : public ll::test::StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        m_clip = addClip();
        m_ana = reviewer("Ana");
        m_ben = reviewer("Ben");
    }
    Comment make(MediaTime at, std::string text, const Reviewer& who) {
        Comment c;
        c.clipId = m_clip.id;
        c.authorId = who.id;
        c.start = at;
        c.text = std::move(text);
        return c;
    }
    Result<Comment> add(Comment c) { return m_lib->comments().add(std::move(c)); }
    std::vector<Comment> list(const CommentFilter& f = {}) {
        auto r = m_lib->comments().list(m_clip.id, f);
        EXPECT_TRUE(r.ok());
        return r.ok() ? *r : std::vector<Comment>{};
    }
    Clip m_clip;
    Reviewer m_ana, m_ben;
};
LL_STORE_TEST_SUITE(CommentStore);

TEST_P(CommentStore, ListsInTimeOrderWithAuthorNames) {
    ASSERT_TRUE(add(make(30_s, "later", m_ana)).ok());
    ASSERT_TRUE(add(make(5_s, "early", m_ben)).ok());
    auto all = list();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].text, "early");
    EXPECT_EQ(all[0].authorName, "Ben");
    EXPECT_EQ(all[1].start, 30_s);
}

TEST_P(CommentStore, StoresTextByteExact) {
    const std::vector<std::string> texts = {
        "Wait time: 0.8 s 😬 — try 3 s",
        "She said \"why?\" and he said 'because'",
        "line one\nline two\r\n\ttabbed",
        "Robert'); DROP TABLE comments;--",
        "先生の質問 — Grüße — مرحبا",
        "  leading and trailing spaces  ",
        std::string(5000, 'x'),
    };
    for (size_t i = 0; i < texts.size(); ++i) {
        ASSERT_TRUE(add(make(MediaTime::fromSeconds(double(i)), texts[i], m_ana)).ok());
    }
    auto all = list();
    ASSERT_EQ(all.size(), texts.size());
    for (size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(all[i].text, texts[i]);
}

TEST_P(CommentStore, RangeKindTagsAndPin) {
    Comment c = make(10_s, "40 seconds of teacher talk", m_ana);
    c.end = 50_s;
    c.kind = CommentKind::Question;
    c.tags = {"wait-time", " talk ", "wait-time"};
    c.pinX = 0.25f;
    c.pinY = 0.75f;
    auto stored = add(c);
    ASSERT_TRUE(stored.ok()) << stored.error().describe();
    EXPECT_EQ(stored->end, 50_s);
    EXPECT_EQ(stored->kind, CommentKind::Question);
    EXPECT_EQ(stored->tags, (std::vector<std::string>{"talk", "wait-time"}));
    EXPECT_FLOAT_EQ(*stored->pinX, 0.25f);
    auto tags = m_lib->comments().allTags();
    ASSERT_TRUE(tags.ok());
    EXPECT_EQ(tags->size(), 2u);
}

// "é" typed on Linux is one character; from a Mac or a pack written there it can be "e" and a
// combining accent. Both spellings are one reviewer and one tag.
TEST_P(CommentStore, NamesAndTagsSpelledWithCombiningAccentsAreTheSameAsComposedOnes) {
    const std::string composedName = "Jos\u00e9 Nu\u00f1ez", decomposedName = "Jose\u0301 Nun\u0303ez";
    ASSERT_NE(composedName, decomposedName);
    const Reviewer jose = reviewer(composedName);
    const Reviewer again = reviewer(decomposedName);
    EXPECT_EQ(again.id, jose.id) << "one person, one reviewer";
    auto byName = m_lib->reviewers().findByName(decomposedName);
    ASSERT_TRUE(byName.ok() && *byName);
    EXPECT_EQ((*byName)->id, jose.id);
    EXPECT_EQ((*byName)->name, composedName);

    Comment a = make(1_s, "a", jose);
    a.tags = {"\u00e9coute"};                    // composed
    Comment b = make(2_s, "b", jose);
    b.tags = {"e\u0301coute", "\u00e9coute"};    // the same tag twice, once decomposed
    ASSERT_TRUE(add(a).ok());
    auto storedB = add(b);
    ASSERT_TRUE(storedB.ok()) << storedB.error().describe();
    EXPECT_EQ(storedB->tags, std::vector<std::string>{"\u00e9coute"});
    auto tags = m_lib->comments().allTags();
    ASSERT_TRUE(tags.ok());
    EXPECT_EQ(*tags, std::vector<std::string>{"\u00e9coute"});
    EXPECT_EQ(list({.tag = "e\u0301coute"}).size(), 2u);
    // A round's focus tag finds the same comments.
    auto round = m_lib->rounds().create("Rounds", "How do we listen?", "#e\u0301coute", "2026-11-25");
    ASSERT_TRUE(round.ok()) << round.error().describe();
    EXPECT_EQ(round->focusTag, "\u00e9coute");
}

TEST_P(CommentStore, AReplyToAPrivateNoteIsPrivateToo) {
    Comment note = make(5_s, "only for me", m_ana);
    note.isPrivate = true;
    auto parent = add(note);
    ASSERT_TRUE(parent.ok());
    Comment reply = make(6_s, "my reply", m_ana);
    reply.parentId = parent->id;
    auto stored = add(reply);
    ASSERT_TRUE(stored.ok()) << stored.error().describe();
    EXPECT_TRUE(stored->isPrivate) << "a reply to a private note stays with it";
    // One stored as shared before this rule is still left out of what is shared.
    ASSERT_TRUE(m_lib->db().exec("UPDATE comments SET private = 0 WHERE id = '" + stored->id.toString() + "'").ok());
    EXPECT_TRUE(list({.includePrivate = false}).empty());
    EXPECT_EQ(list({.includePrivate = true}).size(), 2u);
}

TEST_P(CommentStore, FiltersByAuthorTagKindResolvedAndPrivacy) {
    Comment a = make(1_s, "a", m_ana);
    a.tags = {"questioning"};
    a.kind = CommentKind::Strength;
    Comment b = make(2_s, "b", m_ben);
    b.isPrivate = true;
    Comment c = make(3_s, "c", m_ben);
    c.resolved = true;
    ASSERT_TRUE(add(a).ok());
    ASSERT_TRUE(add(b).ok());
    ASSERT_TRUE(add(c).ok());
    EXPECT_EQ(list({.authorId = m_ben.id}).size(), 2u);
    EXPECT_EQ(list({.tag = "questioning"}).size(), 1u);
    EXPECT_EQ(list({.kind = CommentKind::Strength}).size(), 1u);
    EXPECT_EQ(list({.resolved = true}).size(), 1u);
    EXPECT_EQ(list({.includePrivate = false}).size(), 2u);
}

TEST_P(CommentStore, RepliesEditResolveAndTombstones) {
    auto parent = add(make(12_s, "Nice wait time here", m_ana));
    ASSERT_TRUE(parent.ok());
    Comment reply = make(12_s, "Thanks! I counted to five.", m_ben);
    reply.parentId = parent->id;
    auto stored = add(reply);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->parentId, parent->id);

    ASSERT_TRUE(m_lib->comments().setText(parent->id, "Great wait time here").ok());
    ASSERT_TRUE(m_lib->comments().setResolved(parent->id, true).ok());
    auto got = m_lib->comments().get(parent->id);
    EXPECT_EQ((*got)->text, "Great wait time here");
    EXPECT_TRUE((*got)->resolved);
    EXPECT_GE((*got)->stamps.updatedAt, (*got)->stamps.createdAt);

    ASSERT_TRUE(m_lib->comments().markDeleted(stored->id).ok());
    EXPECT_EQ(list().size(), 1u);
    EXPECT_EQ(list({.includeDeleted = true}).size(), 2u);  // the row stays as a tombstone
    EXPECT_FALSE(m_lib->comments().markDeleted(stored->id).ok());
    EXPECT_FALSE(m_lib->comments().setText(stored->id, "edit a deleted one").ok());
    ASSERT_TRUE(m_lib->comments().restore(stored->id).ok());
    EXPECT_EQ(list().size(), 2u);
}

TEST_P(CommentStore, RefusesBadInputAndWritesNothing) {
    auto expectInvalid = [&](Comment c, const char* needle) {
        auto r = add(std::move(c));
        ASSERT_FALSE(r.ok()) << needle;
        EXPECT_NE(r.error().message.find(needle), std::string::npos) << r.error().message;
    };
    expectInvalid(make(601_s, "after the end", m_ana), "after the end of the clip");
    expectInvalid(make(-(1_s), "negative", m_ana), "negative");
    expectInvalid(make(1_s, "", m_ana), "needs some text");
    expectInvalid(make(1_s, " \n ", m_ana), "needs some text");
    expectInvalid(make(1_s, "\xff\xfe", m_ana), "UTF-8");
    Comment backwards = make(20_s, "backwards", m_ana);
    backwards.end = 10_s;
    expectInvalid(backwards, "must end after it starts");
    Comment tooLong = make(20_s, "range", m_ana);
    tooLong.end = 700_s;
    expectInvalid(tooLong, "after the end of the clip");
    Comment orphan = make(1_s, "reply", m_ana);
    orphan.parentId = Id::generate();
    expectInvalid(orphan, "to reply to");
    Comment noClip = make(1_s, "x", m_ana);
    noClip.clipId = Id::generate();
    expectInvalid(noClip, "no clip");
    Comment badPin = make(1_s, "pin", m_ana);
    badPin.pinX = 1.5f;
    badPin.pinY = 0.5f;
    expectInvalid(badPin, "pin");
    Comment badTag = make(1_s, "tag", m_ana);
    badTag.tags = {"two\nlines"};
    expectInvalid(badTag, "tag");
    EXPECT_TRUE(list({.includeDeleted = true}).empty());
}

TEST_P(CommentStore, UpdateRewritesEditableFieldsOnly) {
    auto c = add(make(5_s, "first", m_ana));
    ASSERT_TRUE(c.ok());
    Comment edited = *c;
    edited.text = "second";
    edited.kind = CommentKind::Suggestion;
    edited.end = 9_s;
    edited.tags = {"pacing"};
    edited.authorId = m_ben.id;  // ignored: authorship does not change
    ASSERT_TRUE(m_lib->comments().update(edited).ok());
    auto got = *m_lib->comments().get(c->id);
    EXPECT_EQ(got->text, "second");
    EXPECT_EQ(got->kind, CommentKind::Suggestion);
    EXPECT_EQ(got->end, 9_s);
    EXPECT_EQ(got->tags, std::vector<std::string>{"pacing"});
    EXPECT_EQ(got->authorId, m_ana.id);
}
