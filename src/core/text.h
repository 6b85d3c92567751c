#pragma once
// Small text helpers shared by every module.

#include <string>
#include <string_view>
#include <vector>

namespace ll {

std::string_view trimView(std::string_view s);
std::string trim(std::string_view s);
std::string toLower(std::string_view s);
bool isValidUtf8(std::string_view s);
// Bytes in the UTF-8 sequence that `lead` starts (1-4). A byte that starts none (a stray
// continuation byte, 0xF8-0xFF) counts 1, so a walk over damaged text still moves on.
size_t utf8SequenceLength(unsigned char lead);
// True when the text has something other than white space.
bool hasVisibleText(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
// Shortens to at most `maxChars` code points, adding "…" when cut; never splits a UTF-8 sequence.
std::string ellipsize(std::string_view s, size_t maxChars);
// A title made safe as a file name: slashes, colons and control characters become "-", outer
// spaces go; `fallback` when nothing is left. "Room 12: fractions" -> "Room 12- fractions".
std::string fileNameFrom(std::string_view title, std::string_view fallback);
// Bytes as "1.2 GB" / "340 MB" / "12 kB".
std::string formatBytes(uint64_t bytes);

}  // namespace ll
