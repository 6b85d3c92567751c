#pragma once
// Plain-text exports: CSV for spreadsheets, WebVTT and SRT captions for video players, RTTM
// talk segments for speech tools.

#include <string>

#include "exchange/export_data.h"

namespace ll::exchange {

// RFC 4180 with a UTF-8 byte-order mark and CRLF line ends, which spreadsheet programs need to
// read non-ASCII text and cells with commas, quotes and newlines correctly.
std::string toCsv(const ExportData& data);
// Comments as captions: point comments show for kPointCaption (shortened before the next
// comment's start is not attempted: players stack overlapping cues).
std::string toWebVtt(const ExportData& data);
std::string toSrt(const ExportData& data);
// One SPEAKER line per stretch of talk; silence is what the lines leave out.
std::string toRttm(const std::string& uri, const std::vector<analysis::TalkSegment>& segments);

inline constexpr MediaTime kPointCaption = MediaTime::fromMillis(4000);

}  // namespace ll::exchange
