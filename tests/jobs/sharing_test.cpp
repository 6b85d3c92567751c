// Review packs: merge properties on randomized edits, and hostile packs refused whole.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <numeric>
#include <random>

#include "core/time_text.h"
#include "jobs/export.h"
#include "jobs/sharing.h"
#include "support/temp_dir.h"

using namespace ll;
using nlohmann::json;

namespace {

const std::string kFingerprint = "v1:1000:" + std::string(64, 'c');

std::unique_ptr<store::Library> newLibrary(bool withClip = true) {
    auto lib = store::Library::openInMemory();
    EXPECT_TRUE(lib.ok());
    if (withClip) {
        store::Clip c;
        c.id = *clipIdFromFingerprint(kFingerprint);
        c.fingerprint = kFingerprint;
        c.title = "Room 12";
        c.path = "/lessons/room12.mp4";
        c.duration = 600_s;
        EXPECT_TRUE((*lib)->clips().upsert(c).ok());
    }
    return std::move(lib).value();
}

store::Clip theClip(store::Library& lib) { return **lib.clips().findByFingerprint(kFingerprint); }

// Everything about the comments and corrections that merging must agree on.
std::string dump(store::Library& lib) {
    auto clip = lib.clips().findByFingerprint(kFingerprint);
    if (!clip || !*clip) return "no clip";
    store::CommentFilter all;
    all.includeDeleted = true;
    std::string out;
    auto comments = lib.comments().list((*clip)->id, all);
    for (const auto& c : *comments) {
        out += c.id.toString() + "|" + c.authorId.toString() + "|" + c.text + "|" +
               std::to_string(c.start.micros()) + "|" + std::to_string(c.stamps.updatedAt) + "|" +
               std::to_string(c.stamps.deletedAt.value_or(0)) + "|" + (c.resolved ? "r" : "") +
               "|" + (c.parentId ? c.parentId->toString() : "") + "|";
        for (const auto& t : c.tags) out += t + ",";
        out += "\n";
    }
    auto corrections = lib.analyses().corrections((*clip)->id, true);
    for (const auto& k : *corrections) {
        out += k.id.toString() + "|" + k.label + "|" + std::to_string(k.stamps.updatedAt) + "|" +
               std::to_string(k.stamps.deletedAt.value_or(0)) + "\n";
    }
    return out;
}

exchange::Pack packOf(store::Library& lib, const store::Reviewer& who) {
    auto pack = jobs::buildPackForAllClips(lib, who);
    EXPECT_TRUE(pack.ok());
    // Round-trip through the file format, as a real exchange would.
    auto read = exchange::readPack(exchange::writePack(*pack), nowUnixMicros());
    EXPECT_TRUE(read.ok()) << read.error().describe();
    return *read;
}

struct Machine {
    std::unique_ptr<store::Library> lib = newLibrary();
    store::Reviewer me;
};

// A reviewer's session of random edits: new comments, replies, edits, resolves, deletions and
// talk-time corrections.
void randomEdits(Machine& m, std::mt19937& rng, int steps) {
    store::Clip clip = theClip(*m.lib);
    for (int i = 0; i < steps; ++i) {
        store::CommentFilter all;
        auto existing = *m.lib->comments().list(clip.id, all);
        std::vector<store::Comment> mine;
        for (auto& c : existing) if (c.authorId == m.me.id) mine.push_back(c);
        int action = std::uniform_int_distribution<int>(0, 9)(rng);
        if (action < 4 || mine.empty()) {
            store::Comment c;
            c.clipId = clip.id;
            c.authorId = m.me.id;
            c.start = MediaTime::fromMillis(std::uniform_int_distribution<int>(0, 599'000)(rng));
            c.text = m.me.name + " note " + std::to_string(rng() % 1000);
            c.tags = {rng() % 2 ? "questioning" : "pacing"};
            c.isPrivate = rng() % 7 == 0;
            if (!existing.empty() && rng() % 3 == 0) c.parentId = existing[rng() % existing.size()].id;
            ASSERT_TRUE(m.lib->comments().add(c).ok());
        } else if (action < 6) {
            ASSERT_TRUE(m.lib->comments().setText(mine[rng() % mine.size()].id,
                                                  "edited " + std::to_string(rng() % 1000)).ok());
        } else if (action < 7) {
            ASSERT_TRUE(m.lib->comments().setResolved(mine[rng() % mine.size()].id, true).ok());
        } else if (action < 9) {
            ASSERT_TRUE(m.lib->comments().markDeleted(mine[rng() % mine.size()].id).ok());
        } else {
            store::SegmentCorrection k;
            k.clipId = clip.id;
            k.reviewerId = m.me.id;
            int64_t s = std::uniform_int_distribution<int>(0, 500)(rng);
            k.range = {MediaTime::fromMicros(s * 1'000'000), MediaTime::fromMicros((s + 10) * 1'000'000)};
            k.label = rng() % 2 ? "student" : "teacher";
            ASSERT_TRUE(m.lib->analyses().addCorrection(k).ok());
        }
    }
}

// A comment by the machine's reviewer on its clip.
Result<store::Comment> addOwnComment(Machine& m, MediaTime at, std::string text, bool isPrivate) {
    store::Comment c;
    c.clipId = theClip(*m.lib).id;
    c.authorId = m.me.id;
    c.start = at;
    c.text = std::move(text);
    c.isPrivate = isPrivate;
    return m.lib->comments().add(c);
}

}  // namespace

TEST(Sharing, PacksNeverCarryPrivateComments) {
    Machine a;
    a.me = *a.lib->reviewers().findOrCreate("Ana");
    ASSERT_TRUE(addOwnComment(a, 1_s, "for my eyes only", true).ok());
    ASSERT_TRUE(addOwnComment(a, 1_s, "shared", false).ok());
    std::string text = exchange::writePack(packOf(*a.lib, a.me));
    EXPECT_EQ(text.find("for my eyes only"), std::string::npos);
    EXPECT_NE(text.find("shared"), std::string::npos);
}

// The line after an export counts what the file holds: comments, or an RTTM's talk segments.
TEST(Sharing, TheExportSummaryCountsWhatTheFileHolds) {
    exchange::ExportData d;
    d.comments.resize(6);
    EXPECT_EQ(jobs::exportSummary("notes.html", d, jobs::ExportFormat::Html, 1, false),
              "Wrote notes.html (6 comments; 1 private comment stays on this computer)");
    EXPECT_EQ(jobs::exportSummary("notes.csv", d, jobs::ExportFormat::Csv, 0, true), "Wrote notes.csv (6 comments, private ones included)");
    d.talk = exchange::TalkSummary{};
    d.talk->segments.resize(41);
    EXPECT_EQ(jobs::exportSummary("talk.rttm", d, jobs::ExportFormat::Rttm, 1, false), "Wrote talk.rttm (41 talk segments)");
}

TEST(Sharing, AForgedPackCannotChangeDeleteOrPublishAPrivateComment) {
    // Anyone who can write in the shared folder can make a pack under my reviewer id, and a
    // public reply carries its private parent's id. The private comment must stay as it is.
    Machine a;
    a.me = *a.lib->reviewers().findOrCreate("Ana");
    auto priv = addOwnComment(a, 2_s, "MY PRIVATE NOTE", true);
    ASSERT_TRUE(priv.ok());
    ASSERT_TRUE(addOwnComment(a, 2_s, "public", false).ok());
    json pack = json::parse(exchange::writePack(packOf(*a.lib, a.me)));
    json& forged = pack["clips"][0]["comments"][0];
    forged["id"] = priv->id.toString();
    forged["text"] = "FORGED";
    forged["updated_at"] = forged["updated_at"].get<int64_t>() + 1000;
    for (bool deleteIt : {false, true}) {
        if (deleteIt) forged["deleted_at"] = forged["updated_at"];
        auto read = exchange::readPack(pack.dump(), nowUnixMicros());
        ASSERT_TRUE(read.ok()) << read.error().message;
        auto st = jobs::importPack(*a.lib, *read);
        ASSERT_TRUE(st.ok()) << st.error().message;
        EXPECT_EQ(st->updated, 0);
        auto kept = a.lib->comments().get(priv->id);
        ASSERT_TRUE(kept.ok() && kept->has_value());
        EXPECT_EQ((*kept)->text, "MY PRIVATE NOTE");
        EXPECT_TRUE((*kept)->isPrivate);
        EXPECT_FALSE((*kept)->stamps.isDeleted());
    }
    EXPECT_EQ(exchange::writePack(packOf(*a.lib, a.me)).find("PRIVATE"), std::string::npos);
}

TEST(Sharing, MergesAreIdempotentOrderIndependentAndKeepTombstones) {
    for (unsigned seed = 1; seed <= 6; ++seed) {
        std::mt19937 rng(seed);
        Machine machines[3];
        const char* names[] = {"Ana", "Ben", "Coach Lee"};
        for (int i = 0; i < 3; ++i) machines[i].me = *machines[i].lib->reviewers().findOrCreate(names[i]);
        // Two rounds of edits with exchanges in between, so replies cross reviewers and
        // later edits and deletions supersede earlier copies.
        std::vector<exchange::Pack> packs;
        for (int round = 0; round < 2; ++round) {
            for (auto& m : machines) randomEdits(m, rng, 25);
            for (auto& m : machines) packs.push_back(packOf(*m.lib, m.me));
            for (auto& m : machines) {
                for (const auto& p : packs) ASSERT_TRUE(jobs::importPack(*m.lib, p).ok());
            }
        }
        for (auto& m : machines) packs.push_back(packOf(*m.lib, m.me));

        // Every order of importing all packs gives the same library.
        std::vector<size_t> order(packs.size());
        std::iota(order.begin(), order.end(), 0);
        std::string reference;
        for (int trial = 0; trial < 8; ++trial) {
            std::shuffle(order.begin(), order.end(), rng);
            auto target = newLibrary(/*withClip=*/trial % 2 == 0);  // odd trials: placeholder
            for (size_t i : order) {
                auto st = jobs::importPack(*target, packs[i]);
                ASSERT_TRUE(st.ok()) << st.error().describe();
            }
            std::string d = dump(*target);
            if (trial == 0) reference = d;
            EXPECT_EQ(d, reference) << "seed " << seed << " trial " << trial;
            // Importing everything again changes nothing.
            for (const auto& p : packs) {
                auto st = jobs::importPack(*target, p);
                ASSERT_TRUE(st.ok());
                EXPECT_EQ(st->added + st->updated, 0);
            }
            EXPECT_EQ(dump(*target), reference);
        }
        // Each reviewer's own shared rows arrive exactly as the reviewer has them now.
        auto target = newLibrary();
        for (const auto& p : packs) ASSERT_TRUE(jobs::importPack(*target, p).ok());
        for (auto& m : machines) {
            store::CommentFilter mine;
            mine.authorId = m.me.id;
            mine.includePrivate = false;
            mine.includeDeleted = true;
            auto theirs = *m.lib->comments().list(theClip(*m.lib).id, mine);
            auto here = *target->comments().list(theClip(*target).id, mine);
            ASSERT_EQ(here.size(), theirs.size());
            for (size_t i = 0; i < here.size(); ++i) {
                EXPECT_EQ(here[i].text, theirs[i].text);
                EXPECT_EQ(here[i].stamps.deletedAt.has_value(), theirs[i].stamps.deletedAt.has_value());
                EXPECT_EQ(here[i].resolved, theirs[i].resolved);
            }
        }
    }
}

TEST(Sharing, AnOlderCopyNeverOverwritesANewerOne) {
    Machine a;
    a.me = *a.lib->reviewers().findOrCreate("Ana");
    store::Comment c;
    c.clipId = theClip(*a.lib).id;
    c.authorId = a.me.id;
    c.start = 5_s;
    c.text = "first version";
    auto added = a.lib->comments().add(c);
    ASSERT_TRUE(added.ok());
    exchange::Pack old = packOf(*a.lib, a.me);
    ASSERT_TRUE(a.lib->comments().setText(added->id, "second version").ok());
    exchange::Pack newer = packOf(*a.lib, a.me);
    ASSERT_TRUE(a.lib->comments().markDeleted(added->id).ok());
    exchange::Pack deleted = packOf(*a.lib, a.me);

    auto target = newLibrary();
    ASSERT_TRUE(jobs::importPack(*target, newer).ok());
    auto st = jobs::importPack(*target, old);
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->unchanged, 1);
    EXPECT_EQ((*target->comments().get(added->id))->text, "second version");
    ASSERT_TRUE(jobs::importPack(*target, deleted).ok());
    EXPECT_TRUE((*target->comments().get(added->id))->stamps.isDeleted());
    EXPECT_TRUE(target->comments().list(theClip(*target).id)->empty());
    ASSERT_TRUE(jobs::importPack(*target, newer).ok());  // a stale copy does not resurrect it
    EXPECT_TRUE((*target->comments().get(added->id))->stamps.isDeleted());
}

TEST(Sharing, APlaceholderClipLinksUpWhenTheVideoIsAdded) {
    Machine a;
    a.me = *a.lib->reviewers().findOrCreate("Ana");
    store::Comment c;
    c.clipId = theClip(*a.lib).id;
    c.authorId = a.me.id;
    c.start = 5_s;
    c.text = "waiting for the video";
    ASSERT_TRUE(a.lib->comments().add(c).ok());
    auto target = newLibrary(/*withClip=*/false);
    auto st = jobs::importPack(*target, packOf(*a.lib, a.me));
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->placeholders, 1);
    store::Clip placeholder = theClip(*target);
    EXPECT_TRUE(placeholder.path.empty());
    // The video arrives: same fingerprint, same clip, comments already there.
    store::Clip real;
    real.id = placeholder.id;
    real.fingerprint = kFingerprint;
    real.path = "/home/t/room12.mp4";
    real.duration = 600_s;
    auto linked = target->clips().upsert(real);
    ASSERT_TRUE(linked.ok());
    EXPECT_EQ(linked->path, "/home/t/room12.mp4");
    EXPECT_EQ(target->comments().list(linked->id)->size(), 1u);
}

