#include "ui/text_wrap.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <string>
#include <vector>

#include "core/text.h"

namespace ll::ui {

namespace {

uint32_t decodeAt(std::string_view s, size_t i, size_t* length) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const size_t n = std::min(s.size() - i, utf8SequenceLength(lead));
    *length = n;
    if (n == 1) return lead;
    uint32_t c = lead & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return c;
}

// Chinese and Japanese are written without spaces: a line may break between any two of their
// characters. Korean puts spaces between words, so Hangul breaks at spaces like Latin.
bool isWrittenWithoutSpaces(uint32_t c) {
    return (c >= 0x3000 && c <= 0x30FF) ||  // CJK punctuation, hiragana, katakana
           (c >= 0x3400 && c <= 0x4DBF) ||  // ideographs, Extension A
           (c >= 0x4E00 && c <= 0x9FFF) ||  // ideographs
           (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
           (c >= 0xFF00 && c <= 0xFFEF);    // full-width forms
}

bool isAnyOf(uint32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// What Chinese and Japanese typesetting keeps off the start of a line (closing punctuation,
// small kana, the prolonged sound mark) and off its end (opening brackets).
bool mayNotStartALine(uint32_t c) {
    return isAnyOf(c, U"、。，．：；！？）」』〕】〉》〟ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・］｝"
                      U",.:;!?)]}%");
}
bool mayNotEndALine(uint32_t c) { return isAnyOf(c, U"（「『〔【〈《〝［｛([{"); }

// Splits a run with no spaces where a line may break inside it: around Chinese and Japanese
// characters, within the rules above. Each piece's end in `ends`.
void breakOpportunities(std::string_view word, std::vector<size_t>& ends) {
    ends.clear();
    uint32_t prev = 0;
    for (size_t i = 0; i < word.size();) {
        size_t n = 1;
        const uint32_t c = decodeAt(word, i, &n);
        if (i > 0 && (isWrittenWithoutSpaces(prev) || isWrittenWithoutSpaces(c)) && !mayNotStartALine(c) &&
            !mayNotEndALine(prev))
            ends.push_back(i);
        prev = c;
        i += n;
    }
    ends.push_back(word.size());
}

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
    // Puts `piece` (spaces, then text that may not be broken except where nothing else fits)
    // on the line, or starts a new line with it.
    auto place = [&](std::string_view piece) {
        const float pieceWidth = measure(piece);
        if (currentWidth + pieceWidth <= width) {
            current += piece;
            currentWidth += pieceWidth;
            return;
        }
        std::string_view word = piece.substr(std::min(piece.size(), piece.find_first_not_of(' ')));
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
    };
    std::vector<size_t> ends;
    size_t i = 0;
    while (i < line.size()) {
        // The next word and the spaces before it.
        size_t spaceEnd = line.find_first_not_of(' ', i);
        if (spaceEnd == std::string_view::npos) spaceEnd = line.size();
        size_t wordEnd = line.find(' ', spaceEnd);
        if (wordEnd == std::string_view::npos) wordEnd = line.size();
        std::string_view word = line.substr(spaceEnd, wordEnd - spaceEnd);
        if (word.empty()) break;  // spaces at the end of the line
        breakOpportunities(word, ends);
        size_t from = i;  // the first piece carries the spaces
        for (size_t end : ends) {
            place(line.substr(from, spaceEnd + end - from));
            from = spaceEnd + end;
        }
        i = wordEnd;
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
