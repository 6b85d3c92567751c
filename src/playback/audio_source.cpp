#include "playback/audio_source.h"

#include <algorithm>
#include <cstring>

namespace ll::playback {
namespace {
constexpr size_t kBlockFrames = 1024;
}

Result<std::unique_ptr<AudioSource>> AudioSource::open(const std::filesystem::path& file,
                                                       media::AudioFormat format) {
    LL_ASSIGN(auto reader, media::AudioReader::open(file, {.streamIndex = -1, .format = format}));
    return std::unique_ptr<AudioSource>(new AudioSource(std::move(reader)));
}

AudioSource::AudioSource(std::unique_ptr<media::AudioReader> reader)
    : m_reader(std::move(reader)),
      m_block(kBlockFrames * static_cast<size_t>(m_reader->format().channels)) {}

Status AudioSource::start(MediaTime from, double speed) {
    if (!(speed >= 0.25 && speed <= 4.0)) return Error::invalid("the speed must be between 0.25 and 4");
    LL_TRY(m_reader->seek(from));
    m_stretched.clear();
    m_stretchedPos = 0;
    m_inputEnded = false;
    m_speed = speed;
    m_tempo.reset();
    if (speed != 1.0) {
        // A fresh filter: atempo keeps a window of the previous position otherwise.
        LL_ASSIGN(m_tempo, AudioTempo::create(format().sampleRate, format().channels, speed));
    }
    return {};
}

Result<size_t> AudioSource::read(std::span<float> out) {
    const auto channels = static_cast<size_t>(format().channels);
    if (!m_tempo) {
        LL_ASSIGN(size_t n, m_reader->read(out));
        return n;
    }
    const size_t want = out.size() / channels;
    size_t done = 0;
    while (done < want) {
        if (m_stretchedPos < m_stretched.size()) {
            size_t have = (m_stretched.size() - m_stretchedPos) / channels;
            size_t n = std::min(have, want - done);
            std::memcpy(out.data() + done * channels, m_stretched.data() + m_stretchedPos, n * channels * sizeof(float));
            m_stretchedPos += n * channels;
            done += n;
            continue;
        }
        if (m_inputEnded) break;
        m_stretched.clear();
        m_stretchedPos = 0;
        LL_ASSIGN(size_t got, m_reader->read(m_block));
        if (got == 0) {
            m_inputEnded = true;
            LL_TRY(m_tempo->finish(m_stretched));
        } else {
            LL_TRY(m_tempo->push(std::span<const float>(m_block.data(), got * channels), m_stretched));
        }
    }
    return done;
}

}  // namespace ll::playback