// ---- hostile packs ---------------------------------------------------------------------

class HostilePack : public ::testing::Test {
protected:
    void SetUp() override {
        Machine a;
        a.me = *a.lib->reviewers().findOrCreate("Ana");
        store::Comment c;
        c.clipId = theClip(*a.lib).id;
        c.authorId = a.me.id;
        c.start = 5_s;
        c.text = "fine";
        ASSERT_TRUE(a.lib->comments().add(c).ok());
        m_good = json::parse(exchange::writePack(packOf(*a.lib, a.me)));
        m_target = newLibrary();
        m_before = dump(*m_target);
    }
    void expectRefused(const std::string& bytes, const std::string& needle) {
        auto pack = exchange::readPack(bytes, nowUnixMicros());
        if (pack.ok()) {
            auto st = jobs::importPack(*m_target, *pack);
            ASSERT_FALSE(st.ok()) << "accepted a pack that should be refused (" << needle << ")";
            EXPECT_NE(st.error().message.find(needle), std::string::npos) << st.error().message;
        } else {
            EXPECT_NE(pack.error().message.find(needle), std::string::npos) << pack.error().message;
            EXPECT_NE(pack.error().message.find("nothing was imported"), std::string::npos);
        }
        EXPECT_EQ(dump(*m_target), m_before);
    }
    json& comment() { return m_good["clips"][0]["comments"][0]; }
    json m_good;
    std::unique_ptr<store::Library> m_target;
    std::string m_before;
};

