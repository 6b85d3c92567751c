#include "exchange/pack.h"

#include <nlohmann/json.hpp>

#include <set>

#include "core/text.h"

namespace ll::exchange {
namespace {

using nlohmann::json;

constexpr int64_t kMaxDurationUs = 7LL * 24 * 3600 * 1'000'000;  // a week: no lesson is longer
constexpr int64_t kClockSlackUs = 24LL * 3600 * 1'000'000;        // a day of clock skew
constexpr size_t kMaxRows = 200'000;

json stampsJson(const store::Stamps& s) {
    return {{"created_at", s.createdAt},
            {"updated_at", s.updatedAt},
            {"deleted_at", s.deletedAt ? json(*s.deletedAt) : json(nullptr)}};
}

void merge(json& into, const json& from) {
    for (auto it = from.begin(); it != from.end(); ++it) into[it.key()] = it.value();
}

// Reads fields of one JSON object, remembering the first problem with a path to it.
class Reader {
public:
    Reader(const json& obj, std::string path, std::string& error)
        : m_obj(obj), m_path(std::move(path)), m_error(error) {
        if (!obj.is_object()) fail("is not an object");
    }
    bool ok() const { return m_error.empty(); }
    void fail(const std::string& what) {
        if (m_error.empty()) m_error = m_path + " " + what;
    }
    const json* field(const char* key, bool required = true) {
        if (!ok()) return nullptr;
        auto it = m_obj.find(key);
        if (it == m_obj.end() || it->is_null()) {
            if (required) fail(std::string("has no \"") + key + "\"");
            return nullptr;
        }
        return &*it;
    }
    std::string text(const char* key, size_t maxBytes, bool required = true) {
        const json* v = field(key, required);
        if (!v) return {};
        if (!v->is_string()) return fail(std::string("\"") + key + "\" is not text"), std::string();
        const auto& s = v->get_ref<const std::string&>();
        if (s.size() > maxBytes) return fail(std::string("\"") + key + "\" is too long"), std::string();
        if (!isValidUtf8(s)) return fail(std::string("\"") + key + "\" is not UTF-8"), std::string();
        return s;
    }
    int64_t integer(const char* key, int64_t lo, int64_t hi) {
        const json* v = field(key);
        if (!v) return lo;
        if (!v->is_number_integer()) return fail(std::string("\"") + key + "\" is not a whole number"), lo;
        int64_t x = v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX)
                        ? INT64_MAX : v->get<int64_t>();
        if (x < lo || x > hi) return fail(std::string("\"") + key + "\" is out of range"), lo;
        return x;
    }
    std::optional<int64_t> optInteger(const char* key, int64_t lo, int64_t hi) {
        if (!field(key, false)) return std::nullopt;
        return integer(key, lo, hi);
    }
    bool boolean(const char* key) {
        const json* v = field(key, false);
        if (!v) return false;
        if (!v->is_boolean()) return fail(std::string("\"") + key + "\" is not true or false"), false;
        return v->get<bool>();
    }
    // An id, or the nil id when an optional one is absent. "" and the all-zero id are refused:
    // every row of a pack names itself, and a made-up empty id would give a correction a new
    // one on each import.
    Id id(const char* key, bool required = true) {
        if (!field(key, required)) return Id();
        std::string s = text(key, 64, required);
        auto parsed = Id::parse(s);
        if (!parsed || parsed->isNil()) {
            return fail(std::string("\"") + key + "\" is not an id"), Id();
        }
        return *parsed;
    }
    store::Stamps stamps(int64_t now) {
        store::Stamps s;
        s.createdAt = integer("created_at", 1, now + kClockSlackUs);
        s.updatedAt = integer("updated_at", s.createdAt, now + kClockSlackUs);
        s.deletedAt = optInteger("deleted_at", 1, now + kClockSlackUs);
        return s;
    }
    const json& obj() const { return m_obj; }
    const std::string& path() const { return m_path; }

private:
    const json& m_obj;
    std::string m_path;
    std::string& m_error;
};

}  // namespace

