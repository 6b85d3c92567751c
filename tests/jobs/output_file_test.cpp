// Output files a person names: checked before slow work, replaced whole, and links, pipes and
// devices left what they are.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <future>

#include "jobs/output_file.h"
#include "support/temp_dir.h"

using namespace ll;
using ll::test::readFile;
using ll::test::TempDir;
namespace fs = std::filesystem;

namespace {

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

size_t entriesIn(const fs::path& dir) {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}

}  // namespace

TEST(OutputFile, WritesANewFileAndReplacesAnOldOneWholeLeavingNothingElse) {
    TempDir dir;
    const fs::path out = dir / "notes.csv";
    ASSERT_TRUE(jobs::writeFileAtomically(out, "first\n").ok());
    EXPECT_EQ(readFile(out), "first\n");
    ::chmod(out.c_str(), 0600);
    ASSERT_TRUE(jobs::writeFileAtomically(out, "second, longer\n").ok());
    EXPECT_EQ(readFile(out), "second, longer\n");
    EXPECT_EQ(fs::status(out).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write)
        << "an old file keeps its permissions";
    EXPECT_EQ(entriesIn(dir.path()), 1u) << "no temporary file is left behind";
    // A bare file name is written in the current folder.
    const fs::path here = fs::current_path();
    fs::current_path(dir.path());
    EXPECT_TRUE(jobs::writeFileAtomically("bare.txt", "x").ok());
    fs::current_path(here);
    EXPECT_EQ(readFile(dir / "bare.txt"), "x");
}

TEST(OutputFile, ALinkStaysALinkAndItsFileGetsTheText) {
    TempDir dir;
    fs::create_directory(dir / "reports");
    writeText(dir / "reports" / "room12.html", "old");
    fs::create_symlink("reports/room12.html", dir / "latest.html");
    ASSERT_TRUE(jobs::writeFileAtomically(dir / "latest.html", "new").ok());
    EXPECT_TRUE(fs::is_symlink(dir / "latest.html"));
    EXPECT_EQ(readFile(dir / "reports" / "room12.html"), "new");
    // A link to a file not written yet leads to where that file will be.
    fs::create_symlink("reports/next.html", dir / "next.html");
    ASSERT_TRUE(jobs::writeFileAtomically(dir / "next.html", "made").ok());
    EXPECT_TRUE(fs::is_symlink(dir / "next.html"));
    EXPECT_EQ(readFile(dir / "reports" / "next.html"), "made");
    // A loop of links is refused, not followed for ever.
    fs::create_symlink("b", dir / "a");
    fs::create_symlink("a", dir / "b");
    auto loop = jobs::writeFileAtomically(dir / "a", "x");
    ASSERT_FALSE(loop.ok());
    EXPECT_NE(loop.error().message.find("loop"), std::string::npos) << loop.error().message;
}

TEST(OutputFile, APipeIsWrittenIntoNotReplaced) {
    TempDir dir;
    const fs::path fifo = dir / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto reader = std::async(std::launch::async, [&] { return readFile(fifo); });
    const bool ok = jobs::writeFileAtomically(fifo, "through the pipe\n").ok();
    if (!ok) ::close(::open(fifo.c_str(), O_WRONLY));  // let the reader finish
    EXPECT_TRUE(ok);
    EXPECT_EQ(reader.get(), ok ? "through the pipe\n" : "");
    EXPECT_TRUE(fs::is_fifo(fifo)) << "the pipe is still a pipe";
    EXPECT_TRUE(jobs::checkOutputFile("/dev/null").ok());
}

TEST(OutputFile, FoldersAndMissingFoldersAreRefusedWithoutTouchingAnything) {
    TempDir dir;
    auto folder = jobs::checkOutputFile(dir.path());
    ASSERT_FALSE(folder.ok());
    EXPECT_NE(folder.error().message.find("is a folder"), std::string::npos)
        << folder.error().message;
    EXPECT_FALSE(jobs::writeFileAtomically(dir.path(), "x").ok());

    const fs::path missing = dir / "no such folder" / "talk.json";
    auto gone = jobs::checkOutputFile(missing);
    ASSERT_FALSE(gone.ok());
    EXPECT_NE(gone.error().message.find((dir / "no such folder").string() + " does not exist"),
              std::string::npos)
        << gone.error().message;
    EXPECT_FALSE(jobs::writeFileAtomically(missing, "x").ok());

    writeText(dir / "plain", "a file");
    auto notFolder = jobs::checkOutputFile(dir / "plain" / "talk.json");
    ASSERT_FALSE(notFolder.ok());
    EXPECT_NE(notFolder.error().message.find("is not a folder"), std::string::npos);

    EXPECT_FALSE(jobs::checkOutputFile("").ok());
    EXPECT_EQ(entriesIn(dir.path()), 1u);
    EXPECT_EQ(readFile(dir / "plain"), "a file");
}

