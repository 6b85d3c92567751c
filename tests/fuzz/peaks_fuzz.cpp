// The waveform peaks the library keeps for each clip are read back from the database: a damaged
// blob is refused (the waveform is then rebuilt from the audio), and one that is read draws at
// any range and width and stores back to the same bytes.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"
#include "media/peak_pyramid.h"

namespace {

using namespace ll;
using namespace ll::media;

#ifndef LL_FUZZ_LIBFUZZER
std::vector<std::string> peakSeeds() {
    PeakPyramid peaks;
    std::vector<float> x(16000 * 3);
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = static_cast<float>(0.5 * std::sin(static_cast<double>(i) * 0.05) *
                                  (static_cast<double>(i % 8000) / 8000.0));
    peaks.add(x);
    peaks.finish();
    const auto blob = peaks.serialize();
    PeakPyramid empty;
    empty.finish();
    const auto none = empty.serialize();
    return {std::string(blob.begin(), blob.end()), std::string(none.begin(), none.end())};
}
#endif

}  // namespace

LL_FUZZ_TARGET(peaks, peakSeeds) {
    auto peaks = PeakPyramid::deserialize(std::span<const uint8_t>(data, size));
    if (!peaks) {
        LL_FUZZ_CHECK(!peaks.error().message.empty());
        return 0;
    }
    const MediaTime d = peaks->duration();
    LL_FUZZ_CHECK(d >= MediaTime());
    for (int columns : {1, 7, 640}) {
        const auto drawn = peaks->peaks({MediaTime(), d}, columns);
        LL_FUZZ_CHECK(drawn.size() <= static_cast<size_t>(columns));
        (void)peaks->peaks({MediaTime::fromMillis(-500), d + MediaTime::fromMillis(900)}, columns);
    }
    const auto again = peaks->serialize();
    // Bytes 6-7 are reserved: read past, written as zero.
    LL_FUZZ_CHECK(again.size() == size);
    LL_FUZZ_CHECK(std::equal(again.begin(), again.begin() + 6, data));
    LL_FUZZ_CHECK(std::equal(again.begin() + 8, again.end(), data + 8));
    return 0;
}
