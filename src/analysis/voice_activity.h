#pragma once
// Frame-level decisions before anyone is named: is a voice present, and is it more than one?
// All functions are pure and run over the whole recording's features (10 ms frames).

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/feature_extractor.h"
#include "analysis/talk_params.h"

namespace ll::analysis {

// A frame clearly voiced at a speaking pitch (voicing >= params.voicedMin, 60-450 Hz): the voiced
// frame of the speaker models, the several-voices cues and the short-answer and one-voice tests.
inline bool isVoiced(const FrameFeatures& f, const TalkParams& params) {
    return f.voicing >= params.voicedMin && f.pitchHz >= kMinPitchHz && f.pitchHz <= 450.0f;
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

}  // namespace ll::analysis
