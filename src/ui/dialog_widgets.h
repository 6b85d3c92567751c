#pragma once
// Pieces every dialog and full-window view draws the same way: a centred modal, the
// Cancel / primary button pair, an error line, and a view's title row. UI thread, inside a frame.

#include <string>

namespace ll::ui {

class App;

// Opens the modal `title` when `request`, centred, `width` x `height` (0: fit) clamped to the
// window; true while it is open (then call ImGui::EndPopup()).
bool beginDialog(const char* title, bool request, float width, float height);
// Cancel (or Escape) closes the dialog; returns whether `primary` was pressed. Right-aligned.
bool dialogButtons(const char* primary, bool enabled = true);
// A wrapped error in the error colour; nothing when `error` is empty.
void errorLine(const std::string& error);
// A full-window view's first row: the title, a grey subtitle, and on the right "Back to lesson"
// when a lesson is open (returns in *back) and the view's primary button (the return value).
bool viewHeader(App& app, const char* title, const std::string& subtitle, const char* primary, bool* back);

}  // namespace ll::ui
