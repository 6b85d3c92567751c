#pragma once
// Gathering what an export or report shows: a clip's comments (private ones only on request),
// its talk time with corrections applied, and thumbnails of the frames comments point at.

#include <filesystem>
#include <optional>
#include <string>

#include "exchange/export_data.h"
#include "exchange/html_report.h"
#include "store/library.h"

namespace ll::jobs {

enum class ExportFormat { Csv, Json, Vtt, Srt, Eaf, Rttm, Html };
Result<ExportFormat> parseExportFormat(std::string_view name);

struct ExportOptions {
    std::optional<Id> reviewer;   // only this reviewer's comments
    bool includePrivate = false;  // private comments never leave unless asked for
    bool thumbnails = false;      // grab a frame per comment (HTML)
    int thumbnailWidth = 320;
};

Result<exchange::ExportData> gatherExport(store::Library& library, const store::Clip& clip,
                                          const ExportOptions& options);
// How many private comments (and replies to them) an export with `options` leaves on this
// computer (none when they are included). Told to the person exporting, never written into the file.
Result<size_t> privateLeftOut(store::Library& library, const store::Clip& clip, const ExportOptions& options);
// "Wrote notes.html (6 comments; 1 private comment stays on this computer)": the line the app
// and the CLI show after an export, so its count agrees with the 7 the app shows. An RTTM file
// holds talk segments, and says so.
std::string exportSummary(const std::filesystem::path& out, const exchange::ExportData& data, ExportFormat format,
                          size_t leftOut, bool includePrivate);

// The file's content in the given format. RTTM needs an analysed clip.
Result<std::string> renderExport(const exchange::ExportData& data, ExportFormat format);

// `thumbnails`: a frame per comment for the HTML report (decodes video); the app's rounds view
// gathers without them.
Result<exchange::RoundReportData> gatherRound(store::Library& library, const store::Round& round,
                                              bool thumbnails = true);

}  // namespace ll::jobs
