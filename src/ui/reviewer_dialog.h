#pragma once
// "Who is reviewing?": asked on the first run (and from the Reviewer menu); the name and colour
// mark this person's comments and are remembered in the settings. UI thread.

#include <string>

#include "ui/app.h"

namespace ll::ui {

class ReviewerDialog {
public:
    void open(App& app);
    void draw(App& app);

private:
    bool m_requestOpen = false;  // open() asks; draw() opens the popup in the next frame
    bool m_open = false;         // the close button's flag once a name exists (cleared by it)
    std::string m_name;
    float m_color[3] = {0.31f, 0.47f, 0.65f};
    std::string m_error;
};

}  // namespace ll::ui
