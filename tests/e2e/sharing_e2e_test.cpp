// Sharing from the real window: File > Export, Import pack, Sync now and the rounds view, driven
// by --script under Xvfb; then the files written and the library are checked.
#include <gtest/gtest.h>

#include <fstream>

#include "e2e_support.h"
#include "store/library.h"
#include "support/temp_dir.h"

namespace ll::e2e {
namespace {
namespace fs = std::filesystem;

class e2eSharing : public ::testing::Test {
protected:
    void SetUp() override {
        if (findProgram("Xvfb").empty()) GTEST_SKIP() << "Xvfb is not installed";
        ASSERT_FALSE(findProgram("ffmpeg").empty()) << "the ffmpeg CLI makes the test clip";
        m_clip = m_tmp / "Room 12.mp4";
        ASSERT_EQ(sh("ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=320x240:rate=25:duration=6 "
                     "-f lavfi -i sine=duration=6 -c:v libx264 -pix_fmt yuv420p -c:a aac " +
                     shellQuote(m_clip.string())),
                  0);
        m_xvfb = Xvfb::start(1280, 800);
        ASSERT_TRUE(m_xvfb) << "could not start Xvfb on a free display";
    }

    int sh(const std::string& cmd, std::string* out = nullptr) {
        std::string log;
        int rc = runShell(cmd + " 2>&1", &log);
        if (out) *out = log;
        if (rc != 0) ADD_FAILURE() << cmd << "\n" << log;
        return rc;
    }
    std::string cli(const fs::path& db) {
        return shellQuote(std::string(LL_BIN_DIR) + "/lessonlens-cli") + " --db " + shellQuote(db.string()) + " ";
    }
    int runApp(const std::string& script, std::string* output) {
        fs::path file = m_tmp / "script.txt";
        std::ofstream(file) << script;
        return runShell(lessonLensCommand(m_tmp.path(), m_xvfb->display(), m_db, file), output);
    }

