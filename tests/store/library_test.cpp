#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/mount.h>
#include <sys/stat.h>

#include <fstream>
#include <set>

#include <thread>

#include "store/migrations.h"
#include "store_fixture.h"

using namespace ll;
using namespace ll::store;
using ll::test::readFile;
using ll::test::TempDir;
using ll::test::writeFile;

namespace {

// A database made by "another program": a table of its own and no application_id.
void makeForeignDatabase(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
}

// Runs `sql` on the file directly, as another program (or an older LessonLens) would.
void execOnFile(const std::filesystem::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
}

// What the first release wrote: the first migration, marked as ours at version 1.
std::string versionOneLibrarySql() {
    return std::string(migrations()[0].sql) + "; PRAGMA application_id=" + std::to_string(kApplicationId) +
           "; PRAGMA user_version=1;";
}

int64_t pragma(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

}  // namespace

TEST(Library, NewFileGetsOurApplicationIdAndLatestSchema) {
    TempDir dir;
    auto path = dir / "nested" / "library.sqlite";
    {
        auto lib = Library::open(path);
        ASSERT_TRUE(lib.ok()) << lib.error().describe();
        EXPECT_FALSE((*lib)->isReadOnly());
    }
    EXPECT_EQ(pragma(path, "PRAGMA application_id"), kApplicationId);
    EXPECT_EQ(pragma(path, "PRAGMA user_version"), latestSchemaVersion());
}

TEST(Library, UsesWalAndForeignKeys) {
    TempDir dir;
    auto lib = Library::open(dir / "library.sqlite");
    ASSERT_TRUE(lib.ok());
    auto& db = (*lib)->db();
    auto mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.ok());
    ASSERT_TRUE(*mode->step());
    EXPECT_EQ(mode->text(0), "wal");
    EXPECT_EQ(*db.queryInt("PRAGMA foreign_keys"), 1);
}

TEST(Library, ReopeningKeepsData) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    {
        auto lib = Library::open(path);
        ASSERT_TRUE(lib.ok());
        ASSERT_TRUE((*lib)->reviewers().create("Ms. Rivera").ok());
    }
    auto lib = Library::open(path);
    ASSERT_TRUE(lib.ok());
    auto all = (*lib)->reviewers().list();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ((*all)[0].name, "Ms. Rivera");
}

TEST(Library, RefusesAnotherProgramsDatabaseAndLeavesItUntouched) {
    TempDir dir;
    auto path = dir / "recipes.db";
    makeForeignDatabase(path);
    std::string before = readFile(path);
    auto lib = Library::open(path);
    ASSERT_FALSE(lib.ok());
    EXPECT_EQ(lib.error().code, Error::Code::Foreign);
    EXPECT_NE(lib.error().message.find("not a LessonLens library"), std::string::npos);
    EXPECT_EQ(readFile(path), before);
    EXPECT_FALSE(std::filesystem::exists(dir / "recipes.db-wal"));
}

TEST(Library, RefusesAFileThatIsNotADatabase) {
    TempDir dir;
    auto path = dir / "notes.txt";
    std::string text = "These are my lesson notes, not a database.\n";
    text.resize(4096, 'x');
    writeFile(path, text);
    auto lib = Library::open(path);
    ASSERT_FALSE(lib.ok());
    EXPECT_EQ(lib.error().code, Error::Code::Foreign);
    EXPECT_EQ(readFile(path), text);
}

TEST(Library, RefusesALibraryFromANewerVersion) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    { ASSERT_TRUE(Library::open(path).ok()); }
    execOnFile(path, "PRAGMA user_version = 99");
    std::string before = readFile(path);
    auto lib = Library::open(path);
    ASSERT_FALSE(lib.ok());
    EXPECT_NE(lib.error().message.find("newer LessonLens"), std::string::npos);
    EXPECT_EQ(readFile(path), before);
}

TEST(Library, RefusesAFolder) {
    TempDir dir;
    auto lib = Library::open(dir.path());
    ASSERT_FALSE(lib.ok());
    EXPECT_NE(lib.error().message.find("folder"), std::string::npos);
}