std::string writePack(const Pack& pack) {
    json reviewers = json::array();
    for (const auto& r : pack.reviewers) {
        json j = {{"id", r.id.toString()}, {"name", r.name}, {"color", r.color}};
        merge(j, stampsJson(r.stamps));
        reviewers.push_back(std::move(j));
    }
    json clips = json::array();
    for (const auto& c : pack.clips) {
        json comments = json::array();
        for (const auto& m : c.comments) {
            json j = {{"id", m.id.toString()},
                      {"parent", m.parentId ? json(m.parentId->toString()) : json(nullptr)},
                      {"author", m.authorId.toString()},
                      {"start_us", m.start.micros()},
                      {"end_us", m.end ? json(m.end->micros()) : json(nullptr)},
                      {"kind", std::string(store::toString(m.kind))},
                      {"text", m.text},
                      {"tags", m.tags},
                      {"resolved", m.resolved},
                      {"pin", m.pinX && m.pinY ? json({{"x", *m.pinX}, {"y", *m.pinY}}) : json(nullptr)}};
            merge(j, stampsJson(m.stamps));
            comments.push_back(std::move(j));
        }
        json corrections = json::array();
        for (const auto& k : c.corrections) {
            json j = {{"id", k.id.toString()},
                      {"reviewer", k.reviewerId.toString()},
                      {"kind", std::string(store::toString(k.kind))},
                      {"start_us", k.range.start.micros()},
                      {"end_us", k.range.end.micros()},
                      {"label", k.label}};
            merge(j, stampsJson(k.stamps));
            corrections.push_back(std::move(j));
        }
        clips.push_back({{"id", c.id.toString()},
                         {"fingerprint", c.fingerprint},
                         {"title", c.title},
                         {"duration_us", c.duration.micros()},
                         {"comments", comments},
                         {"corrections", corrections}});
    }
    json doc = {{"format", std::string(kPackFormat)},
                {"version", pack.version},
                {"created_at", pack.createdAt},
                {"author", pack.author.toString()},
                {"reviewers", reviewers},
                {"clips", clips}};
    return doc.dump(1, '\t', false, json::error_handler_t::strict) + "\n";
}

