// The talk-time engine takes whatever a decoder hands it: silence, clipping, DC, denormals, and
// from a damaged float stream NaN and infinity. Whatever the samples, the segments cover the
// clip without gaps or overlaps, every confidence is a number in 0..1, and the coach's metrics
// and a reviewer's corrections keep those properties.
//
// Input: byte 0 picks the sample format (bit 0: float32, else int16) and byte 1 the block size
// the samples are pushed in; bytes 2-3 a teacher hint in tenths of a second (0: none); bytes
// 4-15 three relabels (start, length, label, unused), scaled to the clip; the rest are samples,
// at most 30 s of them.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "analysis/talk_analyzer.h"
#include "analysis/talk_metrics.h"
#include "fuzz/fuzz_target.h"
#ifndef LL_FUZZ_LIBFUZZER
#include "analysis/synth_signals.h"
#endif

namespace {

using namespace ll;
using namespace ll::analysis;

constexpr size_t kHeader = 16;
constexpr size_t kMaxSamples = 30 * 16000;

void checkCovers(const std::vector<TalkSegment>& segments, MediaTime duration) {
    if (duration <= MediaTime()) return;
    LL_FUZZ_CHECK(!segments.empty());
    LL_FUZZ_CHECK(segments.front().range.start == MediaTime());
    LL_FUZZ_CHECK(segments.back().range.end == duration);
    for (size_t i = 0; i < segments.size(); ++i) {
        const auto& s = segments[i];
        LL_FUZZ_CHECK(s.range.start < s.range.end);
        if (i > 0) LL_FUZZ_CHECK(segments[i - 1].range.end == s.range.start);
        LL_FUZZ_CHECK(std::isfinite(s.confidence));
        LL_FUZZ_CHECK(s.confidence >= 0.0f && s.confidence <= 1.0f);
        const int label = static_cast<int>(s.label);
        LL_FUZZ_CHECK(label >= 0 && label < kTalkLabelCount);
    }
}

void checkMetrics(const std::vector<TalkSegment>& segments, MediaTime duration) {
    const TalkMetrics m = computeTalkMetrics(segments, duration);
    double shares = 0;
    for (double s : m.labelShare) {
        LL_FUZZ_CHECK(std::isfinite(s) && s >= 0.0 && s <= 1.0 + 1e-9);
        shares += s;
    }
    if (duration > MediaTime()) LL_FUZZ_CHECK(std::abs(shares - 1.0) < 1e-6);
    for (const WaitTime& w : {m.waitAfterTeacher, m.waitAfterStudents}) {
        LL_FUZZ_CHECK(std::isfinite(w.longShare) && w.longShare >= 0 && w.longShare <= 1);
        LL_FUZZ_CHECK(w.count >= 0 && w.median >= MediaTime() && w.median <= duration);
    }
    LL_FUZZ_CHECK(m.medianStudentTurn >= MediaTime());
    LL_FUZZ_CHECK(m.longestTeacherStretch <= duration);
    LL_FUZZ_CHECK(m.perMinute.size() == minuteCount(duration));
    // Every moment of the clip is in exactly one minute's bars.
    MediaTime inMinutes;
    for (const auto& minute : m.perMinute)
        for (MediaTime t : minute.labelTime) inMinutes += t;
    MediaTime labelled;
    for (MediaTime t : m.labelTime) labelled += t;
    LL_FUZZ_CHECK(inMinutes == labelled);
}

#ifndef LL_FUZZ_LIBFUZZER
std::string header(bool asFloat, double hintS) {
    std::string h(kHeader, '\0');
    h[0] = asFloat ? 1 : 0;
    h[1] = 7;
    const int hint = static_cast<int>(hintS * 10);
    h[2] = static_cast<char>(hint & 0xff);
    h[3] = static_cast<char>(hint >> 8);
    const char relabels[12] = {10, 20, 1, 0, 60, 5, 0, 0, static_cast<char>(200), 40, 3, 0};
    std::memcpy(h.data() + 4, relabels, sizeof relabels);
    return h;
}

// Two voices taking turns with pauses over faint room noise: a low one (the teacher) and a
// high one.
std::vector<float> lessonSamples() {
    using namespace ll::analysis::test;
    auto x = whiteNoise(8.0, 0.001);
    addInto(x, voice(120, 2.5, 0.5), 0);
    addInto(x, voice(260, 1.2, 0.3), 16000 * 33 / 10);
    addInto(x, voice(130, 2.0, 0.5), 16000 * 6);
    return x;
}

std::vector<std::string> seeds() {
    const std::vector<float> x = lessonSamples();
    std::string asInt16 = header(false, 1.0);
    for (float v : x) {
        const auto s = static_cast<int16_t>(std::clamp(v, -1.0f, 1.0f) * 32767);
        asInt16.append(reinterpret_cast<const char*>(&s), sizeof s);
    }
    std::string asFloat = header(true, 0);
    asFloat.append(reinterpret_cast<const char*>(x.data()), x.size() * sizeof(float));
    std::string broken = header(true, 0);  // a damaged float stream
    std::vector<float> y(x.begin(), x.begin() + 16000);
    y[100] = std::nanf("");
    y[5000] = INFINITY;
    y[9000] = -INFINITY;
    y[12000] = 3e38f;
    broken.append(reinterpret_cast<const char*>(y.data()), y.size() * sizeof(float));
    return {asInt16, asFloat, broken, header(false, 0), header(false, 0) + std::string(4000, '\x7f')};
}
#endif

}  // namespace

