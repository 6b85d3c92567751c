#include "playback/audio_output.h"

#include <fcntl.h>
#include <portaudio.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "playback/audio_clock.h"
#include "playback/audio_source.h"

namespace ll::playback {
namespace {

constexpr int kRate = 48000;
constexpr int kChannels = 2;
constexpr size_t kRingFrames = kRate / 2;  // half a second of sound queued ahead
constexpr size_t kBlockFrames = 1024;

// Single producer (feeder), single consumer (device callback), frames of kChannels floats.
class Ring {
public:
    Ring() : m_data(kRingFrames * kChannels) {}
    size_t space() const { return kRingFrames - (m_write.load() - m_read.load()); }
    size_t available() const { return m_write.load() - m_read.load(); }
    void write(const float* frames, size_t n) {
        size_t w = m_write.load(std::memory_order_relaxed);
        for (size_t i = 0; i < n; ++i)
            for (int c = 0; c < kChannels; ++c)
                m_data[((w + i) % kRingFrames) * kChannels + c] = frames[i * kChannels + c];
        m_write.store(w + n, std::memory_order_release);
    }
    size_t read(float* out, size_t n, float gain) {
        size_t r = m_read.load(std::memory_order_relaxed);
        size_t have = std::min(n, m_write.load(std::memory_order_acquire) - r);
        for (size_t i = 0; i < have; ++i)
            for (int c = 0; c < kChannels; ++c)
                out[i * kChannels + c] = m_data[((r + i) % kRingFrames) * kChannels + c] * gain;
        m_read.store(r + have, std::memory_order_release);
        return have;
    }
    // Only while the stream is stopped and the feeder holds its mutex.
    void reset() { m_read = m_write.load(); }

private:
    std::vector<float> m_data;
    std::atomic<size_t> m_write{0};
    std::atomic<size_t> m_read{0};
};

// ALSA and JACK print a page of probing noise on machines without sound; stderr stays readable
// by pointing it at /dev/null while PortAudio looks for and opens devices.
class QuietStderr {
public:
    QuietStderr() {
        std::fflush(stderr);
        m_saved = dup(STDERR_FILENO);
        int devnull = ::open("/dev/null", O_WRONLY);
        if (m_saved >= 0 && devnull >= 0) dup2(devnull, STDERR_FILENO);
        if (devnull >= 0) close(devnull);
    }
    ~QuietStderr() {
        if (m_saved < 0) return;
        dup2(m_saved, STDERR_FILENO);
        close(m_saved);
    }
    QuietStderr(const QuietStderr&) = delete;
    QuietStderr& operator=(const QuietStderr&) = delete;

private:
    int m_saved = -1;
};

// PortAudio is initialised once per process and never terminated while streams may exist.
bool initPortAudioOnce() {
    static const bool ok = Pa_Initialize() == paNoError;
    return ok;
}

int64_t steadyMicros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

struct AudioOutput::Impl {
    std::unique_ptr<AudioSource> source;  // feeder thread, under feederMutex
    // Open only while sound plays: every start() opens the device afresh. PortAudio 19.6 never
    // returns from Pa_StartStream on a stream whose device went away while it was stopped
    // (PortAudio issue #535: the ALSA callback thread exits holding the start mutex), so a
    // paused player whose sound server quit would hang on play; a fresh open fails cleanly
    // instead, and finds the device again if it came back.
    PaStream* stream = nullptr;
    double latencySeconds = 0;  // the open stream's output latency, when a callback cannot tell
    Ring ring;
    AudioClock heardClock{kRate};
    std::mutex feederMutex;
    std::condition_variable feederWake;  // start() and the destructor wake a resting feeder
    std::atomic<bool> stopFeeder{false};
    std::atomic<bool> running{false};
    std::atomic<bool> endOfAudio{false};  // the reader has nothing more since the last start
    MediaTime base;
    double speed = 1.0;       // media seconds per second of sound, set while stopped
    int64_t heardAtStop = 0;  // frames of the last run heard when it stopped
    std::string deviceName;   // of the stream last opened, for describe()
    std::atomic<float> volume{1.0f};
    std::thread feeder;

