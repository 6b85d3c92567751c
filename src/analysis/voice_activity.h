#pragma once
// Frame-level decisions before anyone is named: is a voice present, and is it more than one?
// All functions are pure and run over the whole recording's features (10 ms frames).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/feature_extractor.h"
#include "analysis/talk_params.h"

namespace ll::analysis {

// A frame voiced at least `minVoicing` at a speaking pitch (60-450 Hz).
inline bool hasSpeakingPitch(const FrameFeatures& f, float minVoicing) {
    return f.voicing >= minVoicing && f.pitchHz >= kMinPitchHz && f.pitchHz <= 450.0f;
}

// Whether the pitch moves more than 0.12 octave from voiced frame `prev` to the next, `cur`: one
// voice glides, while the pitch track of several voices hops between them (the several-voices
// cues, the chorus test and each speaker's hop share).
inline bool pitchHops(const FrameFeatures& prev, const FrameFeatures& cur) {
    return std::abs(std::log2(cur.pitchHz / prev.pitchHz)) > 0.12f;
}

// A frame clearly voiced at a speaking pitch (voicing >= params.voicedMin): the voiced frame of
// the speaker models, the several-voices cues and the short-answer and one-voice tests.
inline bool isVoiced(const FrameFeatures& f, const TalkParams& params) {
    return hasSpeakingPitch(f, params.voicedMin);
}

// Background level per frame (dB, same scale as FrameFeatures::logEnergy). See TalkParams.
std::vector<float> estimateNoiseFloor(std::span<const FrameFeatures> frames,
                                      const TalkParams& params);

// Per-frame evidence for voice activity, kept for confidences.
struct VoiceActivity {
    std::vector<uint8_t> speech;  // 1 where a voice is present (after bridging and pruning)
    std::vector<float> snrDb;     // smoothed level above the floor
};

VoiceActivity detectVoiceActivity(std::span<const FrameFeatures> frames,
                                  std::span<const float> floorDb, const TalkParams& params);

// 1 for the frames of a steady tone: a buzzer, a beep, a fan's whine, a held note on an
// instrument, whose pitch holds within params.toneOct of where it began for params.toneMinS or
// longer, or which stays pitched at a level within params.toneLevelDb for that long; and a beep
// repeated at one pitch and pace, each shorter than that (TalkParams::pulseMinS). A voice's pitch
// never holds that still, nor its level (see TalkParams::toneOct, toneLevelDb). Never talk.
std::vector<uint8_t> steadyTones(std::span<const FrameFeatures> frames, const TalkParams& params);

// Score per frame: > params.multiThreshold means several voices at once. Only meaningful where
// speech is 1. Combines level steadiness, the absence of pauses between syllables, and loudness
// relative to single-voice talk in the same recording (DART, Owens et al. 2017), hops of the
// pitch track, and, against several voices, a strongly syllable-modulated level.
std::vector<float> multiVoiceScore(std::span<const FrameFeatures> frames,
                                   const VoiceActivity& activity, const TalkParams& params);

// Replaces runs of `value` shorter than minFrames (and not touching the ends) with their
// neighbours' value when both neighbours agree, or with `fill` otherwise.
void removeShortRuns(std::vector<uint8_t>& labels, uint8_t value, int minFrames, uint8_t fill);

// Windowed mean of x over [i - half, i + half], clipped at the ends; O(n).
std::vector<float> windowedMean(std::span<const float> x, int half);

// The same over value(0), value(1), ... value(n - 1), each asked for once and in that order, so
// that a series computed from others needs no array of its own: at 3 hours every per-frame
// array is 4.3 MB. Keeps only a window's prefix sums (not n + 1 of them, 8.6 MB), and gives
// the same floats as windowedMean: the sums are the same doubles, added in the same order.
template <class Value>
std::vector<float> windowedMeanOf(size_t n, int half, Value&& value) {
    std::vector<float> out(n);
    if (n == 0) return out;
    const size_t h = static_cast<size_t>(std::max(half, 0));
    // prefix[k] = value(0) + ... + value(k - 1), kept for k in (computed - ring, computed].
    const size_t ring = std::min(2 * h + 2, n + 1);
    std::vector<double> prefix(ring, 0.0);
    double sum = 0.0;
    size_t computed = 0;
    for (size_t i = 0; i < n; ++i) {
        const size_t a = i >= h ? i - h : 0;
        const size_t b = std::min(n, i + h + 1);
        while (computed < b) {
            sum += value(computed);
            prefix[++computed % ring] = sum;
        }
        out[i] =
            static_cast<float>((prefix[b % ring] - prefix[a % ring]) / static_cast<double>(b - a));
    }
    return out;
}

}  // namespace ll::analysis
