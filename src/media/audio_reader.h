#pragma once
// Streaming audio decode of one stream to interleaved float at a chosen rate and channel count:
// mono 16 kHz for analysis, the device's format for playback. Memory stays flat however long
// the lesson is: at most one decoded frame and one resampled block are held.
//
// Samples are placed on the media timeline (relative to the container's start): audio that
// starts late is preceded by silence, so sample i is at i / sampleRate seconds.
//
// AudioReader is owned by one thread (the audio decode thread, or a job); extractAudio runs on
// the calling thread.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>

#include "core/media_time.h"
#include "core/result.h"

namespace ll::media {

class PeakPyramid;

struct AudioFormat {
    int sampleRate = 16000;
    int channels = 1;  // 1 mono, 2 stereo, ...; FFmpeg's default layout for the count
};

struct AudioReaderOptions {
    int streamIndex = -1;  // -1: the default audio stream
    AudioFormat format;
};

class AudioReader {
public:
    // Error::Code::NotFound with "<file> has no audio" for video-only files.
    static Result<std::unique_ptr<AudioReader>> open(const std::filesystem::path& file,
                                                     AudioReaderOptions options = {});
    ~AudioReader();
    AudioReader(const AudioReader&) = delete;
    AudioReader& operator=(const AudioReader&) = delete;

    int streamIndex() const;
    const AudioFormat& format() const;
    int sourceSampleRate() const;
    int sourceChannels() const;
    MediaTime duration() const;  // the container's, zero when unknown

    // Fills `out` with whole frames (channels interleaved) and returns how many frames it wrote;
    // fewer than asked only at the end, 0 after the end.
    Result<size_t> read(std::span<float> out);
    // The next read starts at `t` (clamped at 0), sample-exact.
    Status seek(MediaTime t);
    // Time of the next frame read returns.
    MediaTime position() const;

private:
    struct Impl;
    explicit AudioReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

struct AudioExtractOptions {
    int streamIndex = -1;
    int sampleRate = 16000;        // mono
    size_t blockSamples = 16000;   // samples per callback (the last block may be shorter)
    PeakPyramid* peaks = nullptr;  // filled as blocks pass, when given; finish() is called
    const std::atomic<bool>* cancel = nullptr;  // checked between blocks
};

struct AudioExtractSummary {
    int streamIndex = -1;
    int sampleRate = 0;
    int64_t samples = 0;
    MediaTime duration;
};

// Calls `onBlock(samples, start)` for consecutive mono blocks from the start of the file.
using AudioBlockFn = std::function<void(std::span<const float> samples, MediaTime start)>;
Result<AudioExtractSummary> extractAudio(const std::filesystem::path& file,
                                         const AudioExtractOptions& options,
                                         const AudioBlockFn& onBlock);

}  // namespace ll::media
