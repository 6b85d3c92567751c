#pragma once
// Sound through PortAudio, and the master clock while it plays: the time of the sample being
// heard (AudioClock: interpolated between callbacks, the device's latency taken off). A feeder
// thread decodes (AudioSource: pitch-preserving at any speed) into a lock-free ring; the device
// callback pulls from it. When there is no device (a server, Xvfb in CI) open() returns nothing
// and the player falls back to its SystemClock, silently; when the device goes away while
// playing, failed() says so and the player carries on from clock() on its SystemClock.
// Controlled from the UI thread; the feeder and the PortAudio callback are internal threads.

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "core/media_time.h"

namespace ll::playback {

class AudioOutput {
public:
    // nullptr when the file has no audio, or when no output device can be opened.
    static std::unique_ptr<AudioOutput> open(const std::filesystem::path& file);
    ~AudioOutput();
    AudioOutput(const AudioOutput&) = delete;
    AudioOutput& operator=(const AudioOutput&) = delete;

    // Starts sound from `from` at `speed` (0.25..4, pitch kept), dropping whatever was queued.
    // Opens the device afresh each time. False, with the reason on stderr, when the sound
    // cannot start (the player then keeps time silently).
    bool start(MediaTime from, double speed = 1.0);
    // Stops at once and closes the device; clock() stays on the sample heard last.
    void stop();
    bool running() const;
    // Every sample up to the end of the sound has been played and heard (the clock no longer
    // moves).
    bool drained() const;
    // Running, but the device stopped taking sound (unplugged, its sound server gone): clock()
    // holds where the sound stopped. stop() it and keep time another way.
    bool failed() const;
    // The media time of the sample leaving the speaker now.
    MediaTime clock() const;
    void setVolume(float volume);  // 0..1
    // The device sound goes to, for logs and --stats: host API, device, rate, latency.
    std::string describe() const;

    struct Impl;

private:
    explicit AudioOutput(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ll::playback
