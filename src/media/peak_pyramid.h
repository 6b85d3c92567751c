#pragma once
// Waveform peaks at every zoom level, computed once while audio is extracted so the timeline
// never reads the file again. Level 0 holds one min/max pair per bucket of `samplesPerBucket`
// samples (256 samples of 16 kHz audio = 16 ms); each further level halves the resolution, up to
// a single bucket. Peaks are stored as int16 (full scale 32767) to keep the blob small: a 3-hour
// lesson is about 2.7 MB at level 0 and as much again for all coarser levels together.
//
// Built by one thread (the extraction job); read-only and shareable once finish() was called.

#include <cstdint>
#include <span>
#include <vector>

#include "core/media_time.h"
#include "core/result.h"

namespace ll::media {

struct Peak {
    int16_t min = 0;
    int16_t max = 0;
    bool operator==(const Peak&) const = default;
};

class PeakPyramid {
public:
    static constexpr int kDefaultSamplesPerBucket = 256;

    explicit PeakPyramid(int sampleRate = 16000, int samplesPerBucket = kDefaultSamplesPerBucket);

    // Appends mono samples in [-1, 1] (values outside are clipped).
    void add(std::span<const float> samples);
    // Closes the last partial bucket and builds the coarser levels. Further add() calls start a
    // new bucket after the current end.
    void finish();

    int sampleRate() const { return m_sampleRate; }
    int samplesPerBucket() const { return m_samplesPerBucket; }
    int64_t sampleCount() const { return m_sampleCount; }
    MediaTime duration() const;

    int levelCount() const { return static_cast<int>(m_levels.size()); }
    std::span<const Peak> level(int index) const;
    // Time covered by one bucket at `level`.
    MediaTime bucketDuration(int level) const;

    // `columns` peaks covering `range` evenly (e.g. one per pixel), each the min/max of every
    // sample in its column, read from the coarsest level that still has one bucket per column.
    // Columns past the end of the audio are {0, 0}.
    std::vector<Peak> peaks(TimeRange range, int columns) const;

    // A self-describing little-endian blob ("LLPK", version 1) holding level 0; the coarser
    // levels are rebuilt on load.
    std::vector<uint8_t> serialize() const;
    static Result<PeakPyramid> deserialize(std::span<const uint8_t> blob);

private:
    void rebuildLevels();

    int m_sampleRate;
    int m_samplesPerBucket;
    int64_t m_sampleCount = 0;
    int m_inBucket = 0;  // samples in the open bucket
    float m_openMin = 0, m_openMax = 0;
    std::vector<std::vector<Peak>> m_levels;  // [0] is the finest
};

}  // namespace ll::media
