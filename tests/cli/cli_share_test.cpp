// export / pack / sync / round through the real binary.

#include <fstream>

#include "cli_fixture.h"

using namespace ll::test;
using nlohmann::json;

class CliShare : public CliTest {
protected:
    void SetUp() override {
        m_clip = addLesson();
        for (auto [at, who, text, extra] :
             {std::tuple{"1", "Ana", "Shared, with \"quotes\"\nand a second line", ""},
              std::tuple{"2", "Ana", "Only for me", "--private"},
              std::tuple{"3", "Ben", "Ben's view", ""}}) {
            std::vector<std::string> args = {"comment", "add", m_clip, "--at", at, "--author", who,
                                             "--text", text, "--tag", "focus"};
            if (*extra) args.push_back(extra);
            ASSERT_EQ(cli(args).exitCode, 0);
        }
    }
    std::string m_clip;
};

TEST_F(CliShare, ExportsLeavePrivateCommentsOutUnlessAsked) {
    for (const char* f : {"csv", "json", "vtt", "srt", "eaf", "html"}) {
        auto out = m_dir / (std::string("x.") + f);
        auto r = cli({"export", m_clip, "--format", f, "--out", out.string()});
        ASSERT_EQ(r.exitCode, 0) << f << ": " << r.err;
        std::string text = readFile(out);
        EXPECT_NE(text.find("Ben"), std::string::npos) << f;
        EXPECT_EQ(text.find("Only for me"), std::string::npos) << f;
        // The person exporting is told why the file holds 2 of the 3 comments they see.
        EXPECT_NE((r.out + r.err).find("(2 comments; 1 private comment stays on this computer)"), std::string::npos)
            << r.out << r.err;
    }
    auto out = m_dir / "all.csv";
    auto all = cli({"export", m_clip, "--format", "csv", "--out", out.string(), "--include-private"});
    ASSERT_EQ(all.exitCode, 0);
    EXPECT_NE(readFile(out).find("Only for me"), std::string::npos);
    EXPECT_NE((all.out + all.err).find("(3 comments, private ones included)"), std::string::npos) << all.out;
    auto ben = cli({"export", m_clip, "--format", "csv", "--out", out.string(), "--reviewer", "Ben"});
    ASSERT_EQ(ben.exitCode, 0);
    EXPECT_EQ(readFile(out).find("Ana"), std::string::npos);
    EXPECT_NE((ben.out + ben.err).find("(1 comment)"), std::string::npos) << ben.out << "Ben has no private notes";
    auto bad = cli({"export", m_clip, "--format", "docx", "--out", out.string()});
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.err.find("not an export format"), std::string::npos);
    auto rttm = cli({"export", m_clip, "--format", "rttm", "--out", out.string()});
    EXPECT_NE(rttm.exitCode, 0);
    EXPECT_NE(rttm.err.find("analyse it first"), std::string::npos);
}

// A reply answers, and often quotes, the note it is under: a reply to a private note stays on
// this computer with it, in exports and packs, even when added without --private.
TEST_F(CliShare, RepliesToAPrivateNoteStayWithIt) {
    auto listed = cli({"--json", "comment", "list", m_clip});
    ASSERT_EQ(listed.exitCode, 0) << listed.err;
    std::string privateId;
    for (const auto& c : json::parse(listed.out))
        if (c["text"] == "Only for me") privateId = c["id"];
    ASSERT_FALSE(privateId.empty()) << listed.out;
    ASSERT_EQ(cli({"comment", "add", m_clip, "--at", "2.5", "--author", "Ana", "--reply-to", privateId, "--text",
                   "MY-OWN-REPLY"})
                  .exitCode,
              0);
    for (const char* f : {"csv", "json", "html"}) {
        auto out = m_dir / (std::string("r.") + f);
        auto r = cli({"export", m_clip, "--format", f, "--out", out.string()});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_EQ(readFile(out).find("MY-OWN-REPLY"), std::string::npos) << f;
        EXPECT_NE((r.out + r.err).find("(2 comments; 2 private comments stay on this computer)"), std::string::npos)
            << r.out << r.err;
    }
    auto pack = m_dir / "ana.llpack";
    ASSERT_EQ(cli({"pack", "export", m_clip, "--reviewer", "Ana", "--out", pack.string()}).exitCode, 0);
    EXPECT_EQ(readFile(pack).find("MY-OWN-REPLY"), std::string::npos);
    auto all = m_dir / "all.csv";
    ASSERT_EQ(cli({"export", m_clip, "--format", "csv", "--out", all.string(), "--include-private"}).exitCode, 0);
    EXPECT_NE(readFile(all).find("MY-OWN-REPLY"), std::string::npos);
}

