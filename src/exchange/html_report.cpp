#include "exchange/html_report.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "core/text.h"
#include "core/time_text.h"

namespace ll::exchange {
namespace {

using analysis::TalkLabel;

struct LabelStyle {
    TalkLabel label;
    const char* name;
    const char* color;
};
// The app's talk colours (ui/timeline_view.cpp), so a printed report reads like the screen;
// silence is a light grey on paper where the app uses a dark one.
constexpr LabelStyle kStyles[] = {{TalkLabel::Teacher, "Teacher", "#e8a33d"},
                                  {TalkLabel::Student, "Student", "#59a14f"},
                                  {TalkLabel::Multiple, "Several voices", "#b07aa1"},
                                  {TalkLabel::Silence, "Silence", "#d9d9d9"}};

const char* colorOf(TalkLabel l) {
    for (const auto& s : kStyles) if (s.label == l) return s.color;
    return "#d9d9d9";
}

std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string escMultiline(std::string_view s) {
    std::string out;
    for (const auto& line : split(s, '\n')) out += (out.empty() ? "" : "<br>") + esc(line);
    return out;
}

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

std::string hexColor(uint32_t rgb) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06x", rgb & 0xffffff);
    return buf;
}

const char* kStyle = R"CSS(
:root { --ink: #1d2733; --muted: #5f6b7a; --line: #dde3ea; --accent: #2f5d8a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 980px; padding: 32px 28px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 8px; }
.meta { color: var(--muted); font-size: 13px; }
.focus { background: #f3f7fb; border-left: 5px solid var(--accent); padding: 14px 18px; font-size: 17px; margin: 18px 0; }
.legend span { display: inline-block; margin-right: 16px; font-size: 13px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
table.figures { border-collapse: collapse; margin-top: 12px; }
table.figures td { padding: 4px 18px 4px 0; }
table.figures td:first-child { color: var(--muted); }
table.grid { border-collapse: collapse; width: 100%; font-size: 14px; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; }
table.grid th { background: #f6f8fa; }
.comment { display: flex; gap: 16px; padding: 12px 0; border-bottom: 1px solid var(--line); break-inside: avoid; }
.comment img { width: 192px; height: auto; border-radius: 4px; border: 1px solid var(--line); flex: none; }
.comment .noimg { width: 192px; flex: none; }
.comment .when { font-weight: 600; font-variant-numeric: tabular-nums; }
.who { font-weight: 600; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; }
.kind { display: inline-block; font-size: 12px; padding: 0 7px; border-radius: 9px; background: #eef2f6; margin-left: 6px; }
.kind.strength { background: #e3f4e1; } .kind.question { background: #e4eefb; }
.kind.suggestion { background: #fdf0dc; }
.tag { color: var(--accent); font-size: 13px; margin-left: 6px; }
.reply { margin-left: 40px; }
.text { margin-top: 4px; }
.rooms { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px; }
.room { border: 1px solid var(--line); border-radius: 6px; padding: 12px; break-inside: avoid; }
.note { color: var(--muted); font-style: italic; }
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  .comment, .room, svg { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)CSS";

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" + esc(title) + "</title><style>" + kStyle + "</style></head><body>\n" + body +
           "\n<p class=\"meta\" style=\"margin-top:48px\">Made with LessonLens on this computer. "
           "The video is not part of this report.</p></body></html>\n";
}

std::string legend() {
    std::string out = "<div class=\"legend\">";
    for (const auto& s : kStyles) {
        out += "<span><i style=\"background:" + std::string(s.color) + "\"></i>" + s.name + "</span>";
    }
    return out + "</div>";
}

// A single bar split by share, labelled with percentages where there is room.
std::string shareBar(const analysis::TalkMetrics& m, int width, int height) {
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\" role=\"img\" aria-label=\"talk-time shares\">";
    double x = 0;
    for (const auto& s : kStyles) {
        double share = m.labelShare[static_cast<size_t>(s.label)];
        double w = share * width;
        if (w <= 0) continue;
        svg += "<rect x=\"" + fmt("%.2f", x) + "\" y=\"0\" width=\"" + fmt("%.2f", w) + "\" height=\"" +
               std::to_string(height) + "\" fill=\"" + s.color + "\"><title>" + s.name + " " +
               fmt("%.0f%%", share * 100) + "</title></rect>";
        if (w > 38) {
            svg += "<text x=\"" + fmt("%.1f", x + w / 2) + "\" y=\"" + fmt("%.1f", height / 2.0 + 5) +
                   "\" text-anchor=\"middle\" font-size=\"13\" fill=\"" +
                   (s.label == TalkLabel::Silence ? "#333" : "#fff") + "\">" + fmt("%.0f%%", share * 100) + "</text>";
        }
        x += w;
    }
    return svg + "</svg>";
}

// Seconds of each label per minute, as stacked columns. Each column is labelled with the time
// its minute starts ("0:00", "1:00"), at its left edge, as the app's talk panel does.
std::string minuteChart(const analysis::TalkMetrics& m) {
    const int h = 160, left = 34, bottom = 22;
    const int n = static_cast<int>(m.perMinute.size());
    if (n == 0) return {};
    const double col = std::max(6.0, std::min(36.0, 880.0 / n));
    // "10:00" at 11 px is about 30 px wide: label every 1, 2, 5... columns so labels never touch.
    const double labelW = 36;
    int step = 60;
    for (int k : {1, 2, 5, 10, 15, 20, 30, 60}) {
        if (k * col >= labelW) {
            step = k;
            break;
        }
    }
    const int w = left + static_cast<int>(col * n) + 36;  // room for the last label
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(w) +
                      "\" height=\"" + std::to_string(h + bottom) + "\" role=\"img\" aria-label=\"talk per minute\">";
    for (int s : {0, 30, 60}) {
        double y = h - s * (h - 10) / 60.0;
        svg += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(w) + "\" y1=\"" +
               fmt("%.1f", y) + "\" y2=\"" + fmt("%.1f", y) + "\" stroke=\"#e5e9ee\"/>";
        svg += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + fmt("%.1f", y + 4) +
               "\" text-anchor=\"end\" font-size=\"11\" fill=\"#5f6b7a\">" + std::to_string(s) + "s</text>";
    }
    for (int i = 0; i < n; ++i) {
        double y = h;
        double x = left + i * col;
        const MediaTime end = i + 1 < n ? m.perMinute[i + 1].start : m.duration;
        const std::string span = formatTime(m.perMinute[i].start, 0) + "&ndash;" + formatTime(end, 0);
        for (const auto& s : kStyles) {
            double secs = m.perMinute[i].labelTime[static_cast<size_t>(s.label)].seconds();
            double hh = secs * (h - 10) / 60.0;
            if (hh <= 0) continue;
            y -= hh;
            svg += "<rect x=\"" + fmt("%.1f", x + 1) + "\" y=\"" + fmt("%.1f", y) + "\" width=\"" +
                   fmt("%.1f", col - 2) + "\" height=\"" + fmt("%.1f", hh) + "\" fill=\"" + s.color +
                   "\"><title>" + span + ": " + s.name + " " + fmt("%.0f s", secs) + "</title></rect>";
        }
        if (i % step == 0) {
            svg += "<text x=\"" + fmt("%.1f", x + 1) + "\" y=\"" + std::to_string(h + 15) +
                   "\" text-anchor=\"start\" font-size=\"11\" fill=\"#5f6b7a\">" +
                   formatTime(m.perMinute[i].start, 0) + "</text>";
        }
    }
    return svg + "</svg>";
}

// Who talked when across the whole lesson; runs narrower than a pixel fold into their neighbour.
std::string timelineStrip(const TalkSummary& talk, MediaTime duration, int width) {
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
                      "\" height=\"26\" role=\"img\" aria-label=\"talk timeline\">";
    if (duration <= MediaTime::zero()) return svg + "</svg>";
    const double scale = width / duration.seconds();
    double lastX = -1;
    for (const auto& s : talk.segments) {
        double x0 = s.range.start.seconds() * scale, x1 = s.range.end.seconds() * scale;
        if (x1 - std::max(x0, lastX) < 0.5) continue;
        x0 = std::max(x0, lastX);
        svg += "<rect x=\"" + fmt("%.2f", x0) + "\" y=\"0\" width=\"" + fmt("%.2f", x1 - x0) +
               "\" height=\"26\" fill=\"" + colorOf(s.label) + "\"/>";
        lastX = x1;
    }
    return svg + "</svg>";
}

std::string figures(const analysis::TalkMetrics& m) {
    auto row = [](const std::string& k, const std::string& v) {
        return "<tr><td>" + k + "</td><td>" + v + "</td></tr>";
    };
    std::string out = "<table class=\"figures\">";
    // Minutes and seconds, as the app's talk panel and the CLI show them.
    auto talk = [&](TalkLabel l) {
        const auto i = static_cast<size_t>(l);
        return formatTime(m.labelTime[i], 0) + " (" + fmt("%.0f%%", m.labelShare[i] * 100) + ")";
    };
    out += row("Teacher talk", talk(TalkLabel::Teacher));
    out += row("Student talk", talk(TalkLabel::Student));
    out += row("Exchanges (teacher, then a student)", std::to_string(m.exchanges));
    out += row("Student turns", std::to_string(m.studentTurns) +
                                    (m.studentTurns ? ", median " + fmt("%.1f s", m.medianStudentTurn.seconds()) : ""));
    auto wait = [](const analysis::WaitTime& w, const char* none) {
        return w.count ? "median " + fmt("%.1f s", w.median.seconds()) + "; " +
                             fmt("%.0f%%", w.longShare * 100) + " of " + std::to_string(w.count) +
                             " pauses were 3 s or more"
                       : std::string(none);
    };
    out += row("Wait time after teacher talk",
               wait(m.waitAfterTeacher, "no pauses before a student spoke"));
    out += row("Wait time after student talk",
               wait(m.waitAfterStudents, "no pauses before the teacher spoke after a student"));
    out += row("Longest uninterrupted teacher talk", formatTime(m.longestTeacherStretch, 0));
    return out + "</table>";
}

std::string commentBlock(const store::Comment& c, const ExportData& d, bool reply) {
    std::string out = "<div class=\"comment" + std::string(reply ? " reply" : "") + "\">";
    auto thumb = d.thumbnails.find(c.id);
    if (thumb != d.thumbnails.end() && !thumb->second.empty()) {
        out += "<img alt=\"frame at " + formatTime(c.start, 1) + "\" src=\"data:image/png;base64," +
               base64(thumb->second) + "\">";
    } else if (!reply && !d.thumbnails.empty()) {
        out += "<div class=\"noimg\"></div>";
    }
    // Tenths of a second, as the app's comment list, the CSV and the captions give them: a
    // comment at 0:27.5 is not one at 0:28.
    std::string when = formatTime(c.start, 1);
    if (c.end) when += "&ndash;" + formatTime(*c.end, 1);
    std::string kind(store::toString(c.kind));
    out += "<div><div><span class=\"when\">" + when + "</span> &nbsp; <span class=\"dot\" style=\"background:" +
           hexColor(c.authorColor) + "\"></span><span class=\"who\">" + esc(c.authorName) +
           "</span><span class=\"kind " + kind + "\">" + kind + "</span>";
    if (c.isPrivate) out += "<span class=\"kind\">private</span>";
    if (c.resolved) out += "<span class=\"kind\">resolved</span>";
    for (const auto& t : c.tags) out += "<span class=\"tag\">#" + esc(t) + "</span>";
    out += "</div><div class=\"text\">" + escMultiline(c.text) + "</div></div></div>\n";
    return out;
}

std::string commentsSection(const ExportData& d) {
    if (d.comments.empty()) return "<p class=\"note\">No comments yet.</p>";
    std::map<Id, std::vector<const store::Comment*>> replies;
    std::set<Id> present;
    for (const auto& c : d.comments) present.insert(c.id);
    std::string out;
    for (const auto& c : d.comments) {
        if (c.parentId && present.count(*c.parentId)) replies[*c.parentId].push_back(&c);
    }
    std::function<void(const store::Comment&, bool)> emit = [&](const store::Comment& c, bool reply) {
        out += commentBlock(c, d, reply);
        for (const auto* r : replies[c.id]) emit(*r, true);
    };
    for (const auto& c : d.comments) {
        if (!(c.parentId && present.count(*c.parentId))) emit(c, false);
    }
    return out;
}

}  // namespace

std::string base64(std::string_view bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
        for (int k = 18; k >= 0; k -= 6) out += kAlphabet[(v >> k) & 63];
    }
    if (i < bytes.size()) {
        uint32_t v = uint8_t(bytes[i]) << 16;
        if (i + 1 < bytes.size()) v |= uint8_t(bytes[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string toHtmlReport(const ExportData& d) {
    std::string body = "<h1>" + esc(d.clip.title) + "</h1><div class=\"meta\">" +
                       formatTime(d.clip.duration, 0) + " &middot; " + std::to_string(d.comments.size()) +
                       " comment" + (d.comments.size() == 1 ? "" : "s");
    std::set<std::string> names;
    for (const auto& c : d.comments) names.insert(c.authorName);
    if (!names.empty()) {
        std::string who;
        for (const auto& n : names) who += (who.empty() ? "" : ", ") + esc(n);
        body += " by " + who;
    }
    body += " &middot; report made " + formatLocalDate(d.generatedAt) + "</div>\n";

    body += "<h2>Talk time</h2>";
    if (d.talk) {
        const auto& m = d.talk->metrics;
        body += legend() + "<div style=\"margin:10px 0\">" + shareBar(m, 900, 34) + "</div>";
        body += "<h3 style=\"margin-top:18px\">Across the lesson</h3>" + timelineStrip(*d.talk, m.duration, 900);
        body += "<h3 style=\"margin-top:18px\">Minute by minute</h3>" + minuteChart(m);
        body += figures(m);
        if (d.talk->corrections) {
            body += "<p class=\"meta\">Includes " + std::to_string(d.talk->corrections) +
                    " correction(s) made by reviewers.</p>";
        }
    } else {
        body += "<p class=\"note\">This lesson has not been analysed yet.</p>";
    }
    body += "<h2>Comments</h2>" + commentsSection(d);
    return page(d.clip.title + " - LessonLens report", body);
}

std::string toRoundReport(const RoundReportData& r) {
    std::string body = "<h1>" + esc(r.round.title) + "</h1><div class=\"meta\">Teacher round";
    if (!r.round.heldOn.empty()) body += " &middot; " + esc(r.round.heldOn);
    body += " &middot; " + std::to_string(r.classrooms.size()) + " classroom" +
            (r.classrooms.size() == 1 ? "" : "s") + "</div>";
    if (!r.round.focus.empty()) {
        body += "<div class=\"focus\"><strong>Focus question:</strong> " + escMultiline(r.round.focus) + "</div>";
    }
    body += "<h2>Talk time in each classroom</h2>" + legend() + "<div class=\"rooms\" style=\"margin-top:12px\">";
    for (const auto& room : r.classrooms) {
        body += "<div class=\"room\"><h3>" + esc(room.clip.title) + "</h3><div class=\"meta\">" +
                formatTime(room.clip.duration, 0) + "</div>";
        if (room.talk) {
            const auto& m = room.talk->metrics;
            auto wait = [](const analysis::WaitTime& w) {
                return w.count ? fmt("%.1f s", w.median.seconds()) : std::string("none");
            };
            body += "<div style=\"margin:8px 0\">" + shareBar(m, 260, 26) +
                    "</div><div class=\"meta\">" + "Median wait " + wait(m.waitAfterTeacher) +
                    " after the teacher, " + wait(m.waitAfterStudents) +
                    " after students &middot; " + std::to_string(m.exchanges) +
                    " exchanges &middot; longest teacher talk " +
                    formatTime(m.longestTeacherStretch, 0) + "</div>";
        } else {
            body += "<p class=\"note\">Not analysed yet.</p>";
        }
        body += "</div>";
    }
    body += "</div>";

    // Tag counts per classroom: the patterns across rooms.
    const auto counts = roundTagCounts(r);
    body += "<h2>Tags in each classroom</h2>";
    if (counts.empty()) {
        body += "<p class=\"note\">No tagged comments yet.</p>";
    } else {
        body += "<table class=\"grid\"><tr><th>Tag</th>";
        for (const auto& room : r.classrooms) body += "<th>" + esc(room.clip.title) + "</th>";
        body += "<th>All</th></tr>";
        for (const auto& row : counts) {
            body += "<tr><td>" + std::string(row.tag == r.focusTag ? "<strong>#" + esc(row.tag) + "</strong>" : "#" + esc(row.tag)) + "</td>";
            for (int n : row.perClassroom) body += "<td>" + (n ? std::to_string(n) : std::string("&ndash;")) + "</td>";
            body += "<td>" + std::to_string(row.total) + "</td></tr>";
        }
        body += "</table>";
    }

    body += "<h2>Comments for the focus";
    if (!r.focusTag.empty()) body += " (#" + esc(r.focusTag) + ")";
    body += "</h2>";
    bool any = false;
    for (const auto& room : r.classrooms) {
        ExportData focused = room;
        focused.comments.clear();
        for (const auto& c : room.comments) {
            if (std::find(c.tags.begin(), c.tags.end(), r.focusTag) != c.tags.end()) focused.comments.push_back(c);
        }
        if (focused.comments.empty()) continue;
        any = true;
        body += "<h3 style=\"margin-top:20px\">" + esc(room.clip.title) + "</h3>" + commentsSection(focused);
    }
    if (!any) {
        body += "<p class=\"note\">No comments carry the focus tag yet. Tag comments #" + esc(r.focusTag) +
                " to gather them here.</p>";
    }
    return page(r.round.title + " - LessonLens round", body);
}

std::vector<RoundTagRow> roundTagCounts(const RoundReportData& data) {
    std::map<std::string, RoundTagRow> rows;
    for (size_t i = 0; i < data.classrooms.size(); ++i) {
        for (const auto& c : data.classrooms[i].comments) {
            for (const auto& t : c.tags) {
                auto& row = rows[t];
                row.tag = t;
                row.perClassroom.resize(data.classrooms.size());
                ++row.perClassroom[i];
                ++row.total;
            }
        }
    }
    std::vector<RoundTagRow> out;
    for (auto& [tag, row] : rows) out.push_back(std::move(row));
    return out;
}

}  // namespace ll::exchange
