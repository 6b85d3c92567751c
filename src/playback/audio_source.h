#pragma once
// The sound the speaker plays: the clip's audio from a position, decoded and resampled by
// media::AudioReader, then time-stretched by AudioTempo when the speed is not 1x, so that
// output sample k is heard at media time `from + k * speed / rate` and the pitch stays put.
// Owned by one thread (the audio feeder, or a test).

#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "core/media_time.h"
#include "core/result.h"
#include "media/audio_reader.h"
#include "playback/audio_tempo.h"

namespace ll::playback {

class AudioSource {
public:
    // Error::Code::NotFound when the file has no sound.
    static Result<std::unique_ptr<AudioSource>> open(const std::filesystem::path& file,
                                                     media::AudioFormat format);

    const media::AudioFormat& format() const { return m_reader->format(); }
    double speed() const { return m_speed; }
    // The next read starts at `from` (media time), played at `speed` (0.25..4).
    Status start(MediaTime from, double speed);
    // Fills `out` with whole interleaved frames; returns how many; 0 once everything is out.
    Result<size_t> read(std::span<float> out);

private:
    explicit AudioSource(std::unique_ptr<media::AudioReader> reader);

    std::unique_ptr<media::AudioReader> m_reader;
    std::unique_ptr<AudioTempo> m_tempo;  // null at 1x: samples pass straight through
    double m_speed = 1.0;
    std::vector<float> m_block;    // one read from the reader
    std::vector<float> m_stretched;  // tempo output not yet handed out
    size_t m_stretchedPos = 0;
    bool m_inputEnded = false;
};

}  // namespace ll::playback