LL_FUZZ_TARGET(talk, seeds) {
    if (size < kHeader) return 0;
    const bool asFloat = (data[0] & 1) != 0;
    const size_t block = 1 + static_cast<size_t>(data[1]) * 97;
    const int hintTenths = data[2] | (data[3] << 8);
    std::vector<float> samples;
    const uint8_t* p = data + kHeader;
    const size_t rest = size - kHeader;
    if (asFloat) {
        samples.resize(std::min(rest / sizeof(float), kMaxSamples));
        if (!samples.empty()) std::memcpy(samples.data(), p, samples.size() * sizeof(float));
    } else {
        samples.resize(std::min(rest / sizeof(int16_t), kMaxSamples));
        for (size_t i = 0; i < samples.size(); ++i) {
            int16_t s;
            std::memcpy(&s, p + 2 * i, sizeof s);
            samples[i] = static_cast<float>(s) / 32768.0f;
        }
    }

    TalkAnalyzer analyzer;
    for (size_t i = 0; i < samples.size(); i += block) {
        const size_t n = std::min(block, samples.size() - i);
        analyzer.push(std::span<const float>(samples.data() + i, n));
    }
    std::optional<MediaTime> hint;
    if (hintTenths > 0) hint = MediaTime::fromMillis(int64_t{hintTenths} * 100);
    auto result = analyzer.finish(hint);
    LL_FUZZ_CHECK(result.ok());
    const MediaTime duration = result->duration;
    LL_FUZZ_CHECK(duration >= MediaTime());
    checkCovers(result->segments, duration);
    for (const auto& s : result->segments) {
        if (s.label == TalkLabel::Silence || s.label == TalkLabel::Multiple)
            LL_FUZZ_CHECK(s.speaker == -1);
        else
            LL_FUZZ_CHECK(s.speaker >= -1 && s.speaker < result->speakerCount);
    }
    checkMetrics(result->segments, duration);

    // A reviewer's corrections, anywhere (even outside the clip), in any order.
    TalkCorrections corrections;
    if (hint) corrections.teacherAt = *hint;
    for (int k = 0; k < 3; ++k) {
        const uint8_t* r = data + 4 + 4 * k;
        const int64_t at = duration.micros() * r[0] / 200;
        const int64_t length = duration.micros() * r[1] / 100;
        const auto label = static_cast<TalkLabel>(r[2] % kTalkLabelCount);
        corrections.relabels.push_back(
            {{MediaTime::fromMicros(at), MediaTime::fromMicros(at + length)}, label});
    }
    const auto corrected = applyCorrections(result->segments, corrections);
    checkCovers(corrected, duration);
    checkMetrics(corrected, duration);
    return 0;
}