TEST(OutputFile, AFolderThatCannotBeWrittenInIsRefused) {
    if (::geteuid() == 0) GTEST_SKIP() << "root can write in any folder";
    TempDir dir;
    fs::create_directory(dir / "locked");
    fs::permissions(dir / "locked", fs::perms::owner_read | fs::perms::owner_exec);
    auto st = jobs::checkOutputFile(dir / "locked" / "notes.csv");
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("cannot write in"), std::string::npos);
}

TEST(OutputFile, TheLibraryAndRecordingsAreNeverWrittenOverByAnyName) {
    TempDir dir;
    writeText(dir / "library.sqlite", "SQLite format 3");
    writeText(dir / "library.sqlite-wal", "wal");
    writeText(dir / "lesson.mp4", "video");
    jobs::OutputRules rules;
    rules.keep = jobs::libraryFiles(dir / "library.sqlite");
    rules.keep.push_back({dir / "lesson.mp4", "the recording of “Fractions”"});
    fs::create_symlink("lesson.mp4", dir / "notes.csv");
    fs::create_directory(dir / "sub");
    const std::vector<std::pair<fs::path, std::string>> refused = {
        {dir / "library.sqlite", "is the library"},
        {dir / "library.sqlite-wal", "is part of the library"},
        {dir / "lesson.mp4", "is the recording of “Fractions”"},
        {dir / "notes.csv", "is the recording of “Fractions”"},  // through a link
        {dir / "sub" / ".." / "library.sqlite", "is the library"},  // by another name
    };
    for (const auto& [target, why] : refused) {
        auto st = jobs::writeFileAtomically(target, "a,b\n", rules);
        ASSERT_FALSE(st.ok()) << target;
        EXPECT_NE(st.error().message.find(why), std::string::npos) << st.error().message;
        EXPECT_NE(st.error().message.find("Choose another file name"), std::string::npos);
        EXPECT_FALSE(jobs::checkOutputFile(target, rules).ok()) << target;
    }
    EXPECT_EQ(readFile(dir / "library.sqlite"), "SQLite format 3");
    EXPECT_EQ(readFile(dir / "library.sqlite-wal"), "wal");
    EXPECT_EQ(readFile(dir / "lesson.mp4"), "video");
    // Other files, new or not, are written as usual.
    EXPECT_TRUE(jobs::writeFileAtomically(dir / "report.html", "<p>", rules).ok());
    EXPECT_TRUE(jobs::writeFileAtomically(dir / "library.csv", "x", rules).ok());
}

TEST(OutputFile, UnderReplaceLinksALinkIsReplacedAndWhatItLedToIsUntouched) {
    // A shared folder others can write in: a link planted under our pack's name must not make
    // the sync write over one of this person's files.
    TempDir dir;
    fs::create_directory(dir / "shared");
    writeText(dir / "thesis.odt", "mine");
    fs::create_symlink(dir / "thesis.odt", dir / "shared" / "me.llpack");
    jobs::OutputRules rules;
    rules.replaceLinks = true;
    ASSERT_TRUE(jobs::writeFileAtomically(dir / "shared" / "me.llpack", "{pack}", rules).ok());
    EXPECT_FALSE(fs::is_symlink(dir / "shared" / "me.llpack"));
    EXPECT_EQ(readFile(dir / "shared" / "me.llpack"), "{pack}");
    EXPECT_EQ(readFile(dir / "thesis.odt"), "mine");
    // A link to a pipe is replaced too, never written into.
    ::mkfifo((dir / "fifo").c_str(), 0600);
    fs::create_symlink(dir / "fifo", dir / "shared" / "other.llpack");
    ASSERT_TRUE(jobs::writeFileAtomically(dir / "shared" / "other.llpack", "{p}", rules).ok());
    EXPECT_EQ(readFile(dir / "shared" / "other.llpack"), "{p}");
}
