#pragma once
// Under the picture: play/pause, jumps, frame steps, the time, speed and volume. Every button
// runs a command. UI thread.

#include "ui/app.h"

namespace ll::ui {

class TransportBar {
public:
    void draw(App& app, const PixelRect& area);
};

}  // namespace ll::ui