TEST_F(HostilePack, DamagedOrForeignFiles) {
    std::string text = m_good.dump();
    expectRefused(text.substr(0, text.size() / 2), "not a complete JSON file");
    expectRefused("", "not a complete JSON file");
    expectRefused("{\"hello\": 1}", "not a LessonLens review pack");
    expectRefused("[1,2,3]", "not a LessonLens review pack");
    json future = m_good;
    future["version"] = 99;
    expectRefused(future.dump(), "newer LessonLens");
    expectRefused(std::string(exchange::kMaxPackBytes + 1, ' '), "larger than 64 MB");
}

TEST_F(HostilePack, WrongTypesAndHugeFields) {
    json j = m_good;
    comment()["start_us"] = "five";
    expectRefused(m_good.dump(), "is not a whole number");
    m_good = j;
    comment()["text"] = 42;
    expectRefused(m_good.dump(), "is not text");
    m_good = j;
    comment()["text"] = std::string(200'000, 'x');
    expectRefused(m_good.dump(), "too long");
    m_good = j;
    comment()["tags"] = json::array({std::string(500, 't')});
    expectRefused(m_good.dump(), "malformed tag");
    m_good = j;
    comment()["kind"] = "praise";
    expectRefused(m_good.dump(), "unknown kind");
    m_good = j;
    m_good["clips"] = "not a list";
    expectRefused(m_good.dump(), "malformed");
    m_good = j;
    comment()["id"] = "not-an-id";
    expectRefused(m_good.dump(), "not an id");
    // Empty and all-zero ids name nothing: a correction given one would get a new id on every
    // import and pile up with each sync.
    for (const char* nil : {"", "00000000-0000-0000-0000-000000000000"}) {
        m_good = j;
        comment()["id"] = nil;
        expectRefused(m_good.dump(), "not an id");
        m_good = j;
        m_good["reviewers"][0]["id"] = nil;
        expectRefused(m_good.dump(), "not an id");
        m_good = j;
        json k = {{"id", nil}, {"kind", "relabel"}, {"start_us", 0}, {"end_us", 5'000'000},
                  {"label", "student"}, {"reviewer", m_good["author"]},
                  {"created_at", comment()["created_at"]}, {"updated_at", comment()["created_at"]},
                  {"deleted_at", nullptr}};
        m_good["clips"][0]["corrections"] = json::array({k});
        expectRefused(m_good.dump(), "not an id");
    }
}

TEST_F(HostilePack, DuplicateIdsTimesAndClocks) {
    json j = m_good;
    m_good["clips"][0]["comments"].push_back(comment());
    expectRefused(m_good.dump(), "repeats the id");
    m_good = j;
    comment()["start_us"] = 601'000'000;
    expectRefused(m_good.dump(), "out of range");
    m_good = j;
    comment()["start_us"] = -1;
    expectRefused(m_good.dump(), "out of range");
    m_good = j;
    comment()["end_us"] = 1;
    expectRefused(m_good.dump(), "ends before it starts");
    m_good = j;
    comment()["updated_at"] = nowUnixMicros() + 10LL * 365 * 24 * 3600 * 1'000'000;
    expectRefused(m_good.dump(), "out of range");
    m_good = j;
    comment()["private"] = true;
    expectRefused(m_good.dump(), "private");
    m_good = j;
    comment()["author"] = Id::generate().toString();
    expectRefused(m_good.dump(), "does not list");
    m_good = j;
    m_good["clips"][0]["id"] = Id::generate().toString();
    expectRefused(m_good.dump(), "does not match its fingerprint");
}

TEST_F(HostilePack, ARefusedPackInTheMiddleChangesNothingAtAll) {
    // The first comment is fine, the second is bad: neither lands.
    json extra = comment();
    extra["id"] = Id::generate().toString();
    extra["start_us"] = 999'000'000'000;
    m_good["clips"][0]["comments"].push_back(extra);
    expectRefused(m_good.dump(), "out of range");
}

TEST(SharingFiles, SyncFolderWritesOwnPackAndImportsOthers) {
    test::TempDir dir;
    Machine a, b;
    a.me = *a.lib->reviewers().findOrCreate("Ana");
    b.me = *b.lib->reviewers().findOrCreate("Ben");
    for (Machine* m : {&a, &b}) {
        store::Comment c;
        c.clipId = theClip(*m->lib).id;
        c.authorId = m->me.id;
        c.start = 7_s;
        c.text = m->me.name + " was here";
        ASSERT_TRUE(m->lib->comments().add(c).ok());
    }
    auto first = jobs::syncFolder(*a.lib, dir.path(), a.me);
    ASSERT_TRUE(first.ok()) << first.error().describe();
    EXPECT_TRUE(first->imported.empty());
    test::writeFile(dir / "broken.llpack", "{ not json");
    auto second = jobs::syncFolder(*b.lib, dir.path(), b.me);
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->imported.size(), 2u);
    int accepted = 0, refused = 0;
    for (const auto& imp : second->imported) (imp.result.ok() ? accepted : refused)++;
    EXPECT_EQ(accepted, 1);
    EXPECT_EQ(refused, 1);
    EXPECT_EQ(b.lib->comments().list(theClip(*b.lib).id)->size(), 2u);
    auto third = jobs::syncFolder(*a.lib, dir.path(), a.me);
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(a.lib->comments().list(theClip(*a.lib).id)->size(), 2u);
    // No temporary files are left behind.
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos);
    }
    EXPECT_FALSE(jobs::syncFolder(*a.lib, dir / "missing", a.me).ok());
}