TEST(Library, ReadOnlyFileCanBeReadButNotChanged) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    {
        auto lib = Library::open(path);
        ASSERT_TRUE(lib.ok());
        ASSERT_TRUE((*lib)->reviewers().create("Coach Lee").ok());
    }
    chmod(path.c_str(), 0444);
    std::string before = readFile(path);
    {
        auto lib = Library::open(path);
        ASSERT_TRUE(lib.ok()) << lib.error().describe();
        EXPECT_TRUE((*lib)->isReadOnly());
        auto all = (*lib)->reviewers().list();
        ASSERT_TRUE(all.ok()) << all.error().describe();
        EXPECT_EQ(all->size(), 1u);
        auto added = (*lib)->reviewers().create("Someone");
        ASSERT_FALSE(added.ok());
        EXPECT_EQ(added.error().code, Error::Code::ReadOnly);
        auto tx = (*lib)->write([] { return Status(); });
        ASSERT_FALSE(tx.ok());
        EXPECT_NE(tx.error().message.find("read-only"), std::string::npos);
    }
    EXPECT_EQ(readFile(path), before);
}

TEST(Library, WriterWaitsForTheBusyTimeoutThenSaysBusy) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    auto holder = Library::open(path);
    ASSERT_TRUE(holder.ok());
    ASSERT_TRUE((*holder)->db().exec("BEGIN IMMEDIATE").ok());

    auto other = Library::open(path, OpenOptions{.create = true, .busyTimeoutMs = 200});
    ASSERT_TRUE(other.ok()) << other.error().describe();
    auto added = (*other)->reviewers().create("Blocked");
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(added.error().code, Error::Code::Busy);
    EXPECT_NE(added.error().message.find("busy"), std::string::npos);

    ASSERT_TRUE((*holder)->db().exec("ROLLBACK").ok());
    EXPECT_TRUE((*other)->reviewers().create("Unblocked").ok());
}

// A full disk is named as such, whether SQLite says SQLITE_FULL (a write) or an I/O error
// growing the shared-memory file (opening), and what was stored stays. Needs a small tmpfs of
// its own, so it runs where the tests may mount one (root, as in CI) and is skipped elsewhere.
TEST(Library, AFullDiskIsSaidPlainlyAndLosesNothing) {
    TempDir dir;
    const auto disk = dir / "disk";
    std::filesystem::create_directory(disk);
    if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=512k") != 0)
        GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
    struct Unmount {
        std::filesystem::path at;
        ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
    } unmount{disk};
    const auto path = disk / "library.sqlite";
    auto fill = [&] {
        std::ofstream out(disk / "fill", std::ios::binary | std::ios::app);
        const std::string block(4096, 'x');
        for (int i = 0; i < 1024 && out; ++i) out << block << std::flush;
    };
    {
        auto lib = Library::open(path);
        ASSERT_TRUE(lib.ok()) << lib.error().describe();
        ASSERT_TRUE((*lib)->reviewers().create("Coach Lee").ok());
        fill();
        // A write that needs more pages than are left.
        auto st = (*lib)->write([&]() -> Status {
            for (int i = 0; i < 2000; ++i)
                LL_TRY((*lib)->reviewers().create("Reviewer " + std::to_string(i) + std::string(150, 'r')));
            return {};
        });
        ASSERT_FALSE(st.ok());
        EXPECT_EQ(st.error().code, Error::Code::Io) << st.error().describe();
        EXPECT_NE(st.error().message.find("is full"), std::string::npos) << st.error().describe();
    }
    auto onlyCoachLee = [&] {
        auto lib = Library::open(path);
        ASSERT_TRUE(lib.ok()) << lib.error().describe();
        auto all = (*lib)->reviewers().list();
        ASSERT_TRUE(all.ok()) << all.error().describe();
        ASSERT_EQ(all->size(), 1u);
        EXPECT_EQ(all->front().name, "Coach Lee");
    };
    std::filesystem::remove(disk / "fill");
    onlyCoachLee();  // and closing it cleanly folds the log back into the file
    // Opening on a full disk, where SQLite cannot make its shared-memory file: the same plain
    // words, not "could not be read or written".
    fill();
    {
        auto full = Library::open(path);
        std::optional<Error> error;
        if (!full) error = full.error();
        else if (auto read = (*full)->reviewers().list(); !read) error = read.error();
        ASSERT_TRUE(error) << "the library opened on a full disk";
        EXPECT_NE(error->message.find("is full; nothing was changed (free some space"), std::string::npos)
            << error->describe();
    }
    std::filesystem::remove(disk / "fill");
    onlyCoachLee();
}

TEST(Library, WriteRollsBackEverythingOnError) {
    auto lib = Library::openInMemory();
    ASSERT_TRUE(lib.ok());
    auto st = (*lib)->write([&]() -> Status {
        LL_TRY((*lib)->reviewers().create("First"));
        return Error::invalid("stop here");
    });
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE((*lib)->reviewers().list()->empty());
}

