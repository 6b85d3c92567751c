// A library file that is damaged, foreign, or from a newer LessonLens: opening it is refused with
// a message and leaves the file exactly as it was, or it opens and every read and write either
// works or returns an error. Nothing crashes.

#include <filesystem>
#include <string>
#include <vector>

#include "core/id.h"
#include "fuzz/fuzz_target.h"
#include "store/library.h"
#include "support/temp_dir.h"
#ifndef LL_FUZZ_LIBFUZZER
#include <sqlite3.h>
#endif

namespace {

using namespace ll;
using namespace ll::store;
namespace fs = std::filesystem;

// A folder per process, gone when the process ends.
const fs::path& scratchDir() {
    static const ll::test::TempDir dir;
    return dir.path();
}

#ifndef LL_FUZZ_LIBFUZZER
// A library with one of everything, written out whole (closed, so the WAL is checkpointed).
std::string fullLibrary() {
    const fs::path dir = scratchDir() / "seed";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path path = dir / "library.sqlite";
    {
        auto lib = Library::open(path);
        if (!lib) return {};
        Library& l = **lib;
        auto lee = l.reviewers().create("Coach Lee");
        Clip clip;
        clip.fingerprint = "v1:4096:" + std::string(64, 'b');
        clip.id = *clipIdFromFingerprint(clip.fingerprint);
        clip.path = "/home/teacher/Videos/fractions.mp4";
        clip.title = "Grade 4 fractions";
        clip.duration = MediaTime::fromMillis(112'730);
        clip.streams = {{0, "video", "h264", 1280, 720, 30, 0, 0, 0, ""},
                        {1, "audio", "aac", 0, 0, 0, 0, 48000, 1, "eng"}};
        auto added = l.clips().upsert(clip);
        if (!lee || !added) return {};
        Comment c;
        c.clipId = clip.id;
        c.authorId = lee->id;
        c.start = MediaTime::fromMillis(21'000);
        c.end = MediaTime::fromMillis(27'500);
        c.kind = CommentKind::Strength;
        c.text = "You waited almost four seconds.";
        c.tags = {"wait-time"};
        auto comment = l.comments().add(c);
        if (comment) {
            Comment reply = c;
            reply.parentId = comment->id;
            reply.end.reset();
            reply.text = "Thank you!";
            reply.isPrivate = true;
            (void)l.comments().add(reply);
        }
        auto run = l.analyses().startRun(clip.id, "talk", "talk-v16", "{\"chunk_s\":2.5}");
        if (run) {
            (void)l.analyses().saveSegments(
                run->id, {{{MediaTime(), MediaTime::fromMillis(50'000)}, "teacher", 0.9f, 0},
                          {{MediaTime::fromMillis(50'000), clip.duration}, "silence", 0.7f, -1}});
            (void)l.analyses().finishRun(run->id, AnalysisRun::Status::Complete);
            SegmentCorrection k;
            k.clipId = clip.id;
            k.reviewerId = lee->id;
            k.runId = run->id;
            k.range = {MediaTime::fromMillis(4'000), MediaTime::fromMillis(6'000)};
            k.label = "student";
            (void)l.analyses().addCorrection(k);
        }
        const std::vector<uint8_t> peaks(64, 7);
        (void)l.analyses().savePeaks(clip.id, peaks);
        if (auto round = l.rounds().create("Grade 4 rounds", "How do students explain?",
                                           "explain", "2026-11-23"))
            (void)l.rounds().addClip(round->id, clip.id);
    }
    return ll::test::readFile(path);
}

// Another program's database.
std::string foreignDatabase() {
    const fs::path path = scratchDir() / "seed" / "recipes.sqlite";
    fs::remove(path);
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return {};
    sqlite3_exec(db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return ll::test::readFile(path);
}

std::vector<std::string> seeds() { return {fullLibrary(), foreignDatabase(), std::string()}; }
#endif

// Reads everything a window or the CLI would show, then writes a little.
void useLibrary(Library& l) {
    (void)l.reviewers().list();
    (void)l.clips().summaries();
    (void)l.comments().allTags();
    (void)l.rounds().list();
    if (auto clips = l.clips().list()) {
        for (const Clip& clip : *clips) {
            (void)l.comments().list(clip.id);
            (void)l.comments().count(clip.id);
            (void)l.analyses().corrections(clip.id, true);
            (void)l.analyses().peaks(clip.id);
            if (auto runs = l.analyses().runs(clip.id))
                for (const AnalysisRun& run : *runs) (void)l.analyses().segments(run.id);
        }
    }
    (void)l.write([&]() -> Status {
        auto who = l.reviewers().findOrCreate("Fuzz Reviewer");
        if (!who) return who.error();
        return {};
    });
}

}  // namespace

LL_FUZZ_TARGET(library, seeds) {
    const fs::path dir = scratchDir() / "run";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path path = dir / "library.sqlite";
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    ll::test::writeFile(path, bytes);
    OpenOptions options;
    options.busyTimeoutMs = 0;
    auto lib = Library::open(path, options);
    if (!lib) {
        LL_FUZZ_CHECK(!lib.error().message.empty());
        // Refused: the file is exactly as it was.
        LL_FUZZ_CHECK(ll::test::readFile(path) == bytes);
        return 0;
    }
    useLibrary(**lib);
    return 0;
}
