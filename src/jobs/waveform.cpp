#include "jobs/waveform.h"

#include <algorithm>
#include <system_error>

#include "jobs/clip_import.h"
#include "media/audio_reader.h"

namespace ll::jobs {

Result<media::PeakPyramid> buildWaveform(store::Library& library, const store::Clip& clip,
                                         const std::atomic<bool>* cancel,
                                         const std::function<void(float)>& progress) {
    LL_TRY(recordingOf(clip));
    const double total = clip.duration > MediaTime::zero() ? clip.duration.seconds() : 0.0;
    media::PeakPyramid peaks;
    media::AudioExtractOptions extract;
    extract.sampleRate = 16000;
    extract.peaks = &peaks;
    extract.cancel = cancel;
    LL_ASSIGN(auto summary,
              media::extractAudio(clip.path, extract, [&](std::span<const float>, MediaTime start) {
                  if (progress && total > 0)
                      progress(std::clamp(static_cast<float>(start.seconds() / total), 0.f, 1.f));
              }));
    if (summary.samples == 0)
        return Error::make(Error::Code::Media, "\"" + clip.title + "\" has no sound");
    const auto blob = peaks.serialize();
    LL_TRY(library.analyses().savePeaks(clip.id, blob));
    if (progress) progress(1);
    return peaks;
}

}  // namespace ll::jobs