// A long import reports progress that only grows and ends at 1; cancelling it part-way rolls
// the whole pack back, so the library is exactly as before.
TEST(SharingFiles, LongImportsReportProgressAndCancelLeavesNothing) {
    Machine source;
    source.me = *source.lib->reviewers().findOrCreate("Ana");
    for (int i = 0; i < 500; ++i) {
        store::Comment c;
        c.clipId = theClip(*source.lib).id;
        c.authorId = source.me.id;
        c.start = MediaTime::fromMillis(i * 1000);
        c.text = "note " + std::to_string(i);
        ASSERT_TRUE(source.lib->comments().add(c).ok());
    }
    exchange::Pack pack = packOf(*source.lib, source.me);

    auto target = newLibrary();
    const std::string before = dump(*target);
    std::atomic<bool> cancel{false};
    std::vector<float> seen;
    jobs::ImportControl control{&cancel, [&](float p) {
                                    seen.push_back(p);
                                    if (p > 0.5f) cancel = true;
                                }};
    auto cancelled = jobs::importPack(*target, pack, control);
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error().code, Error::Code::Cancelled);
    EXPECT_NE(cancelled.error().message.find("nothing was imported"), std::string::npos);
    EXPECT_EQ(dump(*target), before);

    cancel = false;
    seen.clear();
    auto imported = jobs::importPack(*target, pack, {&cancel, [&](float p) { seen.push_back(p); }});
    ASSERT_TRUE(imported.ok()) << imported.error().describe();
    EXPECT_EQ(imported->added, 500);
    ASSERT_GE(seen.size(), 5u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_FLOAT_EQ(seen.back(), 1.f);
}