    static int callback(const void*, void* output, unsigned long frames,
                        const PaStreamCallbackTimeInfo* time, PaStreamCallbackFlags, void* user) {
        auto* self = static_cast<Impl*>(user);
        auto* out = static_cast<float*>(output);
        size_t got = self->ring.read(out, frames, self->volume.load(std::memory_order_relaxed));
        for (size_t i = got * kChannels; i < frames * kChannels; ++i) out[i] = 0.f;
        // When this buffer's first frame reaches the speaker: PortAudio's DAC time when the host
        // reports one (ALSA's delay, which through a sound server includes the server's
        // latency), else the stream's nominal output latency.
        double delay = self->latencySeconds;
        if (time && time->currentTime > 0 && time->outputBufferDacTime > time->currentTime &&
            time->outputBufferDacTime - time->currentTime < 2.0)
            delay = time->outputBufferDacTime - time->currentTime;
        self->heardClock.onBuffer(steadyMicros(), static_cast<int64_t>(delay * 1e6),
                                  static_cast<int64_t>(got));
        return paContinue;
    }

    void feed() {
        std::vector<float> block(kBlockFrames * kChannels);
        while (!stopFeeder.load()) {
            bool wrote = false;
            {
                std::lock_guard lock(feederMutex);
                if (source && !endOfAudio && ring.space() >= kBlockFrames) {
                    auto n = source->read(block);
                    if (n && *n > 0) {
                        ring.write(block.data(), *n);
                        wrote = true;
                    } else {
                        endOfAudio = true;
                    }
                }
            }
            if (wrote) continue;
            // While sound plays the callback frees space within milliseconds; while paused (the
            // ring full, or the sound over) nothing changes until start(): rest instead of
            // polling, so a paused player costs no CPU.
            std::unique_lock lock(feederMutex);
            if (running.load()) {
                feederWake.wait_for(lock, std::chrono::milliseconds(5));
            } else {
                feederWake.wait(lock, [&] {
                    return stopFeeder.load() || running.load() ||
                           (!endOfAudio && ring.space() >= kBlockFrames);
                });
            }
        }
    }

    // Opens the default output device. False, with the reason in `error`, when it cannot.
    bool openStream(std::string& error) {
        QuietStderr quiet;
        const PaDeviceIndex device = Pa_GetDefaultOutputDevice();
        if (device == paNoDevice) {
            error = "no output device";
            return false;
        }
        PaError err = Pa_OpenDefaultStream(&stream, 0, kChannels, paFloat32, kRate,
                                           paFramesPerBufferUnspecified, &Impl::callback, this);
        if (err != paNoError) {
            stream = nullptr;
            error = Pa_GetErrorText(err);
            return false;
        }
        const PaStreamInfo* info = Pa_GetStreamInfo(stream);
        latencySeconds = info ? info->outputLatency : 0.0;
        const PaDeviceInfo* dev = Pa_GetDeviceInfo(device);
        const PaHostApiInfo* api = dev ? Pa_GetHostApiInfo(dev->hostApi) : nullptr;
        deviceName =
            std::string(api ? api->name : "PortAudio") + " \"" + (dev ? dev->name : "?") + "\"";
        return true;
    }

    void closeStream() {
        if (!stream) return;
        Pa_AbortStream(stream);
        Pa_CloseStream(stream);
        stream = nullptr;
    }