TEST(Library, AWriteInsideAWriteLandsOnlyWithItAndFailsAlone) {
    auto lib = Library::openInMemory();
    ASSERT_TRUE(lib.ok());
    Library& l = **lib;
    // The outer write fails: the inner one's rows go too.
    auto st = l.write([&]() -> Status {
        LL_TRY(l.write([&]() -> Status {
            LL_TRY(l.reviewers().create("Inner"));
            return Status();
        }));
        return Error::invalid("stop here");
    });
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE(l.reviewers().list()->empty());
    // The inner write fails and the outer goes on: only the inner one's rows are undone.
    st = l.write([&]() -> Status {
        LL_TRY(l.reviewers().create("Outer"));
        auto inner = l.write([&]() -> Status {
            LL_TRY(l.reviewers().create("Inner"));
            return Error::invalid("not this one");
        });
        EXPECT_FALSE(inner.ok());
        return Status();
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    auto names = l.reviewers().list();
    ASSERT_EQ(names->size(), 1u);
    EXPECT_EQ(names->front().name, "Outer");
}

TEST(Library, TwoConnectionsWritingConcurrentlyLoseNothing) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    ASSERT_TRUE(Library::open(path).ok());
    auto worker = [&](const char* prefix) {
        auto lib = Library::open(path);
        ASSERT_TRUE(lib.ok());
        for (int i = 0; i < 100; ++i) {
            auto st = (*lib)->write([&]() -> Status {
                LL_TRY((*lib)->reviewers().create(std::string(prefix) + std::to_string(i)));
                return {};
            });
            ASSERT_TRUE(st.ok()) << st.error().describe();
        }
    };
    std::thread a(worker, "a"), b(worker, "b");
    a.join();
    b.join();
    auto lib = Library::open(path);
    EXPECT_EQ((*lib)->reviewers().list()->size(), 200u);
}

TEST(Library, DefaultPathFollowsEnvironment) {
    setenv("LESSONLENS_DB", "/tmp/x/lib.sqlite", 1);
    EXPECT_EQ(Library::defaultPath(), "/tmp/x/lib.sqlite");
    unsetenv("LESSONLENS_DB");
    setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
    EXPECT_EQ(Library::defaultPath(), "/tmp/xdg/lessonlens/library.sqlite");
    unsetenv("XDG_DATA_HOME");
}

// ---- clips and reviewers, on both backings ----------------------------------------------

class ClipStore : public ll::test::StoreTest {};
LL_STORE_TEST_SUITE(ClipStore);

TEST_P(ClipStore, SameFingerprintIsTheSameClip) {
    Clip first = addClip("v1:1:aaa");
    Clip again;
    again.id = Id::generate();  // a different id proposed: the stored one wins
    again.fingerprint = "v1:1:aaa";
    again.path = "/media/usb/copy.mp4";
    auto stored = m_lib->clips().upsert(again);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->id, first.id);
    EXPECT_EQ(stored->path, "/media/usb/copy.mp4");
    EXPECT_EQ(stored->title, first.title);  // an empty title keeps the stored one
    EXPECT_EQ(m_lib->clips().list()->size(), 1u);
}

TEST_P(ClipStore, KeepsStreams) {
    Clip c = addClip();
    auto got = m_lib->clips().get(c.id);
    ASSERT_TRUE(got.ok() && got->has_value());
    ASSERT_EQ((*got)->streams.size(), 2u);
    EXPECT_EQ((*got)->streams[0].width, 1920);
    EXPECT_EQ((*got)->streams[1].sampleRate, 48000);
    EXPECT_EQ((*got)->streams[1].language, "eng");
}

TEST_P(ClipStore, FindsByIdPrefixAndPath) {
    Clip c = addClip();
    auto byPrefix = m_lib->clips().findByIdPrefix(c.id.toString().substr(0, 6));
    ASSERT_TRUE(byPrefix.ok());
    ASSERT_EQ(byPrefix->size(), 1u);
    EXPECT_EQ((*byPrefix)[0].id, c.id);
    auto upper = c.id.toString().substr(0, 8);
    for (char& ch : upper) ch = static_cast<char>(toupper(ch));
    EXPECT_EQ(m_lib->clips().findByIdPrefix(upper)->size(), 1u);
    EXPECT_TRUE(m_lib->clips().findByIdPrefix("%")->empty());
    auto byPath = m_lib->clips().findByPath("/lessons/period3.mp4");
    ASSERT_TRUE(byPath.ok() && byPath->has_value());
}

