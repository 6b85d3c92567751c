// media_bench: the engine's hot paths without the CLI's output, for scripts/bench.sh to time
// against the ffmpeg CLI. Not a test; prints one line per run.
//   media_bench frame FILE SECONDS...   seek and decode the frame shown at each time
//   media_bench audio FILE              mono 16 kHz extraction with the peak pyramid
//   media_bench check FILE              checkMedia

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "media/audio_reader.h"
#include "media/media_check.h"
#include "media/peak_pyramid.h"
#include "media/video_decoder.h"

using namespace ll;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: media_bench frame|audio|check FILE [SECONDS...]\n");
        return 2;
    }
    std::string mode = argv[1];
    const char* file = argv[2];
    if (mode == "frame") {
        // One decoder per time, like one `ffmpeg -ss T -i FILE` run per time.
        for (int i = 3; i < argc; ++i) {
            auto dec = media::VideoDecoder::open(file);
            if (!dec) return std::fprintf(stderr, "%s\n", dec.error().describe().c_str()), 1;
            auto shown = (*dec)->seek(MediaTime::fromSeconds(std::atof(argv[i])));
            if (!shown) return std::fprintf(stderr, "%s\n", shown.error().describe().c_str()), 1;
            std::printf("%s -> %.6f\n", argv[i], shown->seconds());
        }
        return 0;
    }
    if (mode == "audio") {
        media::PeakPyramid peaks;
        media::AudioExtractOptions options;
        options.peaks = &peaks;
        double sum = 0;
        auto r = media::extractAudio(file, options, [&](std::span<const float> s, MediaTime) {
            for (float v : s) sum += v;  // touch every sample
        });
        if (!r) return std::fprintf(stderr, "%s\n", r.error().describe().c_str()), 1;
        std::printf("%lld samples, %zu peak bytes, sum %.3f\n", static_cast<long long>(r->samples),
                    peaks.serialize().size(), sum);
        return 0;
    }
    if (mode == "check") {
        auto r = media::checkMedia(file);
        if (!r) return std::fprintf(stderr, "%s\n", r.error().describe().c_str()), 1;
        std::printf("%s\n", r->summary().c_str());
        return r->damaged() ? 3 : 0;
    }
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
}
