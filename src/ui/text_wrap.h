#pragma once
// Word wrap for text people wrote (comments, replies): lines break at spaces only, so "that?"
// keeps its closing quote and "3:12," its comma. Dear ImGui's own wrap also breaks after
// punctuation. wrapAtSpaces is a pure string function (the caller measures); the other two use
// the current Dear ImGui font. UI thread.

#include <functional>
#include <string>
#include <string_view>

namespace ll::ui {

// Measures a piece of one line (no '\n'), in the same unit as `width`. Widths add up: a line is
// as wide as its words and spaces measured one by one (Dear ImGui's fonts have no kerning).
using MeasureText = std::function<float(std::string_view)>;

// `text` with '\n' inserted so that no line is wider than `width`:
// - lines break at a space, which the break replaces; the writer's own newlines stay;
// - Chinese and Japanese, written without spaces, break between any two characters, but not
//   before closing punctuation (、。」) or after an opening bracket (「);
// - a word wider than a whole line is split between characters (never inside a UTF-8 sequence);
// - spaces at the end of a line that breaks are dropped;
// - a `width` of 0 or less leaves the text as it is.
std::string wrapAtSpaces(std::string_view text, float width, const MeasureText& measure);

// wrapAtSpaces in the current Dear ImGui font, `width` in pixels. Inside a frame.
std::string wrapInCurrentFont(std::string_view text, float width);
// The same, drawn with ImGui::TextUnformatted.
void textWrappedAtSpaces(std::string_view text, float width);

}  // namespace ll::ui