TEST_F(CliShare, ExportsGoIntoAPipeAndRefuseAMissingFolderUpFront) {
    // `--out /dev/stdout` feeds another program: the notes on stdout, the "Wrote" note on stderr.
    auto piped = cli({"export", m_clip, "--format", "csv", "--out", "/dev/stdout"});
    ASSERT_EQ(piped.exitCode, 0) << piped.err;
    EXPECT_NE(piped.out.find("Ben's view"), std::string::npos) << piped.out;
    EXPECT_EQ(piped.out.find("Wrote"), std::string::npos) << piped.out;
    EXPECT_NE(piped.err.find("Wrote /dev/stdout"), std::string::npos) << piped.err;
    // A link to a report stays a link; the file it leads to gets the notes.
    std::ofstream(m_dir / "room12.csv") << "old";
    std::filesystem::create_symlink("room12.csv", m_dir / "latest.csv");
    ok({"export", m_clip, "--format", "csv", "--out", (m_dir / "latest.csv").string()});
    EXPECT_TRUE(std::filesystem::is_symlink(m_dir / "latest.csv"));
    EXPECT_NE(readFile(m_dir / "room12.csv").find("Ben's view"), std::string::npos);
    for (std::vector<std::string> args :
         {std::vector<std::string>{"export", m_clip, "--format", "csv"},
          std::vector<std::string>{"pack", "export", m_clip, "--reviewer", "Ana"}}) {
        args.push_back("--out");
        args.push_back((m_dir / "Reports" / "x").string());
        auto r = cli(args);
        EXPECT_EQ(r.exitCode, 1) << args[0];
        EXPECT_NE(r.err.find("--out: the folder " + (m_dir / "Reports").string() + " does not exist"),
                  std::string::npos)
            << r.err;
    }
}

TEST_F(CliShare, NoOutputReplacesTheLibraryOrARecording) {
    // A slip of the tab key (`--out library.sqlite`) must not cost every comment, nor the video.
    const std::string video = readFile(lessonPath());
    std::filesystem::create_symlink(lessonPath(), m_dir / "frame.png");
    const std::string lib = db().string(), media = lessonPath().string();
    const std::string linked = (m_dir / "frame.png").string();
    const std::string outside = (m_dir / "not-in-the-library.mp4").string();
    std::filesystem::copy_file(lessonPath(), outside);
    struct Case {
        std::vector<std::string> args;
        std::string why;
    };
    for (const Case& c : std::vector<Case>{
             {{"export", m_clip, "--format", "csv", "--out", lib}, "is the library"},
             {{"export", m_clip, "--format", "csv", "--out", media}, "is the recording of"},
             {{"pack", "export", m_clip, "--reviewer", "Ana", "--out", lib}, "is the library"},
             {{"analyze", media, "--json", media}, "is the recording"},
             {{"analyze", m_clip, "--rttm", lib}, "is the library"},
             {{"frame", media, "--at", "1", "--out", linked}, "is the recording"},
             {{"frame", m_clip, "--at", "1", "--out", lib}, "is the library"},
             {{"frame", m_clip, "--at", "1", "--out", media}, "is the recording"},
             // Another file's frame over a lesson's recording: the library says what it is.
             {{"frame", outside, "--at", "1", "--out", media}, "is the recording of"},
         }) {
        auto r = cli(c.args);
        EXPECT_EQ(r.exitCode, 1) << c.args[0] << " " << c.args.back();
        EXPECT_NE(r.err.find(c.why), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("Choose another file name"), std::string::npos) << r.err;
    }
    EXPECT_EQ(readFile(lessonPath()), video);
    EXPECT_EQ(runJson({"comment", "list", m_clip}).size(), 3u) << "the library still opens";
}

