#pragma once
// JSON forms shared by the CLI's --json output and the JSON export, so both read the same.
// Times are seconds (numbers); stamps are ISO 8601 UTC.

#include <nlohmann/json.hpp>

#include "exchange/export_data.h"

namespace ll::exchange {

double jsonSeconds(MediaTime t);
nlohmann::json commentJson(const store::Comment& comment);
nlohmann::json segmentsJson(const std::vector<analysis::TalkSegment>& segments);
nlohmann::json metricsJson(const analysis::TalkMetrics& metrics);
nlohmann::json clipJson(const store::Clip& clip);
// The whole export: {"clip", "comments", "talk": {"segments", "metrics"} | null}.
std::string toJson(const ExportData& data);

}  // namespace ll::exchange
