#include "exchange/eaf.h"

#include <pugixml.hpp>

#include <sstream>

#include "core/text.h"
#include "core/time_text.h"

namespace ll::exchange {
namespace {

struct Annotation {
    int64_t startMs, endMs;
    std::string value;
};

std::string mimeType(const std::string& path) {
    auto dot = path.rfind('.');
    std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
    for (char& c : ext) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    if (ext == "wav") return "audio/x-wav";
    if (ext == "mp3" || ext == "m4a" || ext == "aac" || ext == "ogg" || ext == "opus") return "audio/*";
    if (ext == "mpg" || ext == "mpeg") return "video/mpeg";
    return "video/mp4";
}

}  // namespace

std::string toEaf(const ExportData& d) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("ANNOTATION_DOCUMENT");
    root.append_attribute("AUTHOR") = "LessonLens";
    std::string date = formatIsoUtc(d.generatedAt);
    root.append_attribute("DATE") = (date.substr(0, 19) + "+00:00").c_str();
    root.append_attribute("FORMAT") = "3.0";
    root.append_attribute("VERSION") = "3.0";
    root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    root.append_attribute("xsi:noNamespaceSchemaLocation") = "http://www.mpi.nl/tools/elan/EAFv3.0.xsd";

    auto header = root.append_child("HEADER");
    header.append_attribute("MEDIA_FILE") = "";
    header.append_attribute("TIME_UNITS") = "milliseconds";
    if (!d.clip.path.empty()) {
        // XML text must be UTF-8 without control characters, whatever bytes a path or an old
        // comment holds: anything else makes the file one ELAN cannot open.
        const std::string path = toDisplayText(d.clip.path);
        auto media = header.append_child("MEDIA_DESCRIPTOR");
        media.append_attribute("MEDIA_URL") = ("file://" + path).c_str();
        media.append_attribute("MIME_TYPE") = mimeType(path).c_str();
        auto slash = path.rfind('/');
        media.append_attribute("RELATIVE_MEDIA_URL") =
            ("./" + (slash == std::string::npos ? path : path.substr(slash + 1))).c_str();
    }

    // Tiers: reviewers in name order, each split into non-overlapping lanes.
    std::map<std::string, std::vector<std::vector<Annotation>>> lanes;
    const int64_t clipMs = d.clip.duration.millis();
    for (const auto& c : d.comments) {
        Annotation a;
        a.startMs = c.start.millis();
        a.endMs = c.end ? c.end->millis() : a.startMs + 1000;
        if (clipMs > 0 && a.endMs > clipMs) a.endMs = std::max(clipMs, a.startMs + 1);
        if (a.endMs <= a.startMs) a.endMs = a.startMs + 1;
        a.value = "[" + std::string(store::toString(c.kind)) + "] " +
                  toDisplayText(c.text, /*lineBreaksAllowed=*/true);
        auto& tiers = lanes[toDisplayText(c.authorName)];
        bool placed = false;
        for (auto& lane : tiers) {
            if (lane.back().endMs <= a.startMs) {
                lane.push_back(a);
                placed = true;
                break;
            }
        }
        if (!placed) tiers.push_back({a});
    }
    std::vector<std::pair<std::string, std::vector<Annotation>>> tiers;
    for (auto& [name, ls] : lanes) {
        for (size_t i = 0; i < ls.size(); ++i) {
            tiers.push_back({i == 0 ? name : name + " " + std::to_string(i + 1), std::move(ls[i])});
        }
    }
    if (d.talk) {
        std::vector<Annotation> talk;
        for (const auto& s : d.talk->segments) {
            talk.push_back({s.range.start.millis(), s.range.end.millis(),
                            std::string(analysis::toString(s.label))});
        }
        tiers.push_back({"talk-time", std::move(talk)});
    }

    auto order = root.append_child("TIME_ORDER");
    int slot = 0, annotationId = 0;
    auto newSlot = [&](int64_t ms) {
        auto ts = order.append_child("TIME_SLOT");
        std::string id = "ts" + std::to_string(++slot);
        ts.append_attribute("TIME_SLOT_ID") = id.c_str();
        ts.append_attribute("TIME_VALUE") = static_cast<long long>(ms);
        return id;
    };
    for (auto& [name, annotations] : tiers) {
        auto tier = root.append_child("TIER");
        tier.append_attribute("LINGUISTIC_TYPE_REF") = "comment";
        tier.append_attribute("TIER_ID") = name.c_str();
        if (name != "talk-time") {
            tier.append_attribute("PARTICIPANT") = name.c_str();
            tier.append_attribute("ANNOTATOR") = name.c_str();
        }
        for (const auto& a : annotations) {
            auto ann = tier.append_child("ANNOTATION").append_child("ALIGNABLE_ANNOTATION");
            ann.append_attribute("ANNOTATION_ID") = ("a" + std::to_string(++annotationId)).c_str();
            ann.append_attribute("TIME_SLOT_REF1") = newSlot(a.startMs).c_str();
            ann.append_attribute("TIME_SLOT_REF2") = newSlot(a.endMs).c_str();
            ann.append_child("ANNOTATION_VALUE").text() = a.value.c_str();
        }
    }
    auto lastId = header.append_child("PROPERTY");
    lastId.append_attribute("NAME") = "lastUsedAnnotationId";
    lastId.text() = annotationId;

    auto type = root.append_child("LINGUISTIC_TYPE");
    type.append_attribute("GRAPHIC_REFERENCES") = "false";
    type.append_attribute("LINGUISTIC_TYPE_ID") = "comment";
    type.append_attribute("TIME_ALIGNABLE") = "true";
    const char* stereotypes[][2] = {
        {"Time_Subdivision", "Time subdivision of parent annotation's time interval, no time gaps allowed within this interval"},
        {"Symbolic_Subdivision", "Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered"},
        {"Symbolic_Association", "1-1 association with a parent annotation"},
        {"Included_In", "Time alignable annotations within the parent annotation's time interval, gaps are allowed"}};
    for (auto& st : stereotypes) {
        auto c = root.append_child("CONSTRAINT");
        c.append_attribute("DESCRIPTION") = st[1];
        c.append_attribute("STEREOTYPE") = st[0];
    }
    std::ostringstream out;
    doc.save(out, "    ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace ll::exchange