TEST_F(CliShare, SyncReplacesALinkPlantedUnderItsPackNameAndWritesNothingElse) {
    auto folder = m_dir / "shared";
    std::filesystem::create_directory(folder);
    ASSERT_EQ(cli({"sync", folder.string(), "--reviewer", "Ana"}).exitCode, 0);
    std::filesystem::path own;
    for (const auto& e : std::filesystem::directory_iterator(folder)) own = e.path();
    std::filesystem::remove(own);
    std::ofstream(m_dir / "thesis.txt") << "mine";
    std::filesystem::create_symlink(m_dir / "thesis.txt", own);
    auto r = cli({"sync", folder.string(), "--reviewer", "Ana"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(readFile(m_dir / "thesis.txt"), "mine");
    EXPECT_FALSE(std::filesystem::is_symlink(own));
    EXPECT_NE(readFile(own).find("Shared, with"), std::string::npos);
}

TEST_F(CliShare, PackImportIntoAnotherLibraryIsIdempotent) {
    auto pack = m_dir / "ana.llpack";
    ASSERT_EQ(cli({"pack", "export", m_clip, "--reviewer", "Ana", "--out", pack.string()}).exitCode, 0);
    EXPECT_EQ(readFile(pack).find("Only for me"), std::string::npos);
    std::string other = (m_dir / "coach.sqlite").string();
    auto first = cli({"pack", "import", pack.string(), "--db", other});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_NE(first.out.find("1 new"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("not on this machine yet"), std::string::npos) << first.out;
    auto again = cli({"pack", "import", pack.string(), "--db", other});
    EXPECT_NE(again.out.find("0 new, 0 updated, 1 already here"), std::string::npos) << again.out;
    // The video arrives on the coach's machine: same clip, the note is already there.
    auto add = cli({"add", lessonPath().string(), "--db", other});
    EXPECT_EQ(add.lastLine(), m_clip);
    auto list = cli({"comment", "list", m_clip, "--json", "--db", other});
    auto comments = json::parse(list.out);
    ASSERT_EQ(comments.size(), 1u);
    EXPECT_EQ(comments[0]["text"], "Shared, with \"quotes\"\nand a second line");
}

TEST_F(CliShare, DamagedPackIsRefusedWhole) {
    auto pack = m_dir / "ana.llpack";
    ASSERT_EQ(cli({"pack", "export", m_clip, "--reviewer", "Ana", "--out", pack.string()}).exitCode, 0);
    std::string text = readFile(pack);
    writeFile(pack, text.substr(0, text.size() - 40));
    std::string before = readFile(db());
    auto r = cli({"pack", "import", pack.string()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(db()), before);
    auto missing = cli({"pack", "import", (m_dir / "nope.llpack").string()});
    EXPECT_NE(missing.exitCode, 0);
}

TEST_F(CliShare, SyncThroughASharedFolder) {
    auto folder = m_dir / "shared";
    std::filesystem::create_directory(folder);
    ASSERT_EQ(cli({"sync", folder.string(), "--reviewer", "Ana"}).exitCode, 0);
    std::string other = (m_dir / "ben.sqlite").string();
    ASSERT_EQ(cli({"add", lessonPath().string(), "--db", other}).exitCode, 0);
    ASSERT_EQ(cli({"comment", "add", m_clip, "--at", "4", "--author", "Zed", "--text", "from Zed", "--db", other}).exitCode, 0);
    auto r = cli({"sync", folder.string(), "--reviewer", "Zed", "--db", other});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(json::parse(cli({"comment", "list", m_clip, "--json", "--db", other}).out).size(), 2u);
    ASSERT_EQ(cli({"sync", folder.string(), "--reviewer", "Ana"}).exitCode, 0);
    EXPECT_EQ(runJson({"comment", "list", m_clip, "--author", "Zed"}).size(), 1u);
    size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(folder)) files += e.path().extension() == ".llpack";
    EXPECT_EQ(files, 2u);  // one per reviewer
}

TEST_F(CliShare, RoundsGroupClipsAndReport) {
    auto made = cli({"round", "create", "Grade 4 rounds", "--focus", "How do students explain their reasoning?"});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    std::string round = made.lastLine();
    ASSERT_EQ(round.size(), 36u);
    ASSERT_EQ(cli({"round", "add", round.substr(0, 8), m_clip}).exitCode, 0);
    ASSERT_EQ(cli({"round", "add", round, m_clip}).exitCode, 0);  // twice is harmless
    auto rounds = runJson({"round", "list"});
    ASSERT_EQ(rounds.size(), 1u);
    EXPECT_EQ(rounds[0]["clips"].size(), 1u);
    EXPECT_EQ(rounds[0]["tag"], "focus");
    auto out = m_dir / "round.html";
    ASSERT_EQ(cli({"round", "report", round, "--out", out.string()}).exitCode, 0);
    std::string html = readFile(out);
    EXPECT_NE(html.find("How do students explain their reasoning?"), std::string::npos);
    EXPECT_NE(html.find("Ben&#39;s view"), std::string::npos);
    EXPECT_EQ(html.find("Only for me"), std::string::npos);
    EXPECT_NE(cli({"round", "add", "0000ffff", m_clip}).exitCode, 0);
    EXPECT_NE(cli({"round", "create", "No focus", "--focus", " "}).exitCode, 0);
}
