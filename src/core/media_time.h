#pragma once
// The one time type of LessonLens: int64 microseconds on the media timeline.

#include <compare>
#include <cstdint>
#include <limits>

namespace ll {

class MediaTime {
public:
    constexpr MediaTime() = default;
    static constexpr MediaTime fromMicros(int64_t us) { return MediaTime(us); }
    static constexpr MediaTime fromMillis(int64_t ms) { return MediaTime(ms * 1000); }
    // Only for the edges (CLI text, JSON, display); rounds to the nearest microsecond.
    static MediaTime fromSeconds(double s);
    static constexpr MediaTime zero() { return MediaTime(0); }
    static constexpr MediaTime max() { return MediaTime(std::numeric_limits<int64_t>::max()); }

    constexpr int64_t micros() const { return m_us; }
    constexpr int64_t millis() const { return m_us / 1000; }
    constexpr double seconds() const { return static_cast<double>(m_us) / 1e6; }

    constexpr auto operator<=>(const MediaTime&) const = default;
    constexpr MediaTime operator+(MediaTime o) const { return MediaTime(m_us + o.m_us); }
    constexpr MediaTime operator-(MediaTime o) const { return MediaTime(m_us - o.m_us); }
    constexpr MediaTime& operator+=(MediaTime o) { m_us += o.m_us; return *this; }
    constexpr MediaTime& operator-=(MediaTime o) { m_us -= o.m_us; return *this; }
    constexpr MediaTime operator-() const { return MediaTime(-m_us); }

private:
    constexpr explicit MediaTime(int64_t us) : m_us(us) {}
    int64_t m_us = 0;
};

constexpr MediaTime operator""_s(unsigned long long s) {
    return MediaTime::fromMicros(static_cast<int64_t>(s) * 1'000'000);
}
constexpr MediaTime operator""_ms(unsigned long long ms) {
    return MediaTime::fromMicros(static_cast<int64_t>(ms) * 1000);
}

// A half-open range [start, end) on the media timeline.
struct TimeRange {
    MediaTime start;
    MediaTime end;

    constexpr MediaTime duration() const { return end - start; }
    constexpr bool empty() const { return end <= start; }
    constexpr bool contains(MediaTime t) const { return start <= t && t < end; }
    constexpr bool overlaps(const TimeRange& o) const { return start < o.end && o.start < end; }
    constexpr bool operator==(const TimeRange&) const = default;
};

}  // namespace ll
