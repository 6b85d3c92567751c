#pragma once
// The keyboard help (? or F1): every command that has a shortcut, from the registry, so the list
// is never out of date. UI thread.

#include "ui/app.h"

namespace ll::ui {

class HelpOverlay {
public:
    void toggle() { m_visible = !m_visible; }
    void draw(App& app);

private:
    bool m_visible = false;
};

}  // namespace ll::ui
