#pragma once
// Under the picture: play/pause, jumps, frame steps, the time, speed and volume. Every button
// runs a command. UI thread.

#include "ui/app.h"

namespace ll::ui {

// What the bar is made of, in pixels, measured from the font before drawing.
struct TransportWidths {
    float play = 0, step = 0, jump = 0;  // one button each; steps and jumps come in pairs
    float spacing = 0;                   // between neighbouring items
    float timeGap = 0;                   // between the buttons and the time
    float now = 0;                       // "0:20.00"
    float total = 0;                     // "/ 1:52.73", with the gap before it
    float groupGap = 0;                  // least room between the time and the speed menu
    float speed = 0, volumeLabel = 0;
    float sliderMin = 0, sliderWide = 0;  // the volume slider's narrowest and widest
};

// Which items a bar `available` pixels wide shows. Play, the time, speed and volume always stay;
// the rest is added while it fits, most useful first: frame steps, 5-second jumps (both also on
// keys), the lesson's length, the "Volume" word; then the slider widens into what is left.
struct TransportLayout {
    bool steps = false, jumps = false, total = false, volumeLabel = false;
    float slider = 0;
};
TransportLayout layoutTransport(const TransportWidths& w, float available);

class TransportBar {
public:
    void draw(App& app, const PixelRect& area);
};

}  // namespace ll::ui