TEST(SharingFiles, SyncProgressCoversEveryPackAndCancelStopsBeforeTheNext) {
    test::TempDir dir;
    Machine a, b, c;
    a.me = *a.lib->reviewers().findOrCreate("Ana");
    b.me = *b.lib->reviewers().findOrCreate("Ben");
    c.me = *c.lib->reviewers().findOrCreate("Cal");
    for (Machine* m : {&a, &b, &c}) {
        store::Comment note;
        note.clipId = theClip(*m->lib).id;
        note.authorId = m->me.id;
        note.start = 3_s;
        note.text = m->me.name + "'s note";
        ASSERT_TRUE(m->lib->comments().add(note).ok());
    }
    ASSERT_TRUE(jobs::syncFolder(*b.lib, dir.path(), b.me).ok());
    ASSERT_TRUE(jobs::syncFolder(*c.lib, dir.path(), c.me).ok());

    std::atomic<bool> cancel{true};
    auto stopped = jobs::syncFolder(*a.lib, dir.path(), a.me, {&cancel, {}});
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.error().code, Error::Code::Cancelled);
    EXPECT_EQ(a.lib->comments().list(theClip(*a.lib).id)->size(), 1u);
    EXPECT_TRUE(std::filesystem::exists(dir / (a.me.id.toString() + ".llpack")));

    cancel = false;
    std::vector<float> seen;
    auto synced = jobs::syncFolder(*a.lib, dir.path(), a.me, {&cancel, [&](float p) { seen.push_back(p); }});
    ASSERT_TRUE(synced.ok()) << synced.error().describe();
    EXPECT_EQ(a.lib->comments().list(theClip(*a.lib).id)->size(), 3u);
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_FLOAT_EQ(seen.back(), 1.f);
}
