#include "jobs/export.h"

#include <fstream>
#include <random>
#include <system_error>

#include "core/text.h"
#include "core/time_text.h"
#include "exchange/eaf.h"
#include "exchange/json_export.h"
#include "exchange/text_formats.h"
#include "jobs/talk_analysis.h"
#include "media/png_writer.h"
#include "media/video_decoder.h"

namespace ll::jobs {
namespace fs = std::filesystem;

Result<ExportFormat> parseExportFormat(std::string_view name) {
    std::string n = toLower(trimView(name));
    if (n == "csv") return ExportFormat::Csv;
    if (n == "json") return ExportFormat::Json;
    if (n == "vtt" || n == "webvtt") return ExportFormat::Vtt;
    if (n == "srt") return ExportFormat::Srt;
    if (n == "eaf" || n == "elan") return ExportFormat::Eaf;
    if (n == "rttm") return ExportFormat::Rttm;
    if (n == "html") return ExportFormat::Html;
    return Error::invalid("\"" + std::string(name) +
                          "\" is not an export format; use csv, json, vtt, srt, eaf, rttm or html");
}

namespace {

// PNG bytes of the frame shown at each comment's start. A clip whose video is not on this
// machine (or has none) simply gets no thumbnails: the report is still useful.
void addThumbnails(exchange::ExportData& d, int width) {
    std::error_code ec;
    if (d.clip.path.empty() || !fs::exists(d.clip.path, ec)) return;
    auto decoder = media::VideoDecoder::open(d.clip.path);
    if (!decoder) return;
    std::random_device rd;
    fs::path tmp = fs::temp_directory_path() / ("lessonlens-thumb-" + std::to_string(rd()) + ".png");
    for (const auto& c : d.comments) {
        if (c.parentId) continue;  // replies share their thread's picture
        if (!(*decoder)->seek(c.start)) continue;
        auto image = (*decoder)->thumbnail(width);
        if (!image || !media::writePng(tmp, *image)) continue;
        std::ifstream in(tmp, std::ios::binary);
        d.thumbnails[c.id] = std::string((std::istreambuf_iterator<char>(in)), {});
    }
    fs::remove(tmp, ec);
}

}  // namespace

Result<exchange::ExportData> gatherExport(store::Library& library, const store::Clip& clip,
                                          const ExportOptions& options) {
    exchange::ExportData d;
    d.clip = clip;
    d.generatedAt = nowUnixMicros();
    store::CommentFilter filter;
    filter.authorId = options.reviewer;
    filter.includePrivate = options.includePrivate;
    LL_ASSIGN(d.comments, library.comments().list(clip.id, filter));
    for (const auto& c : d.comments) {
        if (d.reviewers.count(c.authorId)) continue;
        LL_ASSIGN(auto r, library.reviewers().get(c.authorId));
        if (r) d.reviewers[c.authorId] = *r;
    }
    LL_ASSIGN(auto talk, loadTalk(library, clip));
    if (talk) d.talk = exchange::TalkSummary{talk->segments, talk->metrics, talk->corrections.size()};
    if (options.thumbnails) addThumbnails(d, options.thumbnailWidth);
    return d;
}

Result<size_t> privateLeftOut(store::Library& library, const store::Clip& clip, const ExportOptions& options) {
    if (options.includePrivate) return size_t{0};
    // Private notes and the replies to them (which stay with them).
    store::CommentFilter filter;
    filter.authorId = options.reviewer;
    filter.includePrivate = true;
    LL_ASSIGN(auto all, library.comments().list(clip.id, filter));
    filter.includePrivate = false;
    LL_ASSIGN(auto shared, library.comments().list(clip.id, filter));
    return all.size() - shared.size();
}

std::string exportSummary(const std::filesystem::path& out, const exchange::ExportData& data, ExportFormat format,
                          size_t leftOut, bool includePrivate) {
    std::string s = "Wrote " + out.string() + " (";
    if (format == ExportFormat::Rttm) {
        const size_t n = data.talk ? data.talk->segments.size() : 0;
        return s + std::to_string(n) + (n == 1 ? " talk segment)" : " talk segments)");
    }
    const size_t written = data.comments.size();
    s += std::to_string(written) + (written == 1 ? " comment" : " comments");
    if (includePrivate) s += ", private ones included";
    else if (leftOut == 1) s += "; 1 private comment stays on this computer";
    else if (leftOut > 1) s += "; " + std::to_string(leftOut) + " private comments stay on this computer";
    return s + ")";
}

Result<std::string> renderExport(const exchange::ExportData& d, ExportFormat format) {
    switch (format) {
        case ExportFormat::Csv: return exchange::toCsv(d);
        case ExportFormat::Json: return exchange::toJson(d);
        case ExportFormat::Vtt: return exchange::toWebVtt(d);
        case ExportFormat::Srt: return exchange::toSrt(d);
        case ExportFormat::Eaf: return exchange::toEaf(d);
        case ExportFormat::Html: return exchange::toHtmlReport(d);
        case ExportFormat::Rttm:
            if (!d.talk) {
                return Error::notFound("\"" + d.clip.title + "\" has no talk segments yet; analyse "
                                       "it first (lessonlens-cli analyze)");
            }
            return exchange::toRttm(d.clip.id.toString(), d.talk->segments);
    }
    return Error::invalid("unknown export format");
}

Result<exchange::RoundReportData> gatherRound(store::Library& library, const store::Round& round,
                                              bool thumbnails) {
    exchange::RoundReportData r;
    r.round = round;
    r.focusTag = round.focusTag;
    r.generatedAt = nowUnixMicros();
    for (const Id& clipId : round.clipIds) {
        LL_ASSIGN(auto clip, library.clips().get(clipId));
        if (!clip) continue;
        ExportOptions options;
        options.thumbnails = thumbnails;
        options.thumbnailWidth = 240;
        LL_ASSIGN(auto data, gatherExport(library, *clip, options));
        r.classrooms.push_back(std::move(data));
    }
    return r;
}

}  // namespace ll::jobs
