#pragma once
// The fallback master clock: media time that advances with the system's steady clock while
// running. Used when there is no audio device (or no audio), so playback works silently.
// Owned by the UI thread.

#include <chrono>

#include "core/media_time.h"

namespace ll::playback {

class SystemClock {
public:
    // The clock reads `t` now and advances at `speed` while running.
    void set(MediaTime t) {
        m_base = t;
        m_wall = Steady::now();
    }
    void setRunning(bool running) {
        if (running == m_running) return;
        set(now());
        m_running = running;
    }
    void setSpeed(double speed) {
        set(now());
        m_speed = speed;
    }
    bool running() const { return m_running; }
    MediaTime now() const {
        if (!m_running) return m_base;
        auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - m_wall);
        return m_base + MediaTime::fromMicros(static_cast<int64_t>(elapsed.count() * m_speed));
    }

private:
    using Steady = std::chrono::steady_clock;
    MediaTime m_base;
    Steady::time_point m_wall = Steady::now();
    double m_speed = 1.0;
    bool m_running = false;
};

}  // namespace ll::playback
