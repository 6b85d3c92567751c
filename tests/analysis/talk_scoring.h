#pragma once
// Frame scoring of talk segments against simulator truth, by the same rules as
// scripts/lesson_sim/score.py: 10 ms frames, a 0.25 s collar around every true label change,
// per-label share error in percentage points over all frames, voice-activity accuracy.

#include <array>
#include <cmath>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/talk_analyzer.h"

namespace ll::analysis::test {

// truth.csv: "frame,label" header, then one row per 10 ms frame.
inline bool readTruth(const std::string& path, std::vector<TalkLabel>& out) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        if (comma == std::string::npos) continue;
        const auto label = parseTalkLabel(std::string_view(line).substr(comma + 1));
        if (!label) return false;
        out.push_back(*label);
    }
    return true;
}

inline std::vector<TalkLabel> segmentsToFrames(std::span<const TalkSegment> segments,
                                               size_t frames) {
    std::vector<TalkLabel> out(frames, TalkLabel::Silence);
    for (const auto& s : segments) {
        const auto a = static_cast<size_t>(
            std::max<int64_t>(0, std::llround(s.range.start.micros() / 10000.0)));
        const auto b =
            static_cast<size_t>(std::max<int64_t>(0, std::llround(s.range.end.micros() / 10000.0)));
        for (size_t k = a; k < std::min(b, frames); ++k) out[k] = s.label;
    }
    return out;
}

// 10 ms frame labels as segments (runs of one label), e.g. the truth, for computeTalkMetrics.
inline std::vector<TalkSegment> framesToSegments(std::span<const TalkLabel> frames) {
    std::vector<TalkSegment> out;
    for (size_t i = 0; i < frames.size();) {
        size_t j = i;
        while (j < frames.size() && frames[j] == frames[i]) ++j;
        out.push_back({{MediaTime::fromMicros(static_cast<int64_t>(i) * 10000),
                        MediaTime::fromMicros(static_cast<int64_t>(j) * 10000)},
                       frames[i],
                       1.0f,
                       -1});
        i = j;
    }
    return out;
}

struct FrameScore {
    double accuracy = 0;     // 4-class, outside the collar
    double vadAccuracy = 0;  // voice vs silence, outside the collar
    std::array<double, kTalkLabelCount> shareTrue{}, sharePred{}, shareErrPp{};
    double maxShareErrPp = 0;
    std::array<std::array<int, kTalkLabelCount>, kTalkLabelCount> confusion{};  // [truth][pred]

    std::string describe() const {
        std::ostringstream o;
        o.precision(3);
        o << "acc " << accuracy * 100 << "% vad " << vadAccuracy * 100 << "% maxShareErr "
          << maxShareErrPp << "pp |";
        for (int l = 0; l < kTalkLabelCount; ++l)
            o << ' ' << toString(static_cast<TalkLabel>(l)) << ' ' << shareTrue[l] * 100 << "->"
              << sharePred[l] * 100;
        o << "\n  confusion (rows truth S T St M):";
        for (const auto& row : confusion) {
            o << " [";
            for (int v : row) o << ' ' << v;
            o << " ]";
        }
        return o.str();
    }
};

inline FrameScore scoreFrames(std::span<const TalkLabel> truth, std::span<const TalkLabel> pred,
                              double collarS = 0.25) {
    FrameScore s;
    const size_t n = truth.size();
    std::vector<bool> keep(n, true);
    const auto c = static_cast<size_t>(std::llround(collarS * 100));
    for (size_t b = 1; b < n; ++b) {
        if (truth[b] == truth[b - 1]) continue;
        for (size_t k = b >= c ? b - c : 0; k < std::min(n, b + c); ++k) keep[k] = false;
    }
    size_t scored = 0, right = 0, vadRight = 0;
    for (size_t k = 0; k < n; ++k) {
        const TalkLabel p = k < pred.size() ? pred[k] : TalkLabel::Silence;
        s.shareTrue[static_cast<size_t>(truth[k])] += 1;
        s.sharePred[static_cast<size_t>(p)] += 1;
        if (!keep[k]) continue;
        ++scored;
        right += truth[k] == p;
        vadRight += (truth[k] == TalkLabel::Silence) == (p == TalkLabel::Silence);
        ++s.confusion[static_cast<size_t>(truth[k])][static_cast<size_t>(p)];
    }
    s.accuracy = scored ? static_cast<double>(right) / static_cast<double>(scored) : 1.0;
    s.vadAccuracy = scored ? static_cast<double>(vadRight) / static_cast<double>(scored) : 1.0;
    for (size_t l = 0; l < kTalkLabelCount; ++l) {
        s.shareTrue[l] /= static_cast<double>(std::max<size_t>(1, n));
        s.sharePred[l] /= static_cast<double>(std::max<size_t>(1, n));
        s.shareErrPp[l] = std::abs(s.sharePred[l] - s.shareTrue[l]) * 100;
        s.maxShareErrPp = std::max(s.maxShareErrPp, s.shareErrPp[l]);
    }
    return s;
}

}  // namespace ll::analysis::test
