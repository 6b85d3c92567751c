#pragma once
// Times the way people type and read them: "83.4", "1:23.4", "01:02:03.250", "-0:05".

#include <string>
#include <string_view>

#include "core/media_time.h"
#include "core/result.h"

namespace ll {

// Accepts seconds ("83.4"), m:ss(.fff) and h:mm:ss(.fff); up to 6 fractional digits; an optional
// leading '-'; surrounding spaces. Rejects empty text, stray characters, minutes or seconds of 60
// or more in the colon forms, and values beyond about 292,000 years (int64 microseconds).
Result<MediaTime> parseTime(std::string_view text);

// "1:23.400" below an hour, "1:02:03.250" from an hour on; `decimals` in 0..6.
std::string formatTime(MediaTime t, int decimals = 3);

// "83.400000"-style seconds with a fixed number of decimals, for machine-readable output.
std::string formatSeconds(MediaTime t, int decimals = 3);

// Wall-clock time as microseconds since the Unix epoch (UTC).
int64_t nowUnixMicros();
// ISO 8601 UTC with milliseconds: "2026-11-23T20:31:05.123Z".
std::string formatIsoUtc(int64_t unixMicros);
Result<int64_t> parseIsoUtc(std::string_view text);
// The calendar date on this computer's clock, "2026-11-24": what a teacher calls today (a round
// held at 5 pm in California is not dated tomorrow, as the UTC date would be).
std::string formatLocalDate(int64_t unixMicros);

}  // namespace ll
