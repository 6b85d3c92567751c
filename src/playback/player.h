#pragma once
// The player: an explicit state machine over a video decode thread, a frame queue and a master
// clock (the audio device when there is one, else a silent system clock). The UI calls update()
// once per frame; it picks the frame that is due and reports whether the picture changed.
// Plays forward with sound at 0.25..4x (pitch kept), or in reverse, silently, from chunks the
// decode thread decodes backwards. J/K/L shuttle steps through shuttleRate().
// Owned by the UI thread.

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/media_time.h"
#include "core/result.h"
#include "media/video_frame.h"
#include "playback/clock.h"
#include "playback/frame_queue.h"

namespace ll::playback {

class VideoDecodeThread;
class AudioOutput;

enum class PlayerState { Empty, Paused, Playing };

struct PlayerOptions {
    bool audio = true;  // false: never open a sound device
};

// The speeds the J/K/L shuttle steps through, in either direction.
inline constexpr double kShuttleSpeeds[] = {1.0, 1.5, 2.0};

// J/K/L as in editing suites: the signed rate (negative plays in reverse, 0 is paused) after
// pressing L (`direction` +1) or J (-1) while playing at `rate`. From a pause or the other
// direction it plays at 1x; pressed again it speeds up to the next of kShuttleSpeeds, at most 2x.
double shuttleRate(double rate, int direction);

class Player {
public:
    explicit Player(PlayerOptions options = {});
    ~Player();
    Player(const Player&) = delete;
    Player& operator=(const Player&) = delete;

    Status open(const std::filesystem::path& file);
    void close();

    // Forward, at speed(). At the end, starts over.
    void play();
    // Backwards at speed(), silently; stops on the first frame. Does nothing there.
    void playReverse();
    void pause();
    void togglePlay();
    // J (-1) or L (+1): see shuttleRate().
    void shuttle(int direction);
    // Frame-accurate: shows the frame on screen at `t` (clamped to the clip).
    void seek(MediaTime t);
    // Frames forward (positive) or back; pauses first.
    void step(int frames);
    void setSpeed(double speed);  // 0.25..4, in the direction of play; sound keeps its pitch
    void setVolume(float volume);
    // The size the picture is drawn at, in pixels after rotation: frames decoded for playing come
    // shrunk to it when it is much smaller than the video. A paused picture that was shrunk is
    // fetched whole again when the view grows past it.
    void setViewSize(int width, int height);

    // Once per UI frame. True when the frame to show changed.
    bool update();

    PlayerState state() const { return m_state; }
    bool isOpen() const { return m_state != PlayerState::Empty; }
    bool isPlaying() const { return m_state == PlayerState::Playing; }
    bool isReverse() const { return m_direction < 0; }
    // Signed speed while playing (negative in reverse), 0 while paused.
    double rate() const { return isPlaying() ? m_direction * m_speed : 0.0; }
    // Waiting for the frame of a seek or step: keep redrawing until it arrives.
    bool isBusy() const { return m_awaitingSerial; }
    bool hasVideo() const { return m_video != nullptr; }
    bool hasAudioOutput() const { return m_audio != nullptr; }
    // How sound plays, for logs and --stats: through which device, or why silently (none in the
    // file, no device, or the device went away while playing, and where).
    const std::string& soundStatus() const { return m_soundStatus; }
    // Bumped each time the sound device is given up (it failed to start or went away), so the UI
    // can tell the reviewer once.
    uint64_t soundLosses() const { return m_soundLosses; }
    bool hasFrame() const { return !m_frame.empty(); }
    const media::VideoFrame& frame() const { return m_frame; }
    // Bumped whenever frame() changes, so the uploader knows when to upload.
    uint64_t frameGeneration() const { return m_frameGeneration; }
    // While playing: how long (real time) until the next queued frame is due, zero when one is
    // due already, nothing when no frame is queued (the decoder is behind, or paused, or busy),
    // so the UI can sleep instead of redrawing an unchanged picture.
    std::optional<MediaTime> untilNextFrame();

    MediaTime position() const { return m_position; }
    MediaTime duration() const { return m_duration; }
    double frameRate() const { return m_frameRate; }
    MediaTime frameDuration() const;
    double speed() const { return m_speed; }
    const std::filesystem::path& path() const { return m_path; }
    uint64_t droppedFrames() const { return m_dropped; }

private:
    MediaTime clockNow() const;
    void startClock();
    void stopClock();
    void requestSeek(MediaTime t);
    void requestReverse(MediaTime from);
    void startPlaying(int direction);
    void showFrame(media::VideoFrame&& frame);
    void dropAudio(const std::string& why);

    PlayerOptions m_options;
    PlayerState m_state = PlayerState::Empty;
    std::filesystem::path m_path;
    FrameQueue m_queue{6};
    std::atomic<int> m_serial{0};
    std::unique_ptr<VideoDecodeThread> m_video;
    std::unique_ptr<AudioOutput> m_audio;
    SystemClock m_clock;

    media::VideoFrame m_frame;
    uint64_t m_frameGeneration = 0;
    bool m_awaitingSerial = false;  // a seek/step is in flight for m_serial
    bool m_positionFromFrame = false;  // a step: the position becomes the frame's time
    MediaTime m_position;
    MediaTime m_duration;
    double m_frameRate = 0;
    double m_speed = 1.0;
    int m_direction = 1;         // of play: +1 forward, -1 reverse
    int m_queueDirection = 1;    // of the frames queued for m_serial
    float m_volume = 1.0f;
    std::string m_soundStatus = "no clip opened";
    uint64_t m_soundLosses = 0;
    int m_viewWidth = 0, m_viewHeight = 0;
    uint64_t m_dropped = 0;
};

}  // namespace ll::playback