Result<Pack> readPack(std::string_view bytes, int64_t now) {
    auto refuse = [](const std::string& why) {
        return Error::invalid("this review pack cannot be used: " + why + "; nothing was imported");
    };
    if (bytes.size() > kMaxPackBytes) return refuse("it is larger than 64 MB");
    json doc = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return refuse("it is not a complete JSON file (damaged or cut short?)");
    if (!doc.is_object() || doc.value("format", json()) != kPackFormat) {
        return refuse("it is not a LessonLens review pack");
    }
    const json& version = doc["version"];
    if (!version.is_number_integer()) return refuse("it has no version number");
    if (version.get<int64_t>() > kPackVersion) {
        return refuse("it was made by a newer LessonLens (pack version " +
                      std::to_string(version.get<int64_t>()) + "); update LessonLens to read it");
    }
    if (version.get<int64_t>() < 1) return refuse("its version number is not valid");

    std::string error;
    Pack pack;
    Reader top(doc, "the pack", error);
    pack.version = static_cast<int>(version.get<int64_t>());
    pack.createdAt = top.integer("created_at", 1, now + kClockSlackUs);
    pack.author = top.id("author");
    std::set<Id> ids;  // every id in the pack, to refuse duplicates
    auto unique = [&](const Id& id, Reader& r) {
        if (!ids.insert(id).second) r.fail("repeats the id " + id.toString());
    };
    const json* reviewers = top.field("reviewers");
    const json* clips = top.field("clips");
    if (!error.empty()) return refuse(error);
    if (!reviewers->is_array() || !clips->is_array()) return refuse("its lists are malformed");

    std::set<Id> reviewerIds;
    for (size_t i = 0; i < reviewers->size() && error.empty(); ++i) {
        Reader r((*reviewers)[i], "reviewer " + std::to_string(i + 1), error);
        store::Reviewer rev;
        rev.id = r.id("id");
        rev.name = r.text("name", 200);
        if (r.ok() && !hasVisibleText(rev.name)) r.fail("has an empty name");
        rev.color = static_cast<uint32_t>(r.integer("color", 0, 0xffffff));
        rev.stamps = r.stamps(now);
        unique(rev.id, r);
        reviewerIds.insert(rev.id);
        pack.reviewers.push_back(std::move(rev));
    }
    if (error.empty() && !reviewerIds.count(pack.author)) error = "the pack's author is not among its reviewers";

    size_t rows = 0;
    for (size_t i = 0; i < clips->size() && error.empty(); ++i) {
        Reader c((*clips)[i], "clip " + std::to_string(i + 1), error);
        PackClip clip;
        clip.id = c.id("id");
        clip.fingerprint = c.text("fingerprint", 100);
        clip.title = c.text("title", 1000, false);
        clip.duration = MediaTime::fromMicros(c.integer("duration_us", 0, kMaxDurationUs));
        if (!c.ok()) break;
        auto derived = clipIdFromFingerprint(clip.fingerprint);
        if (!derived) { c.fail("has a malformed fingerprint"); break; }
        if (*derived != clip.id) { c.fail("has an id that does not match its fingerprint"); break; }
        unique(clip.id, c);
        const json* comments = c.field("comments");
        const json* corrections = c.field("corrections");
        if (!c.ok()) break;
        if (!comments->is_array() || !corrections->is_array()) { c.fail("has malformed lists"); break; }
        rows += comments->size() + corrections->size();
        if (rows > kMaxRows) { c.fail("has too many comments"); break; }
        const int64_t durationUs = clip.duration.micros();
        const int64_t timeLimit = durationUs > 0 ? durationUs : kMaxDurationUs;
        for (size_t k = 0; k < comments->size() && error.empty(); ++k) {
            Reader m((*comments)[k], c.path() + ", comment " + std::to_string(k + 1), error);
            store::Comment cm;
            cm.id = m.id("id");
            cm.clipId = clip.id;
            Id parent = m.id("parent", false);
            if (!parent.isNil()) cm.parentId = parent;
            cm.authorId = m.id("author");
            cm.start = MediaTime::fromMicros(m.integer("start_us", 0, timeLimit));
            if (auto end = m.optInteger("end_us", 0, timeLimit)) {
                if (*end <= cm.start.micros()) m.fail("ends before it starts");
                cm.end = MediaTime::fromMicros(*end);
            }
            auto kind = store::parseCommentKind(m.text("kind", 20));
            if (m.ok() && !kind) m.fail("has an unknown kind");
            if (kind) cm.kind = *kind;
            cm.text = m.text("text", 100'000);
            cm.resolved = m.boolean("resolved");
            if (m.boolean("private")) m.fail("is private: private comments never leave their machine");
            if (const json* tags = m.field("tags", false)) {
                if (!tags->is_array() || tags->size() > 32) m.fail("has malformed tags");
                else for (const json& t : *tags) {
                    if (!t.is_string() || t.get_ref<const std::string&>().size() > 64 ||
                        !isValidUtf8(t.get_ref<const std::string&>())) {
                        m.fail("has a malformed tag");
                        break;
                    }
                    cm.tags.push_back(t.get<std::string>());
                }
            }
            if (const json* pin = m.field("pin", false)) {
                Reader p(*pin, m.path() + " pin", error);
                const json* x = p.field("x");
                const json* y = p.field("y");
                if (p.ok() && (!x->is_number() || !y->is_number())) p.fail("is not a position");
                if (p.ok()) {
                    double px = x->get<double>(), py = y->get<double>();
                    if (!(px >= 0 && px <= 1 && py >= 0 && py <= 1)) p.fail("is outside the frame");
                    cm.pinX = static_cast<float>(px);
                    cm.pinY = static_cast<float>(py);
                }
            }
            cm.stamps = m.stamps(now);
            if (m.ok() && !reviewerIds.count(cm.authorId)) m.fail("names an author the pack does not list");
            if (m.ok() && !cm.stamps.isDeleted() && !hasVisibleText(cm.text)) m.fail("has no text");
            unique(cm.id, m);
            clip.comments.push_back(std::move(cm));
        }
        for (size_t k = 0; k < corrections->size() && error.empty(); ++k) {
            Reader m((*corrections)[k], c.path() + ", correction " + std::to_string(k + 1), error);
            store::SegmentCorrection sc;
            sc.id = m.id("id");
            sc.clipId = clip.id;
            sc.reviewerId = m.id("reviewer");
            std::string kind = m.text("kind", 20);
            if (kind == "teacher_at") sc.kind = store::SegmentCorrection::Kind::TeacherAt;
            else if (kind != "relabel" && m.ok()) m.fail("has an unknown kind");
            sc.range.start = MediaTime::fromMicros(m.integer("start_us", 0, timeLimit));
            sc.range.end = MediaTime::fromMicros(m.integer("end_us", sc.range.start.micros(), timeLimit));
            sc.label = m.text("label", 20, false);
            if (m.ok() && sc.kind == store::SegmentCorrection::Kind::Relabel &&
                (!store::isTalkLabel(sc.label) || sc.range.empty())) {
                m.fail("is not a valid relabelling");
            }
            sc.stamps = m.stamps(now);
            if (m.ok() && !reviewerIds.count(sc.reviewerId)) m.fail("names a reviewer the pack does not list");
            unique(sc.id, m);
            clip.corrections.push_back(std::move(sc));
        }
        pack.clips.push_back(std::move(clip));
    }
    if (!error.empty()) return refuse(error);
    return pack;
}

}  // namespace ll::exchange
