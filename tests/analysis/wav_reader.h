#pragma once
// A tiny WAV reader for tests and the evaluation tool: PCM 16-bit or IEEE float 32-bit,
// any channel count (mixed down to mono). Sample rate is reported, not converted.

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace ll::analysis::test {

struct WavData {
    int sampleRate = 0;
    std::vector<float> samples;  // mono
};

inline bool readWav(const std::string& path, WavData& out, std::string* error = nullptr) {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot open");
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 ||
        std::memcmp(bytes.data() + 8, "WAVE", 4) != 0)
        return fail("not a RIFF/WAVE file");
    auto u16 = [&](size_t at) {
        uint16_t v;
        std::memcpy(&v, bytes.data() + at, 2);
        return v;
    };
    auto u32 = [&](size_t at) {
        uint32_t v;
        std::memcpy(&v, bytes.data() + at, 4);
        return v;
    };
    int format = 0, channels = 0, bits = 0;
    size_t pos = 12;
    while (pos + 8 <= bytes.size()) {
        const uint32_t size = u32(pos + 4);
        const size_t body = pos + 8;
        if (std::memcmp(bytes.data() + pos, "fmt ", 4) == 0 && body + 16 <= bytes.size()) {
            format = u16(body);
            channels = u16(body + 2);
            out.sampleRate = static_cast<int>(u32(body + 4));
            bits = u16(body + 14);
            if (format == 0xFFFE && size >= 26) format = u16(body + 24);  // extensible
        } else if (std::memcmp(bytes.data() + pos, "data", 4) == 0) {
            if (channels <= 0) return fail("data before fmt");
            const size_t avail = std::min<size_t>(size, bytes.size() - body);
            const size_t width = static_cast<size_t>(bits / 8) * static_cast<size_t>(channels);
            const size_t n = avail / width;
            out.samples.assign(n, 0.0f);
            for (size_t i = 0; i < n; ++i) {
                float acc = 0;
                for (int c = 0; c < channels; ++c) {
                    const size_t at = body + i * width + static_cast<size_t>(c) * (bits / 8);
                    if (format == 1 && bits == 16) {
                        int16_t v;
                        std::memcpy(&v, bytes.data() + at, 2);
                        acc += static_cast<float>(v) / 32768.0f;
                    } else if (format == 3 && bits == 32) {
                        float v;
                        std::memcpy(&v, bytes.data() + at, 4);
                        acc += v;
                    } else {
                        return fail("unsupported sample format (want 16-bit PCM or 32-bit float)");
                    }
                }
                out.samples[i] = acc / static_cast<float>(channels);
            }
            return true;
        }
        pos = body + size + (size & 1);
    }
    return fail("no data chunk");
}

}  // namespace ll::analysis::test
