// Damaged recordings: whatever the bytes of a file, every entry point of the media engine either
// refuses it with a message that names the file, or reads what it can.

#include <atomic>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"
#include "media/audio_reader.h"
#include "media/media_check.h"
#include "media/probe.h"
#include "media/video_decoder.h"
#include "support/temp_dir.h"
#ifndef LL_FUZZ_LIBFUZZER
#include "media/media_fixtures.h"
#endif

namespace {

using namespace ll;
using namespace ll::media;
namespace fs = std::filesystem;

void checkNamesFile(const Error& e, const fs::path& file) {
    LL_FUZZ_CHECK(!e.message.empty());
    LL_FUZZ_CHECK(e.message.find(file.filename().string()) != std::string::npos);
}

// One file per process, rewritten for every input; its folder goes when the process ends.
const fs::path& scratchFile() {
    static const ll::test::TempDir dir;
    static const fs::path path = dir / "lesson.mp4";
    return path;
}

#ifndef LL_FUZZ_LIBFUZZER
// Small files of the kinds teachers bring: phone MP4 (H.264 + AAC), WebM, MPEG-TS, a WAV and
// an MP3, and float PCM (whose damaged bytes decode to NaN and infinity).
std::vector<std::string> mediaSeeds() {
    using ll::media::test::makeFixture;
    const std::string picture = "-f lavfi -i testsrc=size=64x48:rate=10:duration=1 ";
    const std::string sound = "-f lavfi -i sine=frequency=220:duration=1:sample_rate=16000 ";
    return {
        ll::test::readFile(makeFixture("fuzz-seed.mp4", picture + sound +
                              "-c:v libx264 -preset ultrafast -g 4 -bf 2 -c:a aac -b:a 24k "
                              "-ac 1 -shortest")),
        ll::test::readFile(makeFixture("fuzz-seed.webm",
                              picture + sound + "-c:v libvpx -b:v 50k -c:a libopus -shortest")),
        ll::test::readFile(makeFixture("fuzz-seed.ts",
                              picture + sound + "-c:v mpeg2video -c:a mp2 -shortest")),
        ll::test::readFile(makeFixture("fuzz-seed.wav", sound + "-t 0.5 -c:a pcm_s16le")),
        ll::test::readFile(makeFixture("fuzz-seed.mp3", sound + "-c:a libmp3lame -b:a 32k")),
        ll::test::readFile(makeFixture("fuzz-seed-f32.wav", sound + "-t 0.3 -c:a pcm_f32le")),
    };
}

#endif

}  // namespace

LL_FUZZ_TARGET(media, mediaSeeds) {
    const fs::path& file = scratchFile();
    ll::test::writeFile(file, std::string(reinterpret_cast<const char*>(data), size));
    if (auto p = probe(file); !p) checkNamesFile(p.error(), file);
    if (auto c = checkMedia(file); !c) checkNamesFile(c.error(), file);
    if (auto v = VideoDecoder::open(file)) {
        auto& decoder = **v;
        if (decoder.seek(MediaTime::fromMillis(300)).ok()) {
            (void)decoder.thumbnail(32);
            for (int i = 0; i < 3 && decoder.stepForward().ok(); ++i) {
            }
            (void)decoder.stepBack();
            (void)decoder.frameForView(40, 30);
        }
    } else {
        checkNamesFile(v.error(), file);
    }
    // The audio as the talk-time analysis reads it; a bogus header may claim hours, so stop
    // after two minutes of samples.
    std::atomic<bool> stop{false};
    AudioExtractOptions options;
    options.cancel = &stop;
    int64_t samples = 0;
    auto extracted =
        extractAudio(file, options, [&](std::span<const float> block, MediaTime) {
            samples += static_cast<int64_t>(block.size());
            if (samples > 120 * 16000) stop = true;
        });
    if (!extracted && !stop) checkNamesFile(extracted.error(), file);
    return 0;
}
