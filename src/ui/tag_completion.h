#pragma once
// Completion for the composer's tag field ("wait-time, laun|"): the word being typed, the known
// tags that fit it, and the text after one is chosen. Pure string functions; UI thread.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ll::ui {

// The tag being typed: the text after the last comma, without leading spaces or '#'.
std::string currentTagWord(std::string_view text);
// Up to `max` of `known` (most used first) that start with the word being typed (any case) and
// are not already in the field. An empty word offers the most used tags.
std::vector<std::string> tagSuggestions(std::string_view text, std::span<const std::string> known,
                                        size_t max);
// The field with the word being typed replaced by `tag`, followed by ", " for the next one.
std::string applyTagCompletion(std::string_view text, std::string_view tag);
// "goals, #launch ,goals" -> {"goals", "launch"}: trimmed, '#' dropped, sorted, unique.
std::vector<std::string> splitTagList(std::string_view text);

}  // namespace ll::ui
