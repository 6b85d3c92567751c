// Times as people type them (--at, --from, script seeks): any text is refused with a reason or
// read as a time that prints and reads back as itself.

#include <string>
#include <string_view>
#include <vector>

#include "core/time_text.h"
#include "fuzz/fuzz_target.h"

namespace {

#ifndef LL_FUZZ_LIBFUZZER
std::vector<std::string> seeds() {
    return {"83.4", "1:23.4", "01:02:03.250", "-0:05", " 12 ", "0.000001", "59:59.999999",
            "2562047788:00:54.775807", "2026-11-23T20:31:05.123Z", "1970-01-01T00:00:00.000Z"};
}
#endif

}  // namespace

LL_FUZZ_TARGET(time_text, seeds) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto t = ll::parseTime(text)) {
        for (int decimals = 0; decimals <= 6; ++decimals) (void)ll::formatTime(*t, decimals);
        // Six decimals are exact: the printed time reads back as the same microsecond.
        auto again = ll::parseTime(ll::formatTime(*t, 6));
        LL_FUZZ_CHECK(again.ok());
        LL_FUZZ_CHECK(*again == *t);
        auto seconds = ll::parseTime(ll::formatSeconds(*t, 6));
        LL_FUZZ_CHECK(seconds.ok());
        LL_FUZZ_CHECK(*seconds == *t);
    } else {
        LL_FUZZ_CHECK(!t.error().message.empty());
    }
    if (auto stamp = ll::parseIsoUtc(text)) {
        // Printed with milliseconds, it reads back as the same moment to the millisecond.
        auto again = ll::parseIsoUtc(ll::formatIsoUtc(*stamp));
        LL_FUZZ_CHECK(again.ok());
        LL_FUZZ_CHECK(*again - *stamp > -1000 && *again - *stamp < 1000);
    }
    return 0;
}
