#pragma once
// A real sound device for the end-to-end tests on a machine with no sound card: a private
// PulseAudio server with one null sink, which takes sound at the pace of a real card, and a
// recorder (parec) on the sink's monitor. PortAudio reaches it the way it reaches a desktop's
// sound: ALSA's default device is the pulse plugin (libasound2-plugins). Everything lives in
// one folder: the server's socket, HOME (its .asoundrc) and runtime dir, so several tests can
// run at once and nothing touches the user's own sound setup. Works as root (CI).

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

namespace ll::e2e {

class SoundServer {
public:
    static constexpr int kRate = 48000;  // the sink's rate and the recording's (mono float32)

    // Starts the server in `dir`; nullptr, with what is missing in `error`, when it cannot.
    static std::unique_ptr<SoundServer> start(const std::filesystem::path& dir, std::string& error);
    ~SoundServer();
    SoundServer(const SoundServer&) = delete;
    SoundServer& operator=(const SoundServer&) = delete;

    // Shell words to put before a command so that its sound goes to this server
    // ("export HOME=... PULSE_SERVER=...; ").
    std::string shellEnvironment() const;
    // Records what the sink plays (mono float32 at kRate, raw) into `file` until
    // stopRecording() or the server goes away. False, with the reason, when it cannot start.
    bool startRecording(const std::filesystem::path& file, std::string& error);
    void stopRecording();
    // Kills the server outright, as when a sound card is unplugged: whoever plays into it
    // loses its device mid-stream.
    void kill();
    // The server's log (to explain a failure).
    std::string log() const;

private:
    explicit SoundServer(std::filesystem::path dir) : m_dir(std::move(dir)) {}
    std::filesystem::path socket() const { return m_dir / "run" / "native"; }

    std::filesystem::path m_dir;
    pid_t m_server = -1;
    pid_t m_recorder = -1;
};

}  // namespace ll::e2e
