#include "exchange/json_export.h"

#include <cmath>

#include "core/time_text.h"

namespace ll::exchange {

using analysis::TalkLabel;
using nlohmann::json;

namespace {
constexpr TalkLabel kLabels[] = {TalkLabel::Teacher, TalkLabel::Student, TalkLabel::Multiple,
                                 TalkLabel::Silence};
size_t idx(TalkLabel l) { return static_cast<size_t>(l); }
double round4(double v) { return std::round(v * 1e4) / 1e4; }
json waitJson(const analysis::WaitTime& w) {
    return {{"count", w.count},
            {"median_seconds", jsonSeconds(w.median)},
            {"share_3s_or_more", round4(w.longShare)}};
}
}  // namespace

double jsonSeconds(MediaTime t) { return std::round(t.seconds() * 1e6) / 1e6; }

json commentJson(const store::Comment& c) {
    return {{"id", c.id.toString()},
            {"start", jsonSeconds(c.start)},
            {"end", c.end ? json(jsonSeconds(*c.end)) : json(nullptr)},
            {"author", c.authorName},
            {"text", c.text},
            {"kind", std::string(store::toString(c.kind))},
            {"tags", c.tags},
            {"private", c.isPrivate},
            {"parent", c.parentId ? json(c.parentId->toString()) : json(nullptr)},
            {"resolved", c.resolved},
            {"pin", c.pinX && c.pinY ? json({{"x", *c.pinX}, {"y", *c.pinY}}) : json(nullptr)},
            {"created_at", formatIsoUtc(c.stamps.createdAt)},
            {"updated_at", formatIsoUtc(c.stamps.updatedAt)}};
}

json segmentsJson(const std::vector<analysis::TalkSegment>& segments) {
    json arr = json::array();
    for (const auto& s : segments) {
        arr.push_back({{"start", jsonSeconds(s.range.start)},
                       {"end", jsonSeconds(s.range.end)},
                       {"label", std::string(analysis::toString(s.label))},
                       {"confidence", std::round(s.confidence * 1000) / 1000}});
    }
    return arr;
}

json metricsJson(const analysis::TalkMetrics& m) {
    json share, seconds;
    for (TalkLabel l : kLabels) {
        std::string name(analysis::toString(l));
        share[name] = round4(m.labelShare[idx(l)]);
        seconds[name] = jsonSeconds(m.labelTime[idx(l)]);
    }
    json perMinute = json::array();
    for (const auto& minute : m.perMinute) {
        json j = {{"start", jsonSeconds(minute.start)}};
        for (TalkLabel l : kLabels) j[std::string(analysis::toString(l))] = jsonSeconds(minute.labelTime[idx(l)]);
        perMinute.push_back(std::move(j));
    }
    return {{"duration", jsonSeconds(m.duration)},
            {"share", share},
            {"seconds", seconds},
            {"teacher_minutes", std::round(m.teacherMinutes * 100) / 100},
            {"student_minutes", std::round(m.studentMinutes * 100) / 100},
            {"exchanges", m.exchanges},
            {"student_turns", {{"count", m.studentTurns},
                               {"median_seconds", jsonSeconds(m.medianStudentTurn)}}},
            {"wait_time", waitJson(m.waitAfterTeacher)},
            {"wait_time_after_students", waitJson(m.waitAfterStudents)},
            {"longest_teacher_stretch", jsonSeconds(m.longestTeacherStretch)},
            {"unsure", {{"count", m.unsureStretches},
                        {"seconds", jsonSeconds(m.unsureLength)},
                        {"below_confidence", analysis::kUnsureBelow}}},
            {"per_minute", perMinute}};
}

json clipJson(const store::Clip& clip) {
    json streams = json::array();
    for (const store::ClipStream& s : clip.streams) {
        json j = {{"index", s.index}, {"type", s.type}, {"codec", s.codec}};
        if (s.type == "video") {
            j["width"] = s.width;
            j["height"] = s.height;
            j["fps"] = s.fps;
            j["rotation"] = s.rotation;
        } else if (s.type == "audio") {
            j["sample_rate"] = s.sampleRate;
            j["channels"] = s.channels;
        }
        if (!s.language.empty()) j["language"] = s.language;
        streams.push_back(std::move(j));
    }
    return {{"id", clip.id.toString()},
            {"title", clip.title},
            {"path", clip.path},
            {"fingerprint", clip.fingerprint},
            {"duration", jsonSeconds(clip.duration)},
            {"streams", streams},
            {"created_at", formatIsoUtc(clip.stamps.createdAt)},
            {"updated_at", formatIsoUtc(clip.stamps.updatedAt)}};
}

std::string toJson(const ExportData& d) {
    json comments = json::array();
    for (const auto& c : d.comments) comments.push_back(commentJson(c));
    json talk = nullptr;
    if (d.talk) {
        talk = {{"segments", segmentsJson(d.talk->segments)},
                {"metrics", metricsJson(d.talk->metrics)},
                {"corrections", d.talk->corrections}};
    }
    json doc = {{"format", "lessonlens-export"},
                {"version", 1},
                {"generated_at", formatIsoUtc(d.generatedAt)},
                {"clip", clipJson(d.clip)},
                {"comments", comments},
                {"talk", talk}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace ll::exchange
