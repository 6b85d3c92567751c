// analyze / talk through the real binary, on a lesson made by the lesson simulator.

#include <cmath>

#include "cli_fixture.h"

using namespace ll::test;
using nlohmann::json;

class CliTalk : public CliTest {
protected:
    static void SetUpTestSuite() {
        CliTest::SetUpTestSuite();
        auto dir = *s_media / "sim";
        std::string sim = "/usr/bin/python3 '" + std::string(LL_SOURCE_DIR) +
                          "/scripts/lesson_sim/simulate.py' --seed 7 --minutes 1 --preset mixed "
                          "--out '" + dir.string() + "' > /dev/null";
        ASSERT_EQ(runShell(sim), 0) << "the lesson simulator failed";
        // As a phone would hand it over: AAC in an m4a.
        ASSERT_EQ(runShell("ffmpeg -v error -y -i '" + (dir / "lesson.wav").string() +
                           "' -c:a aac -b:a 96k '" + lesson().string() + "'"),
                  0);
    }
    static std::filesystem::path lesson() { return *s_media / "sim" / "lesson.m4a"; }

    std::string analyze() {
        auto r = cli({"analyze", lesson().string(), "--json", (m_dir / "out.json").string(),
                      "--rttm", (m_dir / "out.rttm").string()});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return r.out;
    }
};