    int64_t heardFrames() const { return running ? heardClock.heard(steadyMicros()) : heardAtStop; }
};

std::unique_ptr<AudioOutput> AudioOutput::open(const std::filesystem::path& file) {
    if (std::getenv("LESSONLENS_NO_AUDIO")) return nullptr;
    // The device first: without one (a server, Xvfb) the file is never opened for sound, which
    // on a long recording saves reading its whole index again while the window opens.
    {
        QuietStderr quiet;
        if (!initPortAudioOnce() || Pa_GetDefaultOutputDevice() == paNoDevice) return nullptr;
    }
    auto source = AudioSource::open(file, {.sampleRate = kRate, .channels = kChannels});
    if (!source) return nullptr;
    auto impl = std::make_unique<Impl>();
    impl->source = std::move(source).value();
    // Open once now, so a device that cannot play says so while the file opens, not on play.
    std::string error;
    if (!impl->openStream(error)) {
        std::fprintf(stderr, "lessonlens: no sound (PortAudio: %s); playing silently\n",
                     error.c_str());
        return nullptr;
    }
    impl->closeStream();
    Impl* raw = impl.get();
    impl->feeder = std::thread([raw] { raw->feed(); });
    return std::unique_ptr<AudioOutput>(new AudioOutput(std::move(impl)));
}

AudioOutput::AudioOutput(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

AudioOutput::~AudioOutput() {
    stop();
    {
        std::lock_guard lock(m_impl->feederMutex);
        m_impl->stopFeeder = true;
    }
    m_impl->feederWake.notify_all();
    if (m_impl->feeder.joinable()) m_impl->feeder.join();
}

bool AudioOutput::start(MediaTime from, double speed) {
    stop();
    {
        std::lock_guard lock(m_impl->feederMutex);
        if (auto st = m_impl->source->start(from, speed); !st) {
            std::fprintf(stderr, "lessonlens: %s\n", st.error().describe().c_str());
            return false;
        }
        m_impl->ring.reset();
        m_impl->base = from;
        m_impl->speed = speed;
        m_impl->heardAtStop = 0;
        m_impl->heardClock.reset();
        m_impl->endOfAudio = false;
    }
    m_impl->feederWake.notify_all();
    std::string error;
    if (!m_impl->openStream(error)) {
        std::fprintf(stderr, "lessonlens: cannot open the sound device (PortAudio: %s)\n",
                     error.c_str());
        return false;
    }
    // Prime a little so the first callback does not underrun.
    for (int i = 0; i < 40 && m_impl->ring.available() < kBlockFrames * 4; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    PaError err = Pa_StartStream(m_impl->stream);
    if (err != paNoError) {
        std::fprintf(stderr, "lessonlens: cannot start the sound device (PortAudio: %s)\n",
                     Pa_GetErrorText(err));
        m_impl->closeStream();
        return false;
    }
    {
        std::lock_guard lock(m_impl->feederMutex);
        m_impl->running = true;
    }
    m_impl->feederWake.notify_all();
    return true;
}

void AudioOutput::stop() {
    if (!m_impl->running) return;
    m_impl->heardAtStop = m_impl->heardClock.heard(steadyMicros());
    m_impl->running = false;
    m_impl->closeStream();
}

bool AudioOutput::running() const {
    return m_impl->running;
}

bool AudioOutput::drained() const {
    // Everything decoded went to the device and has been heard, its latency's worth included.
    return m_impl->endOfAudio && m_impl->ring.available() == 0 &&
           m_impl->heardFrames() >= m_impl->heardClock.handedOver();
}

bool AudioOutput::failed() const {
    // The callback never stops itself (it always continues), so a running stream that is no
    // longer active lost its device: PortAudio ended the callback thread on an ALSA error.
    return m_impl->running && m_impl->stream && Pa_IsStreamActive(m_impl->stream) == 0;
}

MediaTime AudioOutput::clock() const {
    const double heard = static_cast<double>(m_impl->heardFrames()) / kRate;
    // A second of sound carries `speed` seconds of the clip (AudioSource's time stretch).
    return m_impl->base + MediaTime::fromSeconds(heard * m_impl->speed);
}

void AudioOutput::setVolume(float volume) {
    m_impl->volume = std::clamp(volume, 0.f, 1.f);
}

std::string AudioOutput::describe() const {
    char latency[32];
    std::snprintf(latency, sizeof latency, "%.0f ms", m_impl->latencySeconds * 1e3);
    return m_impl->deviceName + ", " + std::to_string(kRate) + " Hz, " + latency +
           " output latency";
}

}  // namespace ll::playback