TEST_P(ClipStore, SummariesCountEveryLiveCommentRepliesIncluded) {
    // The same rule as the app's Comments tab and the HTML report: a reply is a comment too,
    // a deleted comment is none.
    Clip c = addClip();
    Reviewer a = reviewer("Ana"), b = reviewer("Ben");
    std::vector<Comment> added;
    for (const auto& [r, n] : {std::pair{a, 2}, std::pair{b, 1}}) {
        for (int i = 0; i < n; ++i) {
            Comment cm;
            cm.clipId = c.id;
            cm.authorId = r.id;
            cm.start = MediaTime::fromSeconds(i);
            cm.text = "note";
            auto saved = m_lib->comments().add(cm);
            ASSERT_TRUE(saved.ok());
            added.push_back(*saved);
        }
    }
    Comment reply = added[0];
    reply.id = Id::generate();
    reply.parentId = added[0].id;
    reply.authorId = b.id;
    ASSERT_TRUE(m_lib->comments().add(reply).ok());
    ASSERT_TRUE(m_lib->comments().markDeleted(added[1].id).ok());
    auto sums = m_lib->clips().summaries();
    ASSERT_TRUE(sums.ok());
    ASSERT_EQ(sums->size(), 1u);
    EXPECT_EQ((*sums)[0].commentCount, 3);
    EXPECT_EQ((*sums)[0].reviewerCount, 2);
}

TEST_P(ClipStore, ReviewersGetDistinctColoursAndFindOrCreateIsStable) {
    Reviewer a = reviewer("Ana");
    Reviewer b = reviewer("Ben");
    EXPECT_NE(a.color, b.color);
    EXPECT_EQ(reviewer("Ana").id, a.id);
    EXPECT_EQ(reviewer("  Ana ").id, a.id);
    EXPECT_FALSE(m_lib->reviewers().findOrCreate("   ").ok());
    EXPECT_FALSE(m_lib->reviewers().findOrCreate("two\nlines").ok());
}

// A library edited in a database browser (a table dropped, a column removed) says what is
// missing and stays as it was, instead of failing later "while preparing a library query".
TEST(Library, ALibraryMissingATableOrAColumnSaysWhatIsMissingAndIsLeftAlone) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    { ASSERT_TRUE(Library::open(path).ok()); }
    execOnFile(path, "DROP TABLE round_clips; ALTER TABLE comments DROP COLUMN pin_y;");
    const std::string before = readFile(path);
    auto lib = Library::open(path);
    ASSERT_FALSE(lib.ok());
    EXPECT_EQ(lib.error().code, Error::Code::Database);
    const std::string& m = lib.error().message;
    EXPECT_NE(m.find("is damaged"), std::string::npos) << m;
    EXPECT_NE(m.find("the round_clips table"), std::string::npos) << m;
    EXPECT_NE(m.find("the pin_y column of comments"), std::string::npos) << m;
    EXPECT_NE(m.find("are missing"), std::string::npos) << m;
    EXPECT_EQ(readFile(path), before);
}

// An old library is checked against what its own version holds, before it is upgraded: a
// version-1 library is not missing the tables later versions add, but one without its
// reviewers table is refused by name and not half upgraded.
TEST(Library, AnOldLibraryIsCheckedAgainstItsOwnVersionBeforeTheUpgrade) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    execOnFile(path, versionOneLibrarySql() + " DROP TABLE reviewers;");
    const std::string before = readFile(path);
    auto lib = Library::open(path);
    ASSERT_FALSE(lib.ok());
    EXPECT_NE(lib.error().message.find("the reviewers table is missing"), std::string::npos) << lib.error().message;
    EXPECT_EQ(readFile(path), before);
    EXPECT_EQ(pragma(path, "PRAGMA user_version"), 1);
}

