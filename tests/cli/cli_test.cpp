#include <set>
#include <thread>

#include "cli_fixture.h"

using namespace ll::test;
using nlohmann::json;

class Cli : public CliTest {};

TEST_F(Cli, VersionAndHelp) {
    auto r = cli({"--version"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("lessonlens-cli 0."), std::string::npos);
    EXPECT_EQ(cli({"--help"}).exitCode, 0);
    auto none = cli({});
    EXPECT_NE(none.exitCode, 0);
    EXPECT_NE(none.err.find("Subcommands"), std::string::npos);
}

TEST_F(Cli, AddPrintsTheIdLastAndTheSameContentKeepsItsId) {
    std::string id = addLesson();
    EXPECT_EQ(id.size(), 36u);
    std::filesystem::copy_file(lessonPath(), m_dir / "copy on a stick.mp4");
    auto again = cli({"add", (m_dir / "copy on a stick.mp4").string(), "--title", "Period 3"});
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(again.lastLine(), id);
    EXPECT_NE(again.out.find("Already in the library"), std::string::npos);
    json clips = runJson({"clips"});
    ASSERT_EQ(clips.size(), 1u);
    EXPECT_EQ(clips[0]["id"], id);
    EXPECT_EQ(clips[0]["title"], "Period 3");
    EXPECT_NEAR(clips[0]["duration"].get<double>(), 12.0, 0.1);
    ASSERT_EQ(clips[0]["streams"].size(), 2u);
    EXPECT_EQ(clips[0]["streams"][0]["type"], "video");
    EXPECT_EQ(clips[0]["streams"][0]["width"], 160);
    EXPECT_EQ(clips[0]["streams"][1]["sample_rate"], 44100);
}

TEST_F(Cli, ProbeFrameAndCheckTakeAClipIdAndSayWhenItsFileMoved) {
    const auto file = m_dir / "period 3.mp4";
    std::filesystem::copy_file(lessonPath(), file);
    auto added = cli({"add", file.string()});
    ASSERT_EQ(added.exitCode, 0) << added.err;
    const std::string id = added.lastLine().substr(0, 8);
    const auto png = m_dir / "still.png";
    ok({"frame", id, "--at", "3", "--out", png.string()});
    EXPECT_EQ(readFile(png).substr(1, 3), "PNG");
    EXPECT_EQ(ok({"probe", id}).rfind(file.string(), 0), 0u);
    ok({"check", id});

    std::filesystem::rename(file, m_dir / "renamed.mp4");
    auto moved = cli({"frame", id, "--at", "3", "--out", png.string()});
    EXPECT_EQ(moved.exitCode, 1);
    EXPECT_NE(moved.err.find("is not at " + file.string() + " any more; open or add the file again"),
              std::string::npos)
        << moved.err;
    // A prefix that matches nothing is named as such; with no library, none is created.
    EXPECT_NE(cli({"probe", "abcdef12"}).err.find("no clip id starts with"), std::string::npos);
    const auto nowhere = m_dir / "no library.sqlite";
    auto none = cli({"--db", nowhere.string(), "probe", id});
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_FALSE(std::filesystem::exists(nowhere));
}

TEST_F(Cli, ClipsListsReadableText) {
    EXPECT_NE(ok({"clips"}).find("no clips yet"), std::string::npos);
    addLesson();
    std::string text = ok({"clips"});
    EXPECT_NE(text.find("lesson"), std::string::npos);
    EXPECT_NE(text.find("0:12"), std::string::npos);
}

TEST_F(Cli, DbOptionOverridesTheEnvironment) {
    auto other = m_dir / "other.sqlite";
    auto r = cli({"add", lessonPath().string(), "--db", other.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(other));
    EXPECT_FALSE(std::filesystem::exists(db()));
    // Nor does any other empty value mean "not given".
    for (std::vector<std::string> args :
         {std::vector<std::string>{"comment", "add", lessonPath().string(), "--at", "1", "--to",
                                   "", "--author", "A", "--text", "x"},
          std::vector<std::string>{"round", "create", "Rounds", "--focus", "F", "--tag", ""},
          std::vector<std::string>{"analyze", lessonPath().string(), "--teacher-hint", ""}}) {
        auto r = cli(args);
        EXPECT_EQ(r.exitCode, 2) << args[0];
        EXPECT_NE(r.err.find("give it a value (it was empty)"), std::string::npos) << r.err;
    }
    // An empty --db (an unset variable in a script) is refused, not read as the default.
    auto empty = cli({"clips", "--db", ""});
    EXPECT_NE(empty.exitCode, 0);
    EXPECT_NE(empty.err.find("name the library file"), std::string::npos) << empty.err;
}

TEST_F(Cli, CommentsRoundTripThroughJson) {
    std::string clip = addLesson();
    std::string a = cli({"comment", "add", clip.substr(0, 8), "--at", "0:05", "--author", "Ana",
                         "--text", "Great wait time", "--kind", "strength", "--tag", "wait-time",
                         "--tag", "questioning"})
                        .lastLine();
    std::string b = cli({"comment", "add", lessonPath().string(), "--at", "1.5", "--to", "0:09.25",
                         "--author", "Ben", "--text", "A long stretch", "--kind", "question",
                         "--private"})
                        .lastLine();
    std::string c = cli({"comment", "add", clip, "--at", "5", "--author", "Ben", "--text",
                         "Agreed!", "--reply-to", a.substr(0, 8)})
                        .lastLine();
    json list = runJson({"comment", "list", clip});
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0]["id"], b);  // time order
    EXPECT_DOUBLE_EQ(list[0]["start"].get<double>(), 1.5);
    EXPECT_DOUBLE_EQ(list[0]["end"].get<double>(), 9.25);
    EXPECT_EQ(list[0]["private"], true);
    EXPECT_EQ(list[0]["kind"], "question");
    EXPECT_EQ(list[1]["id"], a);
    EXPECT_TRUE(list[1]["end"].is_null());
    EXPECT_EQ(list[1]["author"], "Ana");
    EXPECT_EQ(list[1]["tags"], json::array({"questioning", "wait-time"}));
    EXPECT_EQ(list[2]["parent"], a);
    for (const char* key : {"id", "start", "end", "author", "text", "kind", "tags", "private",
                            "parent", "resolved", "created_at", "updated_at"}) {
        EXPECT_TRUE(list[0].contains(key)) << key;
    }
    EXPECT_EQ(runJson({"comment", "list", clip, "--author", "Ben"}).size(), 2u);
    EXPECT_EQ(runJson({"comment", "list", clip, "--tag", "wait-time"}).size(), 1u);
    EXPECT_EQ(runJson({"comment", "list", clip, "--kind", "question"}).size(), 1u);
}

