// Each export format read back by a real reader: Python's csv module, ffprobe, pugixml and a
// headless browser.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <map>
#include <set>

#include "core/time_text.h"
#include "exchange/eaf.h"
#include "exchange/html_report.h"
#include "exchange/json_export.h"
#include "exchange/text_formats.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace ll;
using namespace ll::exchange;

namespace {

store::Comment comment(int64_t startMs, std::optional<int64_t> endMs, std::string author,
                       std::string text, store::CommentKind kind = store::CommentKind::Note) {
    store::Comment c;
    c.id = Id::generate();
    c.start = MediaTime::fromMillis(startMs);
    if (endMs) c.end = MediaTime::fromMillis(*endMs);
    c.authorName = std::move(author);
    c.authorColor = 0x4e79a7;
    c.text = std::move(text);
    c.kind = kind;
    c.stamps.createdAt = c.stamps.updatedAt = 1'795'000'000'000'000;
    return c;
}

const std::vector<std::string> kTrickyTexts = {
    "Plain note",
    "Commas, \"quotes\", and 'apostrophes'",
    "Line one\nline two\n\nafter a blank line",
    "Unicode: 先生 · Grüße · مرحبا · 😀",
    "=SUM(A1:A9) looks like a formula",
    "<b>not bold</b> & --> arrows",
};

ExportData sample() {
    ExportData d;
    d.clip.id = Id::generate();
    d.clip.title = "Room 12, fractions";
    d.clip.path = "/lessons/room12.mp4";
    d.clip.duration = MediaTime::fromMillis(120'000);
    d.generatedAt = 1'795'000'000'000'000;
    int64_t t = 1000;
    for (const auto& text : kTrickyTexts) {
        d.comments.push_back(comment(t, std::nullopt, t % 2000 ? "Ana" : "Ben", text));
        t += 9000;
    }
    // Overlapping ranges by one reviewer: two ELAN tiers needed.
    d.comments.push_back(comment(60'000, 90'000, "Ana", "long range", store::CommentKind::Question));
    d.comments.push_back(comment(70'000, 80'000, "Ana", "inside it", store::CommentKind::Strength));
    d.comments.back().tags = {"wait-time", "questioning"};
    std::sort(d.comments.begin(), d.comments.end(),
              [](const auto& a, const auto& b) { return a.start < b.start; });
    TalkSummary talk;
    using analysis::TalkLabel;
    TalkLabel labels[] = {TalkLabel::Teacher, TalkLabel::Silence, TalkLabel::Student, TalkLabel::Multiple};
    for (int i = 0; i < 12; ++i) {
        analysis::TalkSegment s;
        s.range = {MediaTime::fromMillis(i * 10'000), MediaTime::fromMillis((i + 1) * 10'000)};
        s.label = labels[i % 4];
        s.confidence = 0.8f;
        talk.segments.push_back(s);
    }
    talk.metrics = analysis::computeTalkMetrics(talk.segments, d.clip.duration);
    d.talk = talk;
    return d;
}

}  // namespace

TEST(Exports, CsvRoundTripsThroughAStandardCsvReader) {
    test::TempDir dir;
    ExportData d = sample();
    test::writeFile(dir / "c.csv", toCsv(d));
    test::writeFile(dir / "read.py",
                    "import csv, json, sys\n"
                    "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
                    "    rows = list(csv.DictReader(f))\n"
                    "json.dump(rows, open(sys.argv[2], 'w'))\n");
    ASSERT_EQ(test::runShell("/usr/bin/python3 '" + (dir / "read.py").string() + "' '" +
                             (dir / "c.csv").string() + "' '" + (dir / "c.json").string() + "'"),
              0);
    auto rows = nlohmann::json::parse(test::readFile(dir / "c.json"));
    ASSERT_EQ(rows.size(), d.comments.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        // Text a spreadsheet would run as a formula comes back with a leading apostrophe.
        const std::string& text = d.comments[i].text;
        const bool formula = !text.empty() && std::string("=+-@").find(text.front()) != std::string::npos;
        EXPECT_EQ(rows[i]["text"], formula ? "'" + text : text);
        EXPECT_EQ(rows[i]["author"], d.comments[i].authorName);
        EXPECT_EQ(rows[i]["id"], d.comments[i].id.toString());
        EXPECT_EQ(rows[i]["start_seconds"], formatSeconds(d.comments[i].start));
    }
    EXPECT_EQ(rows[7]["tags"], "wait-time; questioning");
}

TEST(Exports, CsvCellsThatLookLikeFormulasStayText) {
    ExportData d = sample();
    d.comments.resize(3);
    d.comments[0].text = "=HYPERLINK(\"http://example.invalid\",\"click\")";
    d.comments[1].text = "-5 degrees outside, +2 inside";
    d.comments[1].authorName = "@coach";
    d.comments[2].text = "Fine: a = b";
    const std::string csv = toCsv(d);
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\""), std::string::npos) << csv;
    EXPECT_NE(csv.find(",\"'-5 degrees outside, +2 inside\","), std::string::npos) << csv;
    EXPECT_NE(csv.find(",'@coach,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",Fine: a = b,"), std::string::npos) << csv;
    EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos);
}