// A name or tag stored decomposed before the library kept them composed (a pack from a Mac)
// is composed on opening, so what is typed now finds it; its stamps are left alone.
TEST(Library, NamesAndTagsStoredDecomposedAreComposedOnOpening) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    Id clipId, commentId, reviewerId;
    int64_t updatedAt = 0;
    {
        auto lib = Library::open(path);
        ASSERT_TRUE(lib.ok());
        auto r = (*lib)->reviewers().findOrCreate("Jose");
        ASSERT_TRUE(r.ok());
        reviewerId = r->id;
        updatedAt = r->stamps.updatedAt;
        Clip c;
        c.id = Id::generate();
        c.fingerprint = "v1:1:x";
        c.title = "t";
        c.duration = MediaTime::fromSeconds(60);
        ASSERT_TRUE((*lib)->clips().upsert(c).ok());
        clipId = c.id;
        Comment cm;
        cm.clipId = clipId;
        cm.authorId = reviewerId;
        cm.start = MediaTime::fromSeconds(1);
        cm.text = "x";
        cm.tags = {"ecoute"};
        auto added = (*lib)->comments().add(cm);
        ASSERT_TRUE(added.ok());
        commentId = added->id;
    }
    // What an older version stored from a decomposed source.
    execOnFile(path, "UPDATE reviewers SET name = 'Jose\u0301'; UPDATE comment_tags SET tag = 'e\u0301coute'; "
                     "INSERT INTO comment_tags VALUES ('" + commentId.toString() + "', '\u00e9coute');");
    auto lib = Library::open(path);
    ASSERT_TRUE(lib.ok()) << lib.error().describe();
    auto jose = (*lib)->reviewers().findByName("Jos\u00e9");
    ASSERT_TRUE(jose.ok() && *jose) << "the name typed composed finds the one stored decomposed";
    EXPECT_EQ((*jose)->id, reviewerId);
    EXPECT_EQ((*jose)->name, "Jos\u00e9");
    EXPECT_EQ((*jose)->stamps.updatedAt, updatedAt);
    auto comments = (*lib)->comments().list(clipId, {});
    ASSERT_TRUE(comments.ok());
    ASSERT_EQ(comments->size(), 1u);
    EXPECT_EQ(comments->front().tags, std::vector<std::string>{"\u00e9coute"}) << "both spellings are one tag";
}

TEST(Library, MigratesAVersionOneLibraryKeepingItsData) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    // Build a version-1 library by hand: the first migration only.
    execOnFile(path, versionOneLibrarySql() + " INSERT INTO reviewers VALUES "
                                              "('6f9619ff-8b86-4011-b42d-00c04fc964ff','Old Timer',0,1,1,NULL);");
    auto lib = Library::open(path);
    ASSERT_TRUE(lib.ok()) << lib.error().describe();
    EXPECT_EQ(*(*lib)->db().queryInt("PRAGMA user_version"), latestSchemaVersion());
    EXPECT_EQ((*lib)->reviewers().list()->at(0).name, "Old Timer");
    EXPECT_EQ(*(*lib)->db().queryInt("SELECT count(*) FROM waveform_peaks"), 0);
}

// The window's font bakes only the characters the library uses: every non-ASCII text is found,
// wherever it is kept, and nothing plain ASCII is handed over.
TEST_P(ClipStore, FindsEveryTextBeyondAsciiForTheFont) {
    Clip c = addClip();
    c.title = "三年级 分数 — Période 3";
    c.path = "/lessons/수업/period3.mp4";
    ASSERT_TRUE(m_lib->clips().upsert(c).ok());
    Reviewer r = reviewer("山田先生");
    Comment cm;
    cm.clipId = c.id;
    cm.authorId = r.id;
    cm.start = MediaTime::fromSeconds(3);
    cm.text = "Good wait time";
    cm.tags = {"提问"};
    ASSERT_TRUE(m_lib->comments().add(cm).ok());
    ASSERT_TRUE(m_lib->rounds().create("Plain round", "どうやって考えましたか", "", "2026-11-25").ok());

    std::set<std::string> seen;
    ASSERT_TRUE(m_lib->forEachTextBeyondAscii([&](std::string_view t) { seen.emplace(t); }).ok());
    EXPECT_EQ(seen, (std::set<std::string>{"三年级 分数 — Période 3", "/lessons/수업/period3.mp4", "山田先生",
                                           "提问", "どうやって考えましたか"}));
}

TEST(Library, ItsChangeMarkMovesWithItsOwnWritesAndAnotherConnections) {
    TempDir dir;
    auto path = dir / "library.sqlite";
    auto lib = Library::open(path);
    ASSERT_TRUE(lib.ok());
    auto first = (*lib)->db().changeMark();
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(*(*lib)->db().changeMark(), *first);  // reading changes nothing
    ASSERT_TRUE((*lib)->reviewers().create("Ms. Rivera").ok());
    auto afterOwn = (*lib)->db().changeMark();
    EXPECT_NE(*afterOwn, *first);
    {
        auto other = Library::open(path);
        ASSERT_TRUE(other.ok());
        ASSERT_TRUE((*other)->reviewers().create("王老师").ok());
    }
    EXPECT_NE(*(*lib)->db().changeMark(), *afterOwn);
}
