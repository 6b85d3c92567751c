#pragma once
// Who is talking in a stretch of a lesson: the four classes coaches read.

#include <optional>
#include <string_view>

namespace ll::analysis {

enum class TalkLabel { Silence, Teacher, Student, Multiple };

inline constexpr int kTalkLabelCount = 4;

// "silence", "teacher", "student", "multiple": the spelling used in JSON, CSV and the database.
std::string_view toString(TalkLabel label);
// Case-insensitive inverse of toString; nullopt for anything else.
std::optional<TalkLabel> parseTalkLabel(std::string_view text);

}  // namespace ll::analysis
