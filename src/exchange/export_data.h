#pragma once
// What an export of one clip contains, gathered by jobs/ from the library (and thumbnails from
// the media), and written by the format functions below. Private comments are filtered out by
// the gatherer unless the reviewer asked for them.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/talk_analyzer.h"
#include "analysis/talk_metrics.h"
#include "store/model.h"

namespace ll::exchange {

struct TalkSummary {
    std::vector<analysis::TalkSegment> segments;  // corrections applied
    analysis::TalkMetrics metrics;
    size_t corrections = 0;
};

struct ExportData {
    store::Clip clip;
    std::vector<store::Comment> comments;          // time order
    std::map<Id, store::Reviewer> reviewers;       // authors of the comments
    std::optional<TalkSummary> talk;               // when the clip was analysed
    std::map<Id, std::string> thumbnails;          // comment id -> PNG bytes (HTML only)
    int64_t generatedAt = 0;                       // Unix microseconds
};

}  // namespace ll::exchange
