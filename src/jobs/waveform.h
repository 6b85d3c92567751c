#pragma once
// Waveform peaks for a clip without analysing it: decodes the audio once and stores the peaks
// (what a sound-only recording shows instead of a picture). The analysis stores them too.

#include <atomic>
#include <functional>

#include "media/peak_pyramid.h"
#include "store/library.h"

namespace ll::jobs {

// Runs on the calling thread; `progress` receives 0..1. A cancelled build stores nothing.
Result<media::PeakPyramid> buildWaveform(store::Library& library, const store::Clip& clip,
                                         const std::atomic<bool>* cancel = nullptr,
                                         const std::function<void(float)>& progress = {});

}  // namespace ll::jobs