    test::TempDir m_tmp;
    fs::path m_clip, m_db = m_tmp / "lib.sqlite";
    std::optional<Xvfb> m_xvfb;
};

TEST_F(e2eSharing, ExportImportSyncAndRoundsFromTheApp) {
    // This library: one shared and one private note by Ana.
    const std::string clip = shellQuote(m_clip.string());
    sh(cli(m_db) + "add " + clip);
    sh(cli(m_db) + "comment add " + clip + " --at 1.5 --author Ana --text 'Clear launch, \"why\" question' "
                   "--kind strength --tag questioning");
    sh(cli(m_db) + "comment add " + clip + " --at 2 --author Ana --text 'PRIVATE-ONLY reminder' --private");
    // Ben's notes on the same video, from his own library, as a review pack.
    const fs::path benDb = m_tmp / "ben.sqlite";
    sh(cli(benDb) + "add " + clip);
    sh(cli(benDb) + "comment add " + clip + " --at 4 --author Ben --text 'Students explain with the number line' "
                    "--tag questioning");
    sh(cli(benDb) + "pack export " + clip + " --reviewer Ben --out " + shellQuote((m_tmp / "ben.llpack").string()));
    // Cal shares through the team folder.
    const fs::path share = m_tmp / "team share";
    fs::create_directories(share);
    const fs::path calDb = m_tmp / "cal.sqlite";
    sh(cli(calDb) + "add " + clip);
    sh(cli(calDb) + "comment add " + clip + " --at 5 --author Cal --text 'Wait time after the second question'");
    sh(cli(calDb) + "sync " + shellQuote(share.string()) + " --reviewer Cal");
    // A damaged pack is refused whole.
    test::writeFile(m_tmp / "broken.llpack", "{\"format\": \"lessonlens-review-pack\", \"version\": 1, \"clips\": [");

    const fs::path out = m_tmp / "out";
    fs::create_directories(out);
    std::string script =
        "open " + clip + "\n"
        "export html " + shellQuote((out / "notes.html").string()) + "\n"
        "export csv " + shellQuote((out / "all.csv").string()) + " --include-private\n"
        "export vtt " + shellQuote((out / "captions.vtt").string()) + "\n"
        "import-pack " + shellQuote((m_tmp / "broken.llpack").string()) + "\n"
        "import-pack " + shellQuote((m_tmp / "ben.llpack").string()) + "\n"
        "set-sync-folder " + shellQuote(share.string()) + "\n"
        "sync-now\n"
        "round-create \"Grade 4 rounds\" --focus \"How do students explain their reasoning?\" --tag questioning\n"
        "round-add\n"
        "wait 0.5\n"
        "screenshot " + shellQuote((m_tmp / "rounds.png").string()) + "\n"
        "round-report " + shellQuote((out / "round.html").string()) + "\n"
        "export-dialog\n"
        "screenshot " + shellQuote((m_tmp / "export.png").string()) + "\n"
        "quit\n";
    std::string output;
    ASSERT_EQ(runApp(script, &output), 0) << output;

    // Exports: shared notes only unless asked; everyone's notes in the library at that moment.
    const std::string html = test::readFile(out / "notes.html");
    EXPECT_NE(html.find("Clear launch"), std::string::npos);
    EXPECT_EQ(html.find("PRIVATE-ONLY"), std::string::npos) << "a private note left the machine";
    EXPECT_NE(html.find("data:image/png;base64,"), std::string::npos) << "thumbnails in the report";
    EXPECT_NE(test::readFile(out / "all.csv").find("PRIVATE-ONLY"), std::string::npos);
    EXPECT_NE(test::readFile(out / "captions.vtt").find("WEBVTT"), std::string::npos);
    // The broken pack was refused with a message a teacher can act on.
    EXPECT_NE(output.find("broken.llpack"), std::string::npos) << output;

    auto lib = store::Library::open(m_db);
    ASSERT_TRUE(lib) << lib.error().describe();
    auto c = (*lib)->clips().list();
    ASSERT_TRUE(c);
    ASSERT_EQ(c->size(), 1u);
    auto comments = (*lib)->comments().list(c->front().id, {});
    ASSERT_TRUE(comments);
    std::string texts;
    for (const auto& k : *comments) texts += k.text + "\n";
    EXPECT_NE(texts.find("number line"), std::string::npos) << "Ben's pack was imported\n" << texts;
    EXPECT_NE(texts.find("second question"), std::string::npos) << "Cal's pack came in by sync\n" << texts;
    EXPECT_EQ(comments->size(), 4u) << texts;

    // Sync wrote this reviewer's pack beside Cal's.
    int packs = 0;
    for (const auto& e : fs::directory_iterator(share)) packs += e.path().extension() == ".llpack";
    EXPECT_EQ(packs, 2);
    // The round holds the lesson, and the report shows the focus.
    auto rounds = (*lib)->rounds().list();
    ASSERT_TRUE(rounds);
    ASSERT_EQ(rounds->size(), 1u);
    EXPECT_EQ(rounds->front().focusTag, "questioning");
    EXPECT_EQ(rounds->front().clipIds, std::vector<Id>{c->front().id});
    const std::string report = test::readFile(out / "round.html");
    EXPECT_NE(report.find("How do students explain their reasoning?"), std::string::npos);
    EXPECT_NE(report.find("number line"), std::string::npos) << "focus-tagged notes in the report";

    for (const char* png : {"rounds.png", "export.png"}) {
        auto shot = readPng(m_tmp / png);
        ASSERT_TRUE(shot) << png;
        EXPECT_GT(lumaStdDev(*shot), 12.0) << png << " looks blank";
    }
    // Settings remember the shared folder.
    EXPECT_NE(test::readFile(m_tmp / "config" / "lessonlens" / "settings.json").find("team share"), std::string::npos);
}

TEST_F(e2eSharing, ExportWithoutALessonOrToAFolderFailsClearly) {
    std::string output;
    std::string script = "export csv " + shellQuote((m_tmp / "x.csv").string()) + "\nquit\n";
    EXPECT_EQ(runApp(script, &output), 1) << output;
    EXPECT_NE(output.find("open a lesson before exporting"), std::string::npos) << output;
    script = "open " + shellQuote(m_clip.string()) + "\nexport csv " + shellQuote(m_tmp.path().string()) +
             "\nimport-pack " + shellQuote((m_tmp / "missing.llpack").string()) + "\nquit\n";
    EXPECT_EQ(runApp(script, &output), 1) << output;
    EXPECT_NE(output.find("is a folder"), std::string::npos) << output;
    EXPECT_NE(output.find("missing.llpack"), std::string::npos) << output;
    EXPECT_FALSE(fs::exists(m_tmp / "x.csv"));
}

// Lessons that have no talk time yet are analysed from the rounds view (a round's) and from the
// library (all of them), one after another on a worker thread, without opening them; a lesson
// whose file has moved is left out and said to be so.
TEST_F(e2eSharing, TheRoundsViewAndTheLibraryAnalyseTheLessonsNotAnalysedYet) {
    const fs::path other = m_tmp / "Room 14.mp4", moved = m_tmp / "Room 15.mp4", outside = m_tmp / "Room 16.mp4";
    for (const auto& [file, hz] : {std::pair{other, 440}, std::pair{moved, 550}, std::pair{outside, 660}}) {
        sh("ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=320x240:rate=25:duration=5 -f lavfi -i "
           "sine=frequency=" + std::to_string(hz) + ":duration=5 -c:v libx264 -pix_fmt yuv420p -c:a aac " +
           shellQuote(file.string()));
    }
    std::string created;
    sh(cli(m_db) + "round create 'Grade 4 rounds' --focus 'How do students explain their reasoning?'", &created);
    const std::string round = created.substr(created.find_last_not_of("\n") - 35, 36);
    for (const auto& file : {m_clip, other, moved}) {
        sh(cli(m_db) + "add " + shellQuote(file.string()));
        sh(cli(m_db) + "round add " + round + " " + shellQuote(file.string()));
    }
    sh(cli(m_db) + "add " + shellQuote(outside.string()));  // in the library, in no round
    // A silent camera clip: no sound track, so never offered for analysis.
    const fs::path silent = m_tmp / "Room 17.mp4";
    sh("ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=320x240:rate=25:duration=3 -c:v libx264 "
       "-pix_fmt yuv420p " + shellQuote(silent.string()));
    sh(cli(m_db) + "add " + shellQuote(silent.string()));
    sh(cli(m_db) + "analyze " + shellQuote(m_clip.string()));
    fs::rename(moved, m_tmp / "elsewhere.mp4");

    const fs::path roundShot = m_tmp / "round.png", libraryShot = m_tmp / "library.png";
    std::string output;
    ASSERT_EQ(runApp("rounds\n"
                     "round-analyze\n"
                     "screenshot " + shellQuote(roundShot.string()) + "\n"
                     "round-analyze\n"
                     "library\n"
                     "library-analyze\n"
                     "screenshot " + shellQuote(libraryShot.string()) + "\n"
                     "library-analyze\n"
                     "quit\n",
                     &output),
              1)
        << output;  // each second analyse has nothing it can do
    EXPECT_NE(output.find("the lessons of this round without talk time have no sound, or no recording on this "
                          "computer"),
              std::string::npos)
        << output;
    EXPECT_NE(output.find("the lessons without talk time have no sound, or no recording on this computer"),
              std::string::npos)
        << output;
    EXPECT_EQ(readScreenshotMeta(roundShot).message, "Analysed talk time in 1 lesson");
    EXPECT_EQ(readScreenshotMeta(libraryShot).message, "Analysed talk time in 1 lesson");
    // Rooms 14 and 16 now have a run; Room 12 kept its one; Rooms 15 and 17 have none.
    auto lib = store::Library::open(m_db);
    ASSERT_TRUE(lib) << lib.error().describe();
    auto clips = (*lib)->clips().list();
    ASSERT_TRUE(clips);
    ASSERT_EQ(clips->size(), 5u);
    for (const auto& c : *clips) {
        auto runs = (*lib)->analyses().runs(c.id);
        ASSERT_TRUE(runs) << runs.error().describe();
        EXPECT_EQ(runs->size(), c.title == "Room 15" || c.title == "Room 17" ? 0u : 1u) << c.title;
    }
}

}  // namespace
}  // namespace ll::e2e