TEST_F(CliTalk, AnalyzeAddsTheClipPrintsMetricsAndWritesJsonAndRttm) {
    std::string text = analyze();
    EXPECT_NE(text.find("Teacher talk"), std::string::npos) << text;
    EXPECT_NE(text.find("Wait time after teacher talk"), std::string::npos) << text;
    EXPECT_NE(text.find("Wait time after student talk"), std::string::npos) << text;
    EXPECT_EQ(runJson({"clips"}).size(), 1u);

    json doc = json::parse(readFile(m_dir / "out.json"));
    for (const char* key : {"clip", "run", "segments", "metrics"}) EXPECT_TRUE(doc.contains(key));
    const json& segs = doc["segments"];
    ASSERT_FALSE(segs.empty());
    EXPECT_DOUBLE_EQ(segs.front()["start"].get<double>(), 0.0);
    for (size_t i = 0; i < segs.size(); ++i) {
        EXPECT_LT(segs[i]["start"].get<double>(), segs[i]["end"].get<double>());
        if (i > 0) {
            EXPECT_DOUBLE_EQ(segs[i]["start"].get<double>(), segs[i - 1]["end"].get<double>());
        }
        std::string label = segs[i]["label"];
        EXPECT_TRUE(label == "teacher" || label == "student" || label == "multiple" ||
                    label == "silence")
            << label;
        double c = segs[i]["confidence"];
        EXPECT_TRUE(c >= 0 && c <= 1);
    }
    EXPECT_NEAR(segs.back()["end"].get<double>(), 60.0, 0.2);
    const json& m = doc["metrics"];
    double shares = 0;
    for (const char* l : {"teacher", "student", "multiple", "silence"}) shares += m["share"][l].get<double>();
    EXPECT_NEAR(shares, 1.0, 0.01);
    for (const char* key :
         {"teacher_minutes", "student_minutes", "exchanges", "student_turns", "wait_time",
          "wait_time_after_students", "longest_teacher_stretch", "per_minute"}) {
        EXPECT_TRUE(m.contains(key)) << key;
    }
    // Wait time 2 counts each answer (a student's or several voices') that the teacher follows
    // after silence only: the same pauses the segments show.
    int replies = 0;
    for (size_t i = 0; i + 1 < segs.size(); ++i) {
        const std::string from = segs[i]["label"];
        if (from != "student" && from != "multiple") continue;
        size_t j = i + 1;
        while (j < segs.size() && segs[j]["label"] == "silence") ++j;
        if (j < segs.size() && segs[j]["label"] == "teacher") ++replies;
    }
    const json& replyWaits = m["wait_time_after_students"];
    EXPECT_EQ(replyWaits["count"].get<int>(), replies);
    EXPECT_GE(replyWaits["median_seconds"].get<double>(), 0.0);
    const double longShare = replyWaits["share_3s_or_more"];
    EXPECT_TRUE(longShare >= 0 && longShare <= 1) << longShare;
    const double duration = m["duration"];
    // The AAC track runs a few milliseconds past the minute: that is not a second bar.
    ASSERT_GE(duration, 59.0);
    ASSERT_LT(duration, 61.0);
    EXPECT_EQ(m["per_minute"].size(), 1u);
    double inMinute = 0;
    for (const char* l : {"teacher", "student", "multiple", "silence"}) inMinute += m["per_minute"][0][l].get<double>();
    EXPECT_NEAR(inMinute, duration, 0.01);
    EXPECT_GT(m["share"]["teacher"].get<double>(), 0.2);  // the simulated teacher talks a lot
    // The talk to check first: the segments below the confidence line, silence left out.
    ASSERT_TRUE(m.contains("unsure"));
    const double below = m["unsure"]["below_confidence"];
    EXPECT_GT(below, 0.5);
    EXPECT_LT(below, 1.0);
    int unsure = 0;
    double unsureSeconds = 0;
    for (const auto& s : segs)
        if (s["label"] != "silence" && s["confidence"].get<double>() < below) {
            ++unsure;
            unsureSeconds += s["end"].get<double>() - s["start"].get<double>();
        }
    EXPECT_EQ(m["unsure"]["count"].get<int>(), unsure);
    EXPECT_NEAR(m["unsure"]["seconds"].get<double>(), unsureSeconds, 0.01 * (unsure + 1));
    EXPECT_NE(text.find("Unsure talk to check: "), std::string::npos) << text;

    // RTTM: one SPEAKER line per speech segment, ten fields, silence left out.
    std::string rttm = readFile(m_dir / "out.rttm");
    size_t speech = 0;
    for (const auto& s : segs) speech += s["label"] != "silence";
    EXPECT_EQ(static_cast<size_t>(std::count(rttm.begin(), rttm.end(), '\n')), speech);
    std::istringstream lines(rttm);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream f(line);
        std::vector<std::string> fields{std::istream_iterator<std::string>(f), {}};
        ASSERT_EQ(fields.size(), 10u) << line;
        EXPECT_EQ(fields[0], "SPEAKER");
        EXPECT_EQ(fields[1], doc["clip"]);
        EXPECT_NE(fields[7], "silence");
    }
}

TEST_F(CliTalk, EachAnalysisIsANewRunAndTalkShowsTheLatest) {
    analyze();
    std::string first = json::parse(readFile(m_dir / "out.json"))["run"];
    analyze();
    std::string second = json::parse(readFile(m_dir / "out.json"))["run"];
    EXPECT_NE(first, second);
    json talk = runJson({"talk", lesson().string()});
    EXPECT_EQ(talk["run"], second);
}

