#pragma once
// Plays sound faster or slower without changing its pitch: interleaved float frames go through
// FFmpeg's `atempo` filter (WSOLA), chained when the factor lies outside the 0.5..2 that one
// atempo stage handles well. This file and audio_tempo.cpp are the player's only libavfilter
// glue (ARCHITECTURE.md: playback's decoder glue may include libav*).
// Owned by one thread (the audio feeder, or a test); not thread-safe.

#include <memory>
#include <span>
#include <vector>

#include "core/result.h"

namespace ll::playback {

class AudioTempo {
public:
    // `speed` 0.25..4 (1 passes the audio through the filter unchanged, but still works).
    static Result<std::unique_ptr<AudioTempo>> create(int sampleRate, int channels, double speed);
    ~AudioTempo();
    AudioTempo(const AudioTempo&) = delete;
    AudioTempo& operator=(const AudioTempo&) = delete;

    double speed() const { return m_speed; }
    // Feeds whole frames (channels interleaved) and appends whatever the filter releases to
    // `out`. The filter holds back a window of a few tens of milliseconds until more input or
    // finish() arrives.
    Status push(std::span<const float> frames, std::vector<float>& out);
    // End of input: appends the remaining output. push() may not follow.
    Status finish(std::vector<float>& out);

    struct Impl;

private:
    AudioTempo(std::unique_ptr<Impl> impl, double speed);
    Status drain(std::vector<float>& out);
    std::unique_ptr<Impl> m_impl;
    double m_speed;
};

}  // namespace ll::playback
