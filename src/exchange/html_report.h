#pragma once
// Self-contained HTML reports: one file with inline SVG charts and inline thumbnails, readable
// on screen and on paper, that opens with no network and no other files.

#include <string>
#include <vector>

#include "exchange/export_data.h"
#include "store/repositories.h"

namespace ll::exchange {

std::string toHtmlReport(const ExportData& data);

struct RoundReportData {
    store::Round round;
    std::string focusTag;              // comments with this tag are "for the focus"
    std::vector<ExportData> classrooms;  // one per clip, in the round's order
    int64_t generatedAt = 0;
};
// The focus question, each classroom's talk time side by side, the comments tagged for the
// focus, and tag counts per classroom so patterns across rooms show.
std::string toRoundReport(const RoundReportData& data);

// How often each tag was used in each classroom of a round, alphabetically by tag: the report's
// and the app's "tags in each classroom" table.
struct RoundTagRow {
    std::string tag;
    std::vector<int> perClassroom;  // in the round's order
    int total = 0;
};
std::vector<RoundTagRow> roundTagCounts(const RoundReportData& data);

std::string base64(std::string_view bytes);

}  // namespace ll::exchange
