// Bad input gets one clear line on stderr, a non-zero exit, and leaves the library as it was.

#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

#include "cli_fixture.h"

using namespace ll::test;

class CliBadInput : public CliTest {
protected:
    void SetUp() override {
        m_clip = addLesson();
        auto r = cli({"comment", "add", m_clip, "--at", "3", "--author", "Ana", "--text", "kept"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        m_comment = r.lastLine();
    }
    // Runs a command that must fail; checks the message and that the library file is unchanged.
    void expectRefused(std::vector<std::string> args, const std::string& needle,
                       std::map<std::string, std::string> env = {}) {
        std::string before = readFile(db());
        auto r = cli(args, env);
        EXPECT_NE(r.exitCode, 0) << "accepted: " << args[0] << " " << (args.size() > 1 ? args[1] : "");
        EXPECT_NE(r.err.find(needle), std::string::npos) << "stderr: " << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "not one line: " << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
        EXPECT_EQ(readFile(db()), before) << "the library changed";
    }
    std::vector<std::string> addAt(const std::string& at) {
        return {"comment", "add", m_clip, "--at", at, "--author", "Ana", "--text", "x"};
    }
    std::string m_clip, m_comment;
};

TEST_F(CliBadInput, TimesOutsideTheClipNegativeOrMalformed) {
    expectRefused(addAt("0:13"), "after the end of the clip");
    expectRefused(addAt("-2"), "cannot be negative");
    expectRefused(addAt("1:75"), "go up to 59");
    expectRefused(addAt("soon"), "is not a time");
    expectRefused(addAt("99999999999999999999"), "too large");
    expectRefused({"comment", "add", m_clip, "--at", "5", "--to", "4", "--author", "A", "--text",
                   "x"},
                  "must end after it starts");
    expectRefused({"comment", "add", m_clip, "--at", "5", "--to", "30", "--author", "A", "--text",
                   "x"},
                  "after the end of the clip");
}

TEST_F(CliBadInput, UnknownIdsAndEmptyText) {
    expectRefused({"comment", "add", "0000ffff", "--at", "1", "--author", "A", "--text", "x"},
                  "no clip id starts with");
    expectRefused({"comment", "add", "no-such-file.mp4", "--at", "1", "--author", "A", "--text",
                   "x"},
                  "no clip or file");
    expectRefused({"comment", "list", "0000ffff"}, "no clip id starts with");
    expectRefused({"comment", "edit", "0000ffff", "--text", "x"}, "no comment id starts with");
    expectRefused({"comment", "resolve", "not-an-id!"}, "not a comment id");
    expectRefused({"comment", "add", m_clip, "--at", "1", "--author", "A", "--text", ""},
                  "needs some text");
    expectRefused({"comment", "add", m_clip, "--at", "1", "--author", "A", "--text", " \n "},
                  "needs some text");
    expectRefused({"comment", "edit", m_comment, "--text", "   "}, "needs some text");
    expectRefused({"comment", "add", m_clip, "--at", "1", "--author", "  ", "--text", "x"},
                  "needs a name");
    expectRefused({"comment", "add", m_clip, "--at", "1", "--author", "A", "--text", "x", "--kind",
                   "praise"},
                  "not a comment kind");
    expectRefused({"comment", "add", m_clip, "--at", "1", "--author", "A", "--text", "x",
                   "--reply-to", "0000ffff"},
                  "no comment id starts with");
    expectRefused({"comment", "list", m_clip, "--author", "Nobody"}, "no reviewer called");
    expectRefused({"frobnicate"}, "no command");
    // Escape codes would clear or retitle the terminal of whoever lists the comments later.
    expectRefused({"comment", "add", m_clip, "--at", "1", "--author", "A", "--text",
                   "hi\x1b]0;PWNED\x07\x1b[2J"},
                  "control characters");
    expectRefused({"comment", "add", m_clip, "--at", "1", "--author", "Lee\x1b[31m", "--text",
                   "x"},
                  "without control characters");
    expectRefused({"comment", "edit", m_comment, "--text", "a\x01" "b"}, "control characters");
    // Nor does a message that quotes what was typed pass an escape code to the terminal.
    auto echoed = cli({"comment", "list", m_clip, "--author", "Lee\x1b]0;PWNED\x07"});
    EXPECT_NE(echoed.exitCode, 0);
    EXPECT_NE(echoed.err.find("no reviewer called \"Lee ]0;PWNED \""), std::string::npos)
        << echoed.err;
}

TEST_F(CliBadInput, ARefusedCommandDoesNotAddTheFileItNamed) {
    // A new recording is added in the same change as what was asked: if that is refused, the
    // library lists nothing new.
    auto fresh = m_dir / "new.mp4";
    ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i testsrc=duration=3:size=64x48:rate=10 "
                       "-f lavfi -i sine=duration=3 -shortest -c:v libx264 -preset ultrafast "
                       "-c:a aac '" + fresh.string() + "'"),
              0);
    auto silent = m_dir / "silent.mp4";
    ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i testsrc=duration=2:size=64x48:rate=10 "
                       "-c:v libx264 -preset ultrafast '" + silent.string() + "'"),
              0);
    expectRefused({"comment", "add", fresh.string(), "--at", "0:09", "--author", "A", "--text",
                   "x"},
                  "after the end of the clip");
    expectRefused({"comment", "add", fresh.string(), "--at", "1", "--author", "A", "--text", "x",
                   "--reply-to", "0000ffff"},
                  "no comment id starts with");
    expectRefused({"analyze", fresh.string(), "--teacher-hint", "0:09"}, "after the end");
    expectRefused({"analyze", silent.string()}, "has no audio");
    expectRefused({"round", "add", "0000ffff", fresh.string()}, "no round id starts with");
    EXPECT_EQ(runJson({"clips"}).size(), 1u) << "only the lesson added before";
}

