#include "playback/player.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "media/probe.h"
#include "playback/audio_output.h"
#include "playback/video_decode_thread.h"

namespace ll::playback {
namespace {
// Forward playback decodes a few frames ahead; reverse a whole chunk (VideoDecodeThread).
constexpr size_t kForwardQueueFrames = 6;
}  // namespace

double shuttleRate(double rate, int direction) {
    const double sign = direction < 0 ? -1.0 : 1.0;
    if (rate == 0 || (rate < 0) != (sign < 0)) return sign * kShuttleSpeeds[0];
    for (double s : kShuttleSpeeds)
        if (s > std::abs(rate) + 1e-9) return sign * s;
    return sign * kShuttleSpeeds[std::size(kShuttleSpeeds) - 1];
}

Player::Player(PlayerOptions options) : m_options(options) {}

Player::~Player() { close(); }

Status Player::open(const std::filesystem::path& file) {
    close();
    LL_ASSIGN(auto info, media::probe(file));
    m_queue.reset();
    m_queue.setCapacity(kForwardQueueFrames);
    m_serial = 0;
    m_direction = m_queueDirection = 1;
    if (info.bestVideo() && !info.bestVideo()->attachedPicture) {
        LL_ASSIGN(m_video, VideoDecodeThread::start(file, m_queue, m_serial));
        m_video->setViewSize(m_viewWidth, m_viewHeight);
        m_frameRate = m_video->info().frameRate;
    } else if (!info.bestAudio()) {
        return Error::make(Error::Code::Media,
                           file.filename().string() + " has neither pictures nor sound to play");
    }
    if (m_options.audio) m_audio = AudioOutput::open(file);
    if (m_audio) m_audio->setVolume(m_volume);
    m_soundStatus = m_audio            ? "through " + m_audio->describe()
                    : !info.bestAudio() ? "none in the file"
                    : m_options.audio  ? "silent clock: no sound device"
                                       : "silent clock: sound turned off";
    m_duration = info.duration;
    if (m_video && m_video->info().duration > m_duration) m_duration = m_video->info().duration;
    m_path = file;
    m_state = PlayerState::Paused;
    m_speed = 1.0;
    m_clock = SystemClock{};
    seek(MediaTime::zero());
    return {};
}

void Player::close() {
    m_audio.reset();
    m_video.reset();  // joins the decode thread
    m_queue.reset();
    m_frame = {};
    ++m_frameGeneration;
    m_state = PlayerState::Empty;
    m_awaitingSerial = false;
    m_position = m_duration = MediaTime::zero();
    m_frameRate = 0;
    m_path.clear();
}

MediaTime Player::frameDuration() const {
    if (m_frame.duration > MediaTime::zero()) return m_frame.duration;
    return MediaTime::fromSeconds(1.0 / (m_frameRate > 0 ? m_frameRate : 25.0));
}

MediaTime Player::clockNow() const {
    if (m_audio && m_audio->running()) return m_audio->clock();
    return m_clock.now();
}

void Player::startClock() {
    m_clock.set(m_position);
    m_clock.setSpeed(m_direction * m_speed);
    m_clock.setRunning(true);
    // Sound only forward; if it cannot start, the system clock keeps time silently.
    if (m_audio && m_direction > 0 && !m_audio->start(m_position, m_speed))
        dropAudio("the sound could not start");
}

void Player::dropAudio(const std::string& why) {
    char at[32];
    std::snprintf(at, sizeof at, "%.2f s", m_clock.now().seconds());
    m_soundStatus = "silent clock since " + std::string(at) + ": " + why + " (was " + m_audio->describe() + ")";
    std::fprintf(stderr, "lessonlens: %s; playing on silently from %s\n", why.c_str(), at);
    m_audio.reset();
    ++m_soundLosses;
}

void Player::stopClock() {
    if (m_clock.running() || (m_audio && m_audio->running())) m_position = clockNow();
    m_clock.setRunning(false);
    if (m_audio) m_audio->stop();
    m_position = std::clamp(m_position, MediaTime::zero(), m_duration);
}

void Player::startPlaying(int direction) {
    m_direction = direction;
    m_state = PlayerState::Playing;
    // The queue holds frames for the other direction: fetch this direction's from here.
    if (m_video && m_queueDirection != direction) {
        m_positionFromFrame = false;
        if (direction > 0) requestSeek(m_position);
        else requestReverse(m_position);
    }
    if (!m_awaitingSerial) startClock();
}

void Player::play() {
    if (m_state == PlayerState::Empty || (isPlaying() && m_direction > 0)) return;
    if (isPlaying()) {
        stopClock();
        m_state = PlayerState::Paused;
    }
    // At the end, play starts over, as in every player.
    if (m_duration > MediaTime::zero() && m_position + frameDuration() >= m_duration) seek(MediaTime::zero());
    startPlaying(1);
}

void Player::playReverse() {
    if (m_state == PlayerState::Empty || (isPlaying() && m_direction < 0)) return;
    if (isPlaying()) {
        stopClock();
        m_state = PlayerState::Paused;
    }
    if (m_position <= MediaTime::zero()) return;  // on the first frame: nothing before it
    startPlaying(-1);
}

void Player::pause() {
    if (m_state != PlayerState::Playing) return;
    stopClock();
    m_state = PlayerState::Paused;
}

void Player::togglePlay() {
    if (m_state == PlayerState::Playing) pause();
    else play();
}

void Player::shuttle(int direction) {
    if (m_state == PlayerState::Empty) return;
    const double next = shuttleRate(rate(), direction);
    if (isPlaying() && (next < 0) == (m_direction < 0)) {
        setSpeed(std::abs(next));
        return;
    }
    pause();
    m_speed = std::abs(next);
    if (next > 0) play();
    else playReverse();
}

void Player::requestSeek(MediaTime t) {
    int serial = ++m_serial;
    m_awaitingSerial = true;
    m_queueDirection = 1;
    m_queue.setCapacity(kForwardQueueFrames);
    if (m_video) m_video->request({DecodeRequest::Kind::Seek, t, 0, serial});
}

void Player::requestReverse(MediaTime from) {
    int serial = ++m_serial;
    m_awaitingSerial = true;
    m_queueDirection = -1;
    // Room for a whole chunk, so the thread decodes the next one while this one is shown.
    m_queue.setCapacity(m_video->reverseChunkFrames() + 2);
    m_video->request({DecodeRequest::Kind::Reverse, from, 0, serial});
}

void Player::seek(MediaTime t) {
    if (m_state == PlayerState::Empty) return;
    bool wasPlaying = m_state == PlayerState::Playing;
    stopClock();
    m_position = std::clamp(t, MediaTime::zero(), m_duration);
    m_positionFromFrame = false;
    if (wasPlaying && m_direction < 0 && m_video) requestReverse(m_position);
    else requestSeek(m_position);
    if (!m_video) {  // sound only: nothing to wait for
        m_awaitingSerial = false;
        if (wasPlaying) startClock();
    }
}

void Player::step(int frames) {
    if (m_state == PlayerState::Empty || frames == 0) return;
    pause();
    if (!m_video) {
        seek(m_position + MediaTime::fromMicros(frameDuration().micros() * frames));
        return;
    }
    // Step from the frame on screen (or the one being fetched) so repeated steps accumulate.
    MediaTime from = m_frame.empty() ? m_position : m_frame.time;
    int serial = ++m_serial;
    m_awaitingSerial = true;
    m_positionFromFrame = true;
    m_queueDirection = 1;
    m_queue.setCapacity(kForwardQueueFrames);
    m_video->request({DecodeRequest::Kind::Step, from, frames, serial});
}

void Player::setSpeed(double speed) {
    speed = std::clamp(speed, 0.25, 4.0);
    bool wasPlaying = m_state == PlayerState::Playing;
    if (wasPlaying) stopClock();
    m_speed = speed;
    if (wasPlaying && !m_awaitingSerial) startClock();
}

void Player::setVolume(float volume) {
    m_volume = std::clamp(volume, 0.f, 1.f);
    if (m_audio) m_audio->setVolume(m_volume);
}

void Player::setViewSize(int width, int height) {
    if (width == m_viewWidth && height == m_viewHeight) return;
    m_viewWidth = width;
    m_viewHeight = height;
    if (m_video) m_video->setViewSize(width, height);
    if (m_state != PlayerState::Paused || !m_frame.reduced || m_awaitingSerial) return;
    // The shrunk picture's size as shown (after rotation), against the view's.
    const bool sideways = (m_frame.rotation % 180 + 180) % 180 == 90;
    const int shownW = sideways ? m_frame.height : m_frame.width;
    const int shownH = sideways ? m_frame.width : m_frame.height;
    if (width > shownW * 1.02 || height > shownH * 1.02) requestSeek(m_frame.time);
}

void Player::showFrame(media::VideoFrame&& frame) {
    m_frame = std::move(frame);
    ++m_frameGeneration;
}

bool Player::update() {
    if (m_state == PlayerState::Empty) return false;
    const int serial = m_serial.load();
    bool changed = false;

    if (m_awaitingSerial) {
        if (auto f = m_queue.pop(serial)) {
            // Seeking within the frame on screen, or turning around, fetches the same picture.
            // Fetching the same picture whole replaces a shrunk copy of it.
            if (m_frame.empty() || f->time != m_frame.time || f->reduced != m_frame.reduced) {
                showFrame(std::move(*f));
                changed = true;
            }
            m_awaitingSerial = false;
            if (m_positionFromFrame) m_position = m_frame.time;
            if (m_state == PlayerState::Playing) startClock();
        } else if (m_video && m_video->atEnd(serial)) {
            m_awaitingSerial = false;
            if (m_state == PlayerState::Playing) startClock();
        }
        return changed;
    }

    if (m_state != PlayerState::Playing) return false;
    if (m_audio && m_audio->running() && (m_audio->drained() || m_audio->failed())) {
        // The sound ended before the pictures, or its device went away: the system clock
        // carries on from the sample heard last, so the position is kept.
        MediaTime at = m_audio->clock();
        const bool lost = m_audio->failed();
        m_audio->stop();
        m_clock.set(at);
        m_clock.setRunning(true);
        if (lost) dropAudio("the sound device stopped");
    }
    const MediaTime now = clockNow();
    // Show the latest frame that is due; skipping past the others is a dropped frame.
    // Forward a frame is due once the clock reaches its start; in reverse once the clock falls
    // below its end (it shows over [time, time + duration)).
    const MediaTime lookBack = m_direction > 0 ? MediaTime::zero() : frameDuration();
    int shown = 0;
    while (auto t = m_queue.peekTime(serial)) {
        if (m_direction > 0 ? *t > now : *t + lookBack <= now) break;
        auto f = m_queue.pop(serial);
        if (!f) break;
        // Reverse starts with the frame already on screen.
        if (!m_frame.empty() && f->time == m_frame.time) continue;
        showFrame(std::move(*f));
        ++shown;
    }
    if (shown > 1) m_dropped += static_cast<uint64_t>(shown - 1);
    changed = shown > 0;
    m_position = std::clamp(now, MediaTime::zero(), m_duration);

    bool videoDone = !m_video || (m_video->atEnd(serial) && !m_queue.peekTime(serial));
    if (m_direction > 0 && videoDone && now >= m_duration) {
        stopClock();
        m_position = m_duration;
        m_state = PlayerState::Paused;
    } else if (m_direction < 0 && videoDone && now <= MediaTime::zero()) {
        stopClock();
        m_position = MediaTime::zero();
        m_state = PlayerState::Paused;
    }
    return changed;
}

std::optional<MediaTime> Player::untilNextFrame() {
    if (!isPlaying() || m_awaitingSerial) return std::nullopt;
    auto t = m_queue.peekTime(m_serial.load());
    if (!t) return std::nullopt;
    const MediaTime now = clockNow();
    const MediaTime ahead = m_direction > 0 ? *t - now : now - (*t + frameDuration());
    if (ahead <= MediaTime::zero()) return MediaTime::zero();
    return MediaTime::fromMicros(static_cast<int64_t>(static_cast<double>(ahead.micros()) / m_speed));
}

}  // namespace ll::playback