TEST_F(CliTalk, JsonThroughAPipeIsTheWholeOutput) {
    auto r = cli({"analyze", lesson().string(), "--json", "/dev/stdout"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    json doc = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << "no summary after the JSON: " << r.out;
    EXPECT_FALSE(doc["segments"].empty());
}

TEST_F(CliTalk, CorrectionsAreKeptApartAndMetricsRecompute) {
    analyze();
    json before = runJson({"talk", lesson().string()});
    ok({"talk", "relabel", lesson().string(), "--from", "0", "--to", "0:20", "--label", "student",
        "--author", "Coach Lee"});
    json after = runJson({"talk", lesson().string()});
    EXPECT_GE(after["metrics"]["seconds"]["student"].get<double>(), 20.0);
    EXPECT_EQ(after["segments"][0]["label"], "student");
    EXPECT_DOUBLE_EQ(after["segments"][0]["end"].get<double>(), 20.0);
    ASSERT_EQ(after["corrections"].size(), 1u);
    EXPECT_EQ(after["corrections"][0]["label"], "student");
    // The automatic run is untouched: a fresh analysis starts from it again.
    EXPECT_EQ(after["run"], before["run"]);

    // The middle of the longest stretch of one voice names it.
    double voice = -1, longest = 0;
    for (const auto& seg : before["segments"]) {
        const double a = seg["start"].get<double>(), b = seg["end"].get<double>();
        if ((seg["label"] == "teacher" || seg["label"] == "student") && b - a > longest) {
            longest = b - a;
            voice = (a + b) / 2;
        }
    }
    ASSERT_GT(voice, 0);
    ok({"talk", "teacher", lesson().string(), "--at", std::to_string(voice), "--author",
        "Coach Lee"});
    json hinted = runJson({"talk", lesson().string()});
    EXPECT_EQ(hinted["corrections"].size(), 2u);
    EXPECT_EQ(hinted["corrections"][1]["kind"], "teacher_at");

    // A moment of silence names no voice: saved, it would pick no one and undo the hint before.
    std::optional<double> quiet;
    for (const auto& seg : before["segments"]) {
        if (seg["label"] == "silence" && seg["end"].get<double>() - seg["start"].get<double>() > 0.5) {
            quiet = (seg["start"].get<double>() + seg["end"].get<double>()) / 2;
            break;
        }
    }
    ASSERT_TRUE(quiet) << "the lesson has a pause";
    auto silent = cli({"talk", "teacher", lesson().string(), "--at", std::to_string(*quiet),
                       "--author", "Coach Lee"});
    EXPECT_EQ(silent.exitCode, 1);
    EXPECT_NE(silent.err.find("no single voice was found at"), std::string::npos) << silent.err;
    json still = runJson({"talk", lesson().string()});
    EXPECT_EQ(still["corrections"].size(), 2u);
    EXPECT_EQ(still["segments"], hinted["segments"]);
    // A range given backwards says so.
    auto backwards = cli({"talk", "relabel", lesson().string(), "--from", "5", "--to", "3",
                          "--label", "student", "--author", "Coach Lee"});
    EXPECT_EQ(backwards.exitCode, 1);
    EXPECT_NE(backwards.err.find("--to 3 must come after --from 5"), std::string::npos)
        << backwards.err;
}

TEST_F(CliTalk, AnotherSoundStreamCanBeAnalysed) {
    // A camera's own microphone hears nothing useful; the lapel mic is the second sound.
    auto twoMics = m_dir / "two_mics.mkv";
    ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i anullsrc=r=48000:cl=mono -i '" +
                       lesson().string() + "' -map 0:a -map 1:a -c:a aac -shortest "
                       "-disposition:a:0 default '" + twoMics.string() + "'"),
              0);
    // The global --json goes first: analyze's own --json names a file.
    auto main = json::parse(ok({"--json", "analyze", twoMics.string()}));
    EXPECT_GT(main["metrics"]["share"]["silence"].get<double>(), 0.99);
    auto lapel = json::parse(ok({"--json", "analyze", twoMics.string(), "--audio-stream", "1"}));
    EXPECT_GT(lapel["metrics"]["seconds"]["teacher"].get<double>(), 10.0);
    auto wrong = cli({"analyze", twoMics.string(), "--audio-stream", "5"});
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_NE(wrong.err.find("its sound is #0, #1"), std::string::npos) << wrong.err;
}