TEST(Exports, CaptionsAreReadByFfprobe) {
    test::TempDir dir;
    ExportData d = sample();
    for (const auto& [name, text] : {std::pair{"c.vtt", toWebVtt(d)}, std::pair{"c.srt", toSrt(d)}}) {
        test::writeFile(dir / name, text);
        auto r = test::runProcess({"ffprobe", "-v", "error", "-show_entries", "packet=pts_time",
                                   "-of", "csv=p=0", (dir / name).string()});
        ASSERT_EQ(r.exitCode, 0) << name << ": " << r.err;
        EXPECT_TRUE(r.err.empty()) << name << ": " << r.err;
        // One packet per comment, each at the comment's time.
        std::vector<double> times;
        std::istringstream in(r.out);
        for (std::string line; std::getline(in, line);) if (!line.empty()) times.push_back(std::stod(line));
        ASSERT_EQ(times.size(), d.comments.size()) << name;
        for (size_t i = 0; i < times.size(); ++i) EXPECT_NEAR(times[i], d.comments[i].start.seconds(), 0.001);
    }
}

TEST(Exports, CommentTextCannotStartCaptionsOfItsOwn) {
    // SRT has no escapes: a line with "-->" in a comment would be read as another cue's times.
    test::TempDir dir;
    ExportData d = sample();
    d.comments = {comment(1000, std::nullopt, "Ana",
                          "first\n\n2\n00:00:10,000 --> 00:00:15,000\nINJECTED")};
    for (const auto& [name, text] : {std::pair{"c.vtt", toWebVtt(d)}, std::pair{"c.srt", toSrt(d)}}) {
        test::writeFile(dir / name, text);
        auto r = test::runProcess({"ffprobe", "-v", "error", "-show_entries", "packet=pts_time",
                                   "-of", "csv=p=0", (dir / name).string()});
        ASSERT_EQ(r.exitCode, 0) << name << ": " << r.err;
        std::istringstream in(r.out);
        std::vector<double> times;
        for (std::string line; std::getline(in, line);) {
            if (line.find_first_of("0123456789") != std::string::npos) times.push_back(std::stod(line));
        }
        EXPECT_EQ(times, std::vector<double>{1.0}) << name << " holds more than the comment's one cue";
        EXPECT_NE(text.find("INJECTED"), std::string::npos) << "the text itself is kept";
    }
}

