#include "playback/player.h"

#include <algorithm>
#include <cmath>

#include "media/probe.h"
#include "playback/audio_output.h"
#include "playback/video_decode_thread.h"

namespace ll::playback {

Player::Player(PlayerOptions options) : m_options(options) {}

Player::~Player() { close(); }

Status Player::open(const std::filesystem::path& file) {
    close();
    LL_ASSIGN(auto info, media::probe(file));
    m_queue.reset();
    m_serial = 0;
    if (info.bestVideo() && !info.bestVideo()->attachedPicture) {
        LL_ASSIGN(m_video, VideoDecodeThread::start(file, m_queue, m_serial));
        m_frameRate = m_video->info().frameRate;
    } else if (!info.bestAudio()) {
        return Error::make(Error::Code::Media,
                           file.filename().string() + " has neither pictures nor sound to play");
    }
    if (m_options.audio) m_audio = AudioOutput::open(file);
    if (m_audio) m_audio->setVolume(m_volume);
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
    m_clock.setSpeed(m_speed);
    m_clock.setRunning(true);
    if (m_audio && m_speed == 1.0) m_audio->start(m_position);
}

void Player::stopClock() {
    if (m_clock.running() || (m_audio && m_audio->running())) m_position = clockNow();
    m_clock.setRunning(false);
    if (m_audio) m_audio->stop();
    m_position = std::clamp(m_position, MediaTime::zero(), m_duration);
}

void Player::play() {
    if (m_state != PlayerState::Paused) return;
    // At the end, play starts over, as in every player.
    if (m_duration > MediaTime::zero() && m_position + frameDuration() >= m_duration) seek(MediaTime::zero());
    m_state = PlayerState::Playing;
    if (!m_awaitingSerial) startClock();
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

void Player::requestSeek(MediaTime t) {
    int serial = ++m_serial;
    m_awaitingSerial = true;
    if (m_video) m_video->request({DecodeRequest::Kind::Seek, t, 0, serial});
}

void Player::seek(MediaTime t) {
    if (m_state == PlayerState::Empty) return;
    bool wasPlaying = m_state == PlayerState::Playing;
    stopClock();
    m_position = std::clamp(t, MediaTime::zero(), m_duration);
    m_positionFromFrame = false;
    requestSeek(m_position);
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
            showFrame(std::move(*f));
            changed = true;
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
    if (m_audio && m_audio->running() && m_audio->drained()) {
        // The sound ended before the pictures: the system clock carries on from here.
        MediaTime at = m_audio->clock();
        m_audio->stop();
        m_clock.set(at);
        m_clock.setRunning(true);
    }
    MediaTime now = clockNow();
    // Show the latest frame that is due; skipping past the others is a dropped frame.
    int shown = 0;
    while (auto t = m_queue.peekTime(serial)) {
        if (*t > now) break;
        auto f = m_queue.pop(serial);
        if (!f) break;
        showFrame(std::move(*f));
        ++shown;
    }
    if (shown > 1) m_dropped += static_cast<uint64_t>(shown - 1);
    changed = shown > 0;
    m_position = std::min(now, m_duration);

    bool videoDone = !m_video || (m_video->atEnd(serial) && !m_queue.peekTime(serial));
    if (videoDone && now >= m_duration) {
        stopClock();
        m_position = m_duration;
        m_state = PlayerState::Paused;
    }
    return changed;
}

}  // namespace ll::playback
