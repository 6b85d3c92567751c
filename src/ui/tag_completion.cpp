#include "ui/tag_completion.h"

#include <algorithm>
#include <cctype>

namespace ll::ui {
namespace {

std::string trimmed(std::string_view s) {
    size_t b = s.find_first_not_of(" \t#");
    if (b == std::string_view::npos) return {};
    size_t e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    if (prefix.size() > text.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) !=
            std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

}  // namespace

std::string currentTagWord(std::string_view text) {
    size_t comma = text.find_last_of(',');
    std::string_view word = comma == std::string_view::npos ? text : text.substr(comma + 1);
    size_t b = word.find_first_not_of(" \t#");
    return b == std::string_view::npos ? std::string() : std::string(word.substr(b));
}

std::vector<std::string> splitTagList(std::string_view text) {
    std::vector<std::string> tags;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        std::string t = trimmed(text.substr(start, comma - start));
        if (!t.empty()) tags.push_back(std::move(t));
        start = comma + 1;
    }
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    return tags;
}

std::vector<std::string> tagSuggestions(std::string_view text, std::span<const std::string> known,
                                        size_t max) {
    const std::string word = currentTagWord(text);
    // Tags already finished in the field (everything before the word being typed).
    size_t comma = text.find_last_of(',');
    const auto done =
        splitTagList(comma == std::string_view::npos ? std::string_view() : text.substr(0, comma));
    std::vector<std::string> out;
    for (const auto& t : known) {
        if (out.size() >= max) break;
        if (!startsWithNoCase(t, word) || t == word) continue;
        if (std::binary_search(done.begin(), done.end(), t)) continue;
        out.push_back(t);
    }
    return out;
}

std::string applyTagCompletion(std::string_view text, std::string_view tag) {
    size_t comma = text.find_last_of(',');
    std::string head = comma == std::string_view::npos
                           ? std::string()
                           : std::string(text.substr(0, comma + 1)) + " ";
    return head + std::string(tag) + ", ";
}

}  // namespace ll::ui