TEST_F(CliBadInput, ACopyDamagedInTheMiddleDoesNotTakeTheRecordingsPlace) {
    // Same size, same first and last MiB (so the same fingerprint), different inside.
    auto original = m_dir / "room12.avi";
    ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:duration=5 "
                       "-c:v rawvideo -pix_fmt yuv420p '" + original.string() + "'"),
              0);
    auto damaged = m_dir / "room12-from-the-card.avi";
    std::filesystem::copy_file(original, damaged);
    {
        std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(std::filesystem::file_size(damaged) / 2));
        f << std::string(100'000, '\x55');
    }
    ASSERT_EQ(cli({"add", original.string()}).exitCode, 0);
    expectRefused({"add", damaged.string()}, "but differs inside");
    expectRefused({"analyze", damaged.string()}, "one of them is damaged");
    auto clips = runJson({"clips"});
    for (const auto& c : clips) EXPECT_NE(c["path"], damaged.string());
    // A true copy is the same recording.
    auto copy = m_dir / "room12-copy.avi";
    std::filesystem::copy_file(original, copy);
    EXPECT_EQ(cli({"add", copy.string()}).exitCode, 0);
}

TEST_F(CliBadInput, FilesThatAreNotMedia) {
    writeFile(m_dir / "notes.mp4", "This is a text file with a video name.\n");
    expectRefused({"add", (m_dir / "notes.mp4").string()}, "is not a video or audio file");
    writeFile(m_dir / "empty.mp4", "");
    expectRefused({"add", (m_dir / "empty.mp4").string()}, "empty");
    std::filesystem::create_directory(m_dir / "folder.mp4");
    expectRefused({"add", (m_dir / "folder.mp4").string()}, "folder");
    expectRefused({"add", (m_dir / "missing.mp4").string()}, "missing.mp4");
}

TEST_F(CliBadInput, AnotherProgramsDatabaseIsRefusedAndUntouched) {
    auto foreign = m_dir / "grades.db";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE grades (student TEXT, mark INT)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    std::string before = readFile(foreign);
    for (auto args : std::vector<std::vector<std::string>>{
             {"clips", "--db", foreign.string()},
             {"add", lessonPath().string(), "--db", foreign.string()}}) {
        auto r = cli(args);
        EXPECT_NE(r.exitCode, 0);
        EXPECT_NE(r.err.find("not a LessonLens library"), std::string::npos) << r.err;
    }
    EXPECT_EQ(readFile(foreign), before);
    writeFile(m_dir / "random.bin", std::string(8192, '\x5a'));
    auto r = cli({"clips", "--db", (m_dir / "random.bin").string()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("not a LessonLens library"), std::string::npos) << r.err;
}

TEST_F(CliBadInput, ReadOnlyLibraryCanBeListedButNotChanged) {
    chmod(db().c_str(), 0444);
    expectRefused(addAt("2"), "read-only");
    expectRefused({"comment", "delete", m_comment}, "read-only");
    auto r = cli({"comment", "list", m_clip, "--json"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("kept"), std::string::npos);
    chmod(db().c_str(), 0644);
}

TEST_F(CliBadInput, LibraryLockedByAnotherWriterTimesOut) {
    sqlite3* holder = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &holder), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    auto r = cli(addAt("2"), {{"LESSONLENS_BUSY_TIMEOUT_MS", "300"}});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("busy"), std::string::npos) << r.err;
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    auto list = runJson({"comment", "list", m_clip});
    EXPECT_EQ(list.size(), 1u);
    EXPECT_EQ(cli(addAt("2")).exitCode, 0);  // works once the other writer is done
}

TEST_F(CliBadInput, DamagedFloatSoundIsAnalysedWithNumbersForConfidence) {
    // A float WAV whose bytes are partly garbage decodes to samples like 3e38 among the talk.
    auto wav = m_dir / "damaged-float.wav";
    ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i 'aevalsrc=if(eq(mod(n\\,997)\\,0)\\,3e38\\,"
                       "0.3*sin(2*PI*180*t)*(0.5+0.5*sin(2*PI*4*t))):s=16000:d=6' "
                       "-c:a pcm_f32le '" + wav.string() + "'"),
              0);
    auto r = cli({"analyze", wav.string(), "--json", (m_dir / "talk.json").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto doc = nlohmann::json::parse(readFile(m_dir / "talk.json"));
    ASSERT_FALSE(doc["segments"].empty());
    for (const auto& s : doc["segments"]) {
        ASSERT_TRUE(s["confidence"].is_number()) << s.dump();
        EXPECT_GE(s["confidence"].get<double>(), 0.0);
        EXPECT_LE(s["confidence"].get<double>(), 1.0);
    }
    // What was stored reads back the same.
    auto talk = runJson({"talk", wav.string()});
    EXPECT_EQ(talk["segments"].size(), doc["segments"].size());
}