TEST_F(Cli, EditResolveAndDeleteLeaveATombstone) {
    std::string clip = addLesson();
    std::string id = cli({"comment", "add", clip, "--at", "2", "--author", "Ana", "--text", "draft"})
                         .lastLine();
    ok({"comment", "edit", id.substr(0, 8), "--text", "final words"});
    ok({"comment", "resolve", id});
    json list = runJson({"comment", "list", clip});
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["text"], "final words");
    EXPECT_EQ(list[0]["resolved"], true);
    EXPECT_GT(list[0]["updated_at"].get<std::string>(), list[0]["created_at"].get<std::string>());
    ok({"comment", "resolve", id, "--reopen"});
    EXPECT_EQ(runJson({"comment", "list", clip})[0]["resolved"], false);
    ok({"comment", "delete", id});
    EXPECT_TRUE(runJson({"comment", "list", clip}).empty());
    // The row stays as a tombstone, so a shared copy can learn of the deletion.
    auto again = cli({"comment", "delete", id});
    EXPECT_NE(again.exitCode, 0);
}

TEST_F(Cli, TextIsStoredByteExact) {
    std::string clip = addLesson();
    const std::vector<std::string> texts = {
        "Wait time 0.8 s 😬 — try three seconds",
        "She asked \"why?\" and he said 'because'",
        "first line\nsecond line\n\tindented",
        "'); DROP TABLE comments; --",
        "先生の質問 · Grüße · مرحبا",
        "  spaces kept  ",
    };
    for (size_t i = 0; i < texts.size(); ++i) {
        auto r = cli({"comment", "add", clip, "--at", std::to_string(i), "--author", "Zoë 🍎",
                      "--text", texts[i]});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    json list = runJson({"comment", "list", clip});
    ASSERT_EQ(list.size(), texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
        EXPECT_EQ(list[i]["text"].get<std::string>(), texts[i]);
        EXPECT_EQ(list[i]["author"].get<std::string>(), "Zoë 🍎");
    }
    // Text mode shows every line too.
    std::string text = ok({"comment", "list", clip});
    EXPECT_NE(text.find("second line"), std::string::npos);
}

TEST_F(Cli, TwoProcessesWritingAtOnceLoseNothing) {
    std::string clip = addLesson();
    constexpr int kEach = 150;
    auto writer = [&](std::string author, int* failures) {
        for (int i = 0; i < kEach; ++i) {
            auto r = cli({"comment", "add", clip, "--at", std::to_string(i % 12), "--author",
                          author, "--text", author + " note " + std::to_string(i)});
            if (r.exitCode != 0) {
                ++*failures;
                ADD_FAILURE() << r.err;
            }
        }
    };
    int failA = 0, failB = 0;
    std::thread a(writer, "Ana", &failA), b(writer, "Ben", &failB);
    a.join();
    b.join();
    EXPECT_EQ(failA + failB, 0);
    json list = runJson({"comment", "list", clip});
    EXPECT_EQ(list.size(), 2u * kEach);
    std::set<std::string> texts;
    for (const auto& c : list) texts.insert(c["text"].get<std::string>());
    EXPECT_EQ(texts.size(), 2u * kEach);
}

TEST_F(Cli, AFileNameThatIsNotUtf8StillMakesATitle) {
    // An old camera's card names files in Latin-1: the title shows what it can.
    auto latin1 = m_dir / "r\xe9union.mp4";
    std::filesystem::copy_file(lessonPath(), latin1);
    auto r = cli({"add", latin1.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto clips = runJson({"clips"});
    ASSERT_EQ(clips.size(), 1u);
    EXPECT_EQ(clips[0]["title"], "r\xEF\xBF\xBDunion");
}
