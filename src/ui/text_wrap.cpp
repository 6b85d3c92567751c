#include "ui/text_wrap.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "core/text.h"

namespace ll::ui {

namespace {

// Appends one line of the writer's text (no '\n') to `out`, wrapped at `width`.
void wrapLine(std::string_view line, float width, const MeasureText& measure, std::string& out) {
    std::string current;  // the line being filled
    float currentWidth = 0;
    auto flush = [&] {
        while (!current.empty() && current.back() == ' ') current.pop_back();
        out += current;
        out += '\n';
        current.clear();
        currentWidth = 0;
    };
    size_t i = 0;
    while (i < line.size()) {
        // The next word and the spaces before it.
        size_t spaceEnd = line.find_first_not_of(' ', i);
        if (spaceEnd == std::string_view::npos) spaceEnd = line.size();
        size_t wordEnd = line.find(' ', spaceEnd);
        if (wordEnd == std::string_view::npos) wordEnd = line.size();
        std::string_view piece = line.substr(i, wordEnd - i);  // spaces, then the word
        std::string_view word = line.substr(spaceEnd, wordEnd - spaceEnd);
        i = wordEnd;
        if (word.empty()) break;  // spaces at the end of the line
        const float pieceWidth = measure(piece);
        if (currentWidth + pieceWidth <= width) {
            current += piece;
            currentWidth += pieceWidth;
            continue;
        }
        // The word starts a new line (leading spaces that would push it over are dropped).
        if (current.find_first_not_of(' ') != std::string::npos) flush();
        current.clear();
        // Split it between characters while it is wider than the line; at least one character
        // goes on each line, however narrow.
        size_t at = 0;
        while (at < word.size()) {
            size_t end = at;
            while (end < word.size()) {
                size_t next = std::min(word.size(), end + utf8SequenceLength(static_cast<unsigned char>(word[end])));
                if (end > at && measure(word.substr(at, next - at)) > width) break;
                end = next;
            }
            current = std::string(word.substr(at, end - at));
            currentWidth = measure(current);
            at = end;
            if (at < word.size()) flush();
        }
    }
    out += current;
}

}  // namespace

std::string wrapAtSpaces(std::string_view text, float width, const MeasureText& measure) {
    if (width <= 0) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    size_t start = 0;
    while (true) {
        size_t nl = text.find('\n', start);
        std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        wrapLine(line, width, measure, out);
        if (nl == std::string_view::npos) break;
        out += '\n';
        start = nl + 1;
    }
    return out;
}

std::string wrapInCurrentFont(std::string_view text, float width) {
    // The font's own measure: ImGui::CalcTextSize rounds each piece up to a whole pixel, and
    // those roundings would add up along a line.
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    return wrapAtSpaces(text, width, [font, size](std::string_view s) {
        return font->CalcTextSizeA(size, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
    });
}

void textWrappedAtSpaces(std::string_view text, float width) {
    std::string wrapped = wrapInCurrentFont(text, width);
    ImGui::TextUnformatted(wrapped.data(), wrapped.data() + wrapped.size());
}

}  // namespace ll::ui
