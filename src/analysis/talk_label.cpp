#include "analysis/talk_label.h"

#include <array>
#include <cctype>

namespace ll::analysis {

namespace {
constexpr std::array<std::string_view, kTalkLabelCount> kNames = {"silence", "teacher", "student",
                                                                  "multiple"};
}

std::string_view toString(TalkLabel label) {
    return kNames[static_cast<size_t>(label)];
}

std::optional<TalkLabel> parseTalkLabel(std::string_view text) {
    for (size_t i = 0; i < kNames.size(); ++i) {
        const std::string_view name = kNames[i];
        if (name.size() != text.size()) continue;
        bool same = true;
        for (size_t c = 0; c < name.size() && same; ++c)
            same = std::tolower(static_cast<unsigned char>(text[c])) == name[c];
        if (same) return static_cast<TalkLabel>(i);
    }
    return std::nullopt;
}

}  // namespace ll::analysis
