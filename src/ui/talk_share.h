#pragma once
// The four talk-time shares of a lesson as one bar (teacher, students, several voices, then
// silence: the order coaches read), with its legend. The library and the rounds view draw the
// same bar from the same metrics (corrections applied), so a lesson reads the same in both.
// UI thread, inside a frame.

#include <string>

#include "analysis/talk_metrics.h"

namespace ll::ui {

// "45%": a share of the lesson, rounded.
std::string sharePercent(double share);
// The bar, `w` x `h` at the cursor; hovering it lists the four shares.
void talkShareBar(const analysis::TalkMetrics& metrics, float w, float h);
// The colours' names on one line.
void talkShareLegend();

}  // namespace ll::ui