TEST(Exports, EafStaysWellFormedXmlWhateverBytesAPathOrAnOldCommentHolds) {
    // A library from before control characters were refused, and a Latin-1 file name: ELAN
    // (like any XML reader) refuses a file with either in it.
    test::TempDir dir;
    ExportData d = sample();
    d.clip.path = "/lessons/r\xe9union.mp4";
    d.comments = {comment(1000, std::nullopt, "Ana\x1b[31m", "a\x01" "b\x1b c\nnext line")};
    test::writeFile(dir / "a.eaf", toEaf(d));
    auto r = test::runProcess({"/usr/bin/python3", "-c",
                               "import sys, xml.dom.minidom as m\n"
                               "doc = m.parse(sys.argv[1])\n"
                               "print(doc.getElementsByTagName('ANNOTATION_VALUE')[0]"
                               ".firstChild.data)",
                               (dir / "a.eaf").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "[note] a b  c\nnext line\n");
}

TEST(Exports, EafIsWellFormedElanWithNonOverlappingTiers) {
    ExportData d = sample();
    pugi::xml_document doc;
    std::string text = toEaf(d);
    ASSERT_TRUE(doc.load_string(text.c_str())) << "not well-formed XML";
    auto root = doc.child("ANNOTATION_DOCUMENT");
    ASSERT_TRUE(root);
    EXPECT_STREQ(root.attribute("FORMAT").value(), "3.0");
    EXPECT_STREQ(root.child("HEADER").attribute("TIME_UNITS").value(), "milliseconds");
    EXPECT_TRUE(root.child("HEADER").child("MEDIA_DESCRIPTOR"));
    std::map<std::string, long long> slots;
    for (auto ts : root.child("TIME_ORDER").children("TIME_SLOT")) {
        slots[ts.attribute("TIME_SLOT_ID").value()] = ts.attribute("TIME_VALUE").as_llong();
    }
    std::set<std::string> types;
    for (auto lt : root.children("LINGUISTIC_TYPE")) types.insert(lt.attribute("LINGUISTIC_TYPE_ID").value());
    std::vector<std::string> tierIds;
    size_t annotations = 0;
    std::set<std::string> values;
    for (auto tier : root.children("TIER")) {
        tierIds.push_back(tier.attribute("TIER_ID").value());
        EXPECT_TRUE(types.count(tier.attribute("LINGUISTIC_TYPE_REF").value()));
        long long lastEnd = -1;
        for (auto a : tier.children("ANNOTATION")) {
            auto al = a.child("ALIGNABLE_ANNOTATION");
            ASSERT_TRUE(al);
            ASSERT_TRUE(slots.count(al.attribute("TIME_SLOT_REF1").value()));
            ASSERT_TRUE(slots.count(al.attribute("TIME_SLOT_REF2").value()));
            long long s = slots[al.attribute("TIME_SLOT_REF1").value()];
            long long e = slots[al.attribute("TIME_SLOT_REF2").value()];
            EXPECT_LT(s, e);
            EXPECT_GE(s, lastEnd) << "overlap in tier " << tierIds.back();
            lastEnd = e;
            values.insert(al.child_value("ANNOTATION_VALUE"));
            if (tierIds.back() != "talk-time") ++annotations;
        }
    }
    EXPECT_EQ(tierIds, (std::vector<std::string>{"Ana", "Ana 2", "Ben", "talk-time"}));
    EXPECT_EQ(annotations, d.comments.size());
    EXPECT_TRUE(values.count("[note] " + kTrickyTexts[5]));  // XML escaping round-trips
}

TEST(Exports, JsonAndRttmCarryEverything) {
    ExportData d = sample();
    auto j = nlohmann::json::parse(toJson(d));
    EXPECT_EQ(j["clip"]["title"], d.clip.title);
    ASSERT_EQ(j["comments"].size(), d.comments.size());
    EXPECT_EQ(j["comments"][2]["text"], d.comments[2].text);
    EXPECT_EQ(j["talk"]["segments"].size(), 12u);
    std::string rttm = toRttm("room12", d.talk->segments);
    EXPECT_EQ(std::count(rttm.begin(), rttm.end(), '\n'), 9);  // 12 segments, 3 silent
    EXPECT_EQ(rttm.substr(0, 52), "SPEAKER room12 1 0.000 10.000 <NA> <NA> teacher <NA>");
}

TEST(Exports, HtmlReportRendersInAHeadlessBrowser) {
    test::TempDir dir;
    ExportData d = sample();
    // A tiny PNG as a thumbnail, so the inline-image path is exercised.
    ASSERT_EQ(test::runShell("ffmpeg -v error -y -f lavfi -i testsrc=size=96x54:duration=0.1 -frames:v 1 '" +
                             (dir / "t.png").string() + "'"),
              0);
    d.thumbnails[d.comments[0].id] = test::readFile(dir / "t.png");
    std::string html = toHtmlReport(d);
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("data:image/png;base64,"), std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;not bold&lt;/b&gt;"), std::string::npos);  // escaped
    // Talk in minutes and seconds, as the app and the CLI show it: three 10 s teacher segments.
    EXPECT_NE(html.find("<td>Teacher talk</td><td>0:30 ("), std::string::npos);
    // Both of Rowe's wait times: 10 s of silence after each teacher stretch before a student,
    // none after the several voices before the teacher.
    EXPECT_NE(html.find("<td>Wait time after teacher talk</td><td>median 10.0 s; 100% of 3 "),
              std::string::npos);
    EXPECT_NE(html.find("<td>Wait time after student talk</td><td>median 0.0 s; 0% of 2 "),
              std::string::npos);
    // Nothing to fetch: no external images, styles or scripts.
    for (const char* external : {"src=\"http", "href=\"http", "<script", "@import", "url("}) {
        EXPECT_EQ(html.find(external), std::string::npos) << external;
    }
    test::writeFile(dir / "r.html", html);
    std::string browser = "/usr/bin/chromium";
    if (!std::filesystem::exists(browser)) GTEST_SKIP() << "chromium is not installed";
    auto r = test::runProcess({browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                               "--no-first-run", "--disable-background-networking",
                               "--disable-component-update", "--disable-sync",
                               "--user-data-dir=" + (dir / "profile").string(), "--window-size=1000,1400",
                               "--screenshot=" + (dir / "r.png").string(),
                               "file://" + (dir / "r.html").string()});
    ASSERT_TRUE(std::filesystem::exists(dir / "r.png")) << r.err;
    // Not blank: the picture has many colours (charts, text, thumbnail), measured by ffmpeg.
    auto stats = test::runProcess({"ffprobe", "-v", "error", "-f", "lavfi", "-i",
                                   "movie=" + (dir / "r.png").string() + ",signalstats",
                                   "-show_entries", "frame_tags=lavfi.signalstats.YMIN,lavfi.signalstats.YMAX,lavfi.signalstats.SATMAX",
                                   "-of", "default=nw=1"});
    ASSERT_EQ(stats.exitCode, 0) << stats.err;
    auto value = [&](const std::string& key) {
        auto p = stats.out.find(key + "=");
        return p == std::string::npos ? -1 : std::stoi(stats.out.substr(p + key.size() + 1));
    };
    EXPECT_LT(value("TAG:lavfi.signalstats.YMIN"), 80);   // dark text
    EXPECT_GT(value("TAG:lavfi.signalstats.YMAX"), 230);  // white page
    EXPECT_GT(value("TAG:lavfi.signalstats.SATMAX"), 60);  // coloured charts
}

TEST(Exports, HtmlReportCountsRepliesAsCommentsLikeTheApp) {
    // One rule in the app's Comments tab, the library and the report: a reply is a comment too.
    ExportData d = sample();
    store::Comment reply = comment(2000, std::nullopt, "Ben", "Agreed.");
    reply.parentId = d.comments[0].id;
    d.comments.insert(d.comments.begin() + 1, reply);
    std::string html = toHtmlReport(d);
    EXPECT_NE(html.find("2:00 &middot; 9 comments by Ana, Ben"), std::string::npos);
    ExportData one = sample();
    one.comments.resize(1);
    EXPECT_NE(toHtmlReport(one).find("&middot; 1 comment by"), std::string::npos);
}

TEST(Exports, HtmlReportLabelsMinutesByTheirStartTimeLikeTheApp) {
    // The app's "Minute by minute" bars say "0:00", "1:00": the report's columns say the same.
    ExportData d = sample();
    std::string html = toHtmlReport(d);
    EXPECT_NE(html.find(">0:00</text>"), std::string::npos);
    EXPECT_NE(html.find(">1:00</text>"), std::string::npos);
    EXPECT_EQ(html.find(">2</text>"), std::string::npos) << "no minute numbers counted from 1";
    EXPECT_NE(html.find("<title>1:00&ndash;2:00: Teacher 10 s</title>"), std::string::npos);
    // A 45-minute lesson: labels every other column so they do not run into each other.
    d.clip.duration = MediaTime::fromSeconds(45 * 60);
    d.talk->metrics = analysis::computeTalkMetrics(d.talk->segments, d.clip.duration);
    html = toHtmlReport(d);
    EXPECT_NE(html.find(">44:00</text>"), std::string::npos);
    EXPECT_EQ(html.find(">43:00</text>"), std::string::npos);
}

TEST(Exports, HtmlReportGivesCommentTimesToTheTenthLikeTheApp) {
    // The app's comment list, the CSV and the captions say 0:27.5; rounding to 0:28 would send
    // a teacher to the wrong moment.
    ExportData d = sample();
    d.comments = {comment(27'500, std::nullopt, "Ana", "why do you think so?"),
                  comment(43'000, 67'040, "Ben", "pair talk")};
    std::string html = toHtmlReport(d);
    EXPECT_NE(html.find("<span class=\"when\">0:27.5</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"when\">0:43.0&ndash;1:07.0</span>"), std::string::npos);
    EXPECT_EQ(html.find(">0:28<"), std::string::npos);
}

TEST(Exports, RoundReportShowsFocusRoomsAndTagCounts) {
    RoundReportData r;
    r.round.title = "Grade 4 rounds";
    r.round.focus = "How do students explain their reasoning?";
    r.focusTag = "questioning";
    r.classrooms = {sample(), sample()};
    r.classrooms[1].clip.title = "Room 14";
    r.classrooms[1].talk.reset();
    std::string html = toRoundReport(r);
    EXPECT_NE(html.find("How do students explain their reasoning?"), std::string::npos);
    EXPECT_NE(html.find("Room 14"), std::string::npos);
    EXPECT_NE(html.find("Not analysed yet"), std::string::npos);
    EXPECT_NE(html.find("#wait-time"), std::string::npos);
    EXPECT_NE(html.find("Median wait 10.0 s after the teacher, 0.0 s after students"),
              std::string::npos);
    EXPECT_NE(html.find("inside it"), std::string::npos);   // tagged for the focus
    EXPECT_EQ(html.find("long range"), std::string::npos);  // not tagged: not under the focus
}

TEST(Exports, RoundTagCountsArePerClassroomAndAlphabetical) {
    RoundReportData r;
    r.classrooms = {sample(), sample(), sample()};
    r.classrooms[0].comments.resize(2);
    r.classrooms[0].comments[0].tags = {"wait-time", "questioning"};
    r.classrooms[0].comments[1].tags = {"questioning"};
    r.classrooms[1].comments.clear();
    r.classrooms[2].comments.resize(1);
    r.classrooms[2].comments[0].tags = {"pacing"};
    auto rows = roundTagCounts(r);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].tag, "pacing");
    EXPECT_EQ(rows[0].perClassroom, (std::vector<int>{0, 0, 1}));
    EXPECT_EQ(rows[1].tag, "questioning");
    EXPECT_EQ(rows[1].perClassroom, (std::vector<int>{2, 0, 0}));
    EXPECT_EQ(rows[1].total, 2);
    EXPECT_EQ(rows[2].tag, "wait-time");
    EXPECT_EQ(rows[2].total, 1);
    r.classrooms.clear();
    EXPECT_TRUE(roundTagCounts(r).empty());
}

TEST(Exports, Base64) {
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}
