#pragma once
// A small bounded queue of decoded frames between the video decode thread (producer) and the UI
// thread (consumer). Every frame carries the serial of the seek it belongs to; a seek bumps the
// serial and the consumer drops anything older (the ffplay design). abort() wakes both sides.
// Shared between the two threads; all members lock.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

#include "media/video_frame.h"

namespace ll::playback {

struct QueuedFrame {
    media::VideoFrame frame;
    int serial = 0;
};

class FrameQueue {
public:
    explicit FrameQueue(size_t capacity) : m_capacity(capacity) {}

    // Blocks while full; false when aborted or when the serial moved on while waiting.
    bool push(QueuedFrame item, const std::atomic<int>& currentSerial) {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] {
            return m_aborted || m_items.size() < m_capacity || item.serial != currentSerial.load();
        });
        if (m_aborted || item.serial != currentSerial.load()) return false;
        m_items.push_back(std::move(item));
        return true;
    }
    // Drops frames older than `serial`; returns the time of the first remaining one.
    std::optional<MediaTime> peekTime(int serial) {
        std::lock_guard lock(m_mutex);
        dropStale(serial);
        if (m_items.empty()) return std::nullopt;
        return m_items.front().frame.time;
    }
    std::optional<media::VideoFrame> pop(int serial) {
        std::lock_guard lock(m_mutex);
        dropStale(serial);
        if (m_items.empty()) return std::nullopt;
        media::VideoFrame f = std::move(m_items.front().frame);
        m_items.pop_front();
        m_cv.notify_all();
        return f;
    }
    void clear() {
        std::lock_guard lock(m_mutex);
        m_items.clear();
        m_cv.notify_all();
    }
    // Empty and accepting again, after abort(); only while no producer runs.
    void reset() {
        std::lock_guard lock(m_mutex);
        m_items.clear();
        m_aborted = false;
    }
    // Reverse playback queues a whole decoded chunk; forward a few frames.
    void setCapacity(size_t capacity) {
        std::lock_guard lock(m_mutex);
        m_capacity = capacity;
        m_cv.notify_all();
    }
    size_t size() {
        std::lock_guard lock(m_mutex);
        return m_items.size();
    }
    // Wakes a producer blocked in push so it can notice a new serial.
    void wake() { m_cv.notify_all(); }
    void abort() {
        std::lock_guard lock(m_mutex);
        m_aborted = true;
        m_cv.notify_all();
    }

private:
    void dropStale(int serial) {
        bool dropped = false;
        while (!m_items.empty() && m_items.front().serial != serial) {
            m_items.pop_front();
            dropped = true;
        }
        if (dropped) m_cv.notify_all();
    }
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<QueuedFrame> m_items;
    size_t m_capacity;
    bool m_aborted = false;
};

}  // namespace ll::playback
