#pragma once
// Which sample of a sound run is leaving the speaker now, from what the device callback reports:
// each buffer handed over, when (steady clock) and how long until its first sample is heard.
// Between callbacks the position is interpolated, so the clock moves smoothly rather than in
// steps of a device buffer (10-100 ms), and the device's own latency is taken off, so the
// picture matches what is heard rather than what was handed over.
// Written by the device callback (onBuffer), read by the UI thread (heard); a seqlock keeps the
// pair consistent without making the callback wait.

#include <algorithm>
#include <atomic>
#include <cstdint>

namespace ll::playback {

class AudioClock {
public:
    explicit AudioClock(int sampleRate) : m_rate(sampleRate) {}

    // While no callback runs: a new run starts with nothing handed over or heard.
    void reset() {
        m_seq.store(0, std::memory_order_relaxed);
        m_anchorMicros.store(0, std::memory_order_relaxed);
        m_handedOver.store(0, std::memory_order_relaxed);
        m_everCalled.store(false, std::memory_order_release);
        m_lastHeard = 0;
    }

    // Callback thread: at steady time `nowMicros` the device took a buffer whose first
    // `soundFrames` frames are sound (the rest, after an underrun, silence), and its first frame
    // will be heard `delayMicros` from now.
    void onBuffer(int64_t nowMicros, int64_t delayMicros, int64_t soundFrames) {
        const uint64_t s = m_seq.load(std::memory_order_relaxed);
        const int64_t before = m_handedOver.load(std::memory_order_relaxed);
        m_seq.store(s + 1, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_release);
        // The steady time at which frame 0 of the run would be heard, were there no gaps.
        m_anchorMicros.store(nowMicros + delayMicros - before * 1'000'000 / m_rate,
                             std::memory_order_relaxed);
        m_handedOver.store(before + soundFrames, std::memory_order_relaxed);
        m_seq.store(s + 2, std::memory_order_release);
        m_everCalled.store(true, std::memory_order_release);
    }

    // UI thread: frames of the run heard by `nowMicros`. Never more than were handed over (an
    // underrun holds the clock: the picture waits for the sound), never less than the last answer.
    int64_t heard(int64_t nowMicros) const {
        if (!m_everCalled.load(std::memory_order_acquire)) return m_lastHeard;
        int64_t anchor = 0, handed = 0;
        for (;;) {
            const uint64_t s1 = m_seq.load(std::memory_order_acquire);
            anchor = m_anchorMicros.load(std::memory_order_relaxed);
            handed = m_handedOver.load(std::memory_order_relaxed);
            std::atomic_thread_fence(std::memory_order_acquire);
            if ((s1 & 1) == 0 && m_seq.load(std::memory_order_relaxed) == s1) break;
        }
        const int64_t sinceAnchor = std::max<int64_t>(0, nowMicros - anchor);
        // Past the last frame handed over there is nothing to compute (nor to overflow).
        const int64_t frames = sinceAnchor > handed * 1'000'000 / m_rate
                                   ? handed
                                   : std::min(handed, sinceAnchor * m_rate / 1'000'000);
        m_lastHeard = std::max(m_lastHeard, frames);
        return m_lastHeard;
    }

    // Frames handed to the device so far in this run.
    int64_t handedOver() const { return m_handedOver.load(std::memory_order_acquire); }

private:
    const int m_rate;
    std::atomic<uint64_t> m_seq{0};
    std::atomic<int64_t> m_anchorMicros{0};
    std::atomic<int64_t> m_handedOver{0};
    std::atomic<bool> m_everCalled{false};
    mutable int64_t m_lastHeard = 0;  // UI thread only
};

}  // namespace ll::playback
