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
// True when valid UTF-8 text holds a control character: C0 (ESC, NUL...), DEL or C1. Such codes
// can clear a terminal or retitle it, and make XML exports ill-formed. Tab, line feed and
// carriage return are allowed when `lineBreaksAllowed` (a comment's paragraphs).
bool hasControlCharacters(std::string_view s, bool lineBreaksAllowed);
// Text fit to show, from bytes that may be anything (a file name in Latin-1): invalid UTF-8
// becomes U+FFFD and control characters become spaces (tab, line feed and carriage return
// stay when `lineBreaksAllowed`).
std::string toDisplayText(std::string_view bytes, bool lineBreaksAllowed = false);
std::vector<std::string> split(std::string_view s, char sep);
// Shortens to at most `maxChars` code points, adding "…" when cut; never splits a UTF-8 sequence.
std::string ellipsize(std::string_view s, size_t maxChars);
// A title made safe as a file name: slashes, colons and control characters become "-", outer
// spaces go; `fallback` when nothing is left. "Room 12: fractions" -> "Room 12- fractions".
std::string fileNameFrom(std::string_view title, std::string_view fallback);
// Bytes as "1.2 GB" / "340 MB" / "12 kB".
std::string formatBytes(uint64_t bytes);

}  // namespace ll