TEST_F(CliTalk, BadRequestsAreRefused) {
    auto none = cli({"talk", lesson().string()});
    EXPECT_NE(none.exitCode, 0);
    EXPECT_NE(none.err.find("add it with"), std::string::npos) << none.err;
    ok({"add", lesson().string()});
    auto notYet = cli({"talk", lesson().string()});
    EXPECT_NE(notYet.exitCode, 0);
    EXPECT_NE(notYet.err.find("has not been analysed"), std::string::npos) << notYet.err;
    // A mistyped output folder is refused before the analysis runs, so nothing is stored.
    auto folder = cli({"analyze", lesson().string(), "--json", (m_dir / "Talk" / "t.json").string()});
    EXPECT_EQ(folder.exitCode, 1);
    EXPECT_NE(folder.err.find("--json: the folder " + (m_dir / "Talk").string() + " does not exist"),
              std::string::npos)
        << folder.err;
    auto dirOut = cli({"analyze", lesson().string(), "--rttm", m_dir.path().string()});
    EXPECT_EQ(dirOut.exitCode, 1);
    EXPECT_NE(dirOut.err.find("--rttm: " + m_dir.path().string() + " is a folder"), std::string::npos)
        << dirOut.err;
    auto stillNone = cli({"talk", lesson().string()});
    EXPECT_NE(stillNone.err.find("has not been analysed"), std::string::npos) << stillNone.err;
    auto hint = cli({"analyze", lesson().string(), "--teacher-hint", "5:00"});
    EXPECT_NE(hint.exitCode, 0);
    EXPECT_NE(hint.err.find("after the end"), std::string::npos) << hint.err;
    auto label = cli({"talk", "relabel", lesson().string(), "--from", "1", "--to", "2", "--label",
                      "robot", "--author", "A"});
    EXPECT_NE(label.exitCode, 0);
    EXPECT_NE(label.err.find("not a talk label"), std::string::npos);
    // A video without sound says so.
    auto silent = m_dir / "silent.mp4";
    ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i testsrc=duration=2:size=64x48:rate=10 "
                       "-c:v libx264 -preset ultrafast '" + silent.string() + "'"),
              0);
    auto noAudio = cli({"analyze", silent.string()});
    EXPECT_NE(noAudio.exitCode, 0);
    EXPECT_NE(noAudio.err.find("no audio"), std::string::npos) << noAudio.err;
}

// The demo lesson (scripts/make-demo-lesson.sh, what scripts/demo.sh opens) is the first lesson
// a teacher sees: its analysis has to tell the story its sample comments tell.
class CliDemoLesson : public CliTest {
protected:
    static void SetUpTestSuite() {
        CliTest::SetUpTestSuite();
        ASSERT_EQ(runShell("'" + std::string(LL_SOURCE_DIR) + "/scripts/make-demo-lesson.sh' '" +
                           demo().string() + "' > /dev/null"),
                  0)
            << "make-demo-lesson.sh failed";
    }
    static std::filesystem::path demo() { return *s_media / "demo.mp4"; }
};

TEST_F(CliDemoLesson, PairTalkIsSeveralVoicesAndTheAnswersAreStudents) {
    ok({"analyze", demo().string()});
    json talk = runJson({"talk", demo().string()});
    auto labelAt = [&](double s) {
        for (const auto& seg : talk["segments"])
            if (seg["start"].get<double>() <= s && s < seg["end"].get<double>())
                return seg["label"].get<std::string>();
        return std::string("none");
    };
    // 0:43-1:07: six students talking in pairs, first second to last.
    for (double at : {43.5, 45.0, 55.0, 65.0, 66.5}) EXPECT_EQ(labelAt(at), "multiple") << at;
    // The teacher's opening, her whiteboard instructions and her close; three answers.
    for (double at : {3.8, 12.0, 86.0, 108.0}) EXPECT_EQ(labelAt(at), "teacher") << at;
    for (double at : {25.7, 32.0, 77.5}) EXPECT_EQ(labelAt(at), "student") << at;
    const json& m = talk["metrics"];
    EXPECT_GT(m["share"]["multiple"].get<double>(), 0.18);
    EXPECT_GE(m["exchanges"].get<int>(), 3);
}
