#include "exchange/text_formats.h"

#include <cstdio>

#include "core/text.h"
#include "core/time_text.h"

namespace ll::exchange {
namespace {

std::string csvField(std::string_view s) {
    bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

// Free text (comment, author, tags) that a spreadsheet would take for a formula when it starts
// with = + - @ or a control character gets a leading apostrophe (OWASP's advice against CSV
// injection): a hostile pack's "=HYPERLINK(...)" shows as text and runs nothing.
std::string csvTextField(std::string_view s) {
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
        return csvField("'" + std::string(s));
    return csvField(s);
}

// "HH:MM:SS.mmm" (WebVTT) or "HH:MM:SS,mmm" (SRT).
std::string captionTime(MediaTime t, char sep) {
    int64_t ms = (t.micros() + 500) / 1000;
    if (ms < 0) ms = 0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld%c%03lld", (long long)(ms / 3'600'000),
                  (long long)(ms / 60'000 % 60), (long long)(ms / 1000 % 60), sep,
                  (long long)(ms % 1000));
    return buf;
}

struct Cue {
    MediaTime start, end;
    std::string text;
};

// One cue per comment: "Author (kind): text". Blank lines would end a cue early, so runs of
// newlines collapse to one.
std::vector<Cue> cues(const ExportData& d) {
    std::vector<Cue> out;
    for (const auto& c : d.comments) {
        Cue cue;
        cue.start = c.start;
        cue.end = c.end ? *c.end : c.start + kPointCaption;
        if (d.clip.duration > MediaTime::zero() && cue.end > d.clip.duration) {
            cue.end = std::max(d.clip.duration, c.start + MediaTime::fromMillis(500));
        }
        std::string body;
        for (const auto& line : split(c.text, '\n')) {
            std::string l = std::string(trimView(line));
            if (l.empty()) continue;
            body += (body.empty() ? "" : "\n") + l;
        }
        cue.text = c.authorName + " (" + std::string(store::toString(c.kind)) + "): " + body;
        out.push_back(std::move(cue));
    }
    return out;
}

std::string escapeVtt(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c != '\r') out += c;
    }
    return out;
}

}  // namespace

std::string toCsv(const ExportData& d) {
    std::string out = "\xEF\xBB\xBF";
    const char* header[] = {"id", "start", "end", "start_seconds", "end_seconds", "author", "kind",
                            "text", "tags", "private", "resolved", "reply_to", "created_at",
                            "updated_at"};
    for (size_t i = 0; i < std::size(header); ++i) out += std::string(i ? "," : "") + header[i];
    out += "\r\n";
    for (const auto& c : d.comments) {
        std::string tags;
        for (const auto& t : c.tags) tags += (tags.empty() ? "" : "; ") + t;
        std::vector<std::string> row = {
            c.id.toString(),
            formatTime(c.start),
            c.end ? formatTime(*c.end) : "",
            formatSeconds(c.start),
            c.end ? formatSeconds(*c.end) : "",
            c.authorName,
            std::string(store::toString(c.kind)),
            c.text,
            tags,
            c.isPrivate ? "yes" : "no",
            c.resolved ? "yes" : "no",
            c.parentId ? c.parentId->toString() : "",
            formatIsoUtc(c.stamps.createdAt),
            formatIsoUtc(c.stamps.updatedAt)};
        constexpr size_t kAuthor = 5, kText = 7, kTags = 8;
        for (size_t i = 0; i < row.size(); ++i) {
            bool freeText = i == kAuthor || i == kText || i == kTags;
            out += (i ? "," : "") + (freeText ? csvTextField(row[i]) : csvField(row[i]));
        }
        out += "\r\n";
    }
    return out;
}

std::string toWebVtt(const ExportData& d) {
    std::string out = "WEBVTT - " + escapeVtt(split(d.clip.title, '\n').front()) + "\n\n";
    int n = 0;
    for (const auto& cue : cues(d)) {
        out += "c" + std::to_string(++n) + "\n" + captionTime(cue.start, '.') + " --> " +
               captionTime(cue.end, '.') + "\n" + escapeVtt(cue.text) + "\n\n";
    }
    return out;
}

std::string toSrt(const ExportData& d) {
    std::string out;
    int n = 0;
    for (const auto& cue : cues(d)) {
        // SRT has no escapes: a line of the text holding "-->" would be read as the next cue's
        // times (comment text can start cues of its own), so the arrow is shortened.
        std::string text;
        for (char c : cue.text) if (c != '\r') text += c;
        for (size_t at = text.find("-->"); at != std::string::npos; at = text.find("-->", at)) {
            text.replace(at, 3, "->");
        }
        out += std::to_string(++n) + "\n" + captionTime(cue.start, ',') + " --> " +
               captionTime(cue.end, ',') + "\n" + text + "\n\n";
    }
    return out;
}

std::string toRttm(const std::string& uri, const std::vector<analysis::TalkSegment>& segments) {
    std::string out;
    for (const auto& s : segments) {
        if (s.label == analysis::TalkLabel::Silence) continue;
        out += "SPEAKER " + uri + " 1 " + formatSeconds(s.range.start) + " " +
               formatSeconds(s.range.end - s.range.start) + " <NA> <NA> " +
               std::string(analysis::toString(s.label)) + " <NA> <NA>\n";
    }
    return out;
}

}  // namespace ll::exchange
