#pragma once
// Talk time for several lessons at once (a round's classrooms, the library's lessons not analysed
// yet): one lesson after another on a worker thread with its own library connection, with
// progress and Cancel, leaving the lesson open in the window alone. The app owns one, so two
// views never analyse the same lesson at once, and polls it every frame. UI thread.

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "jobs/background_job.h"
#include "store/model.h"

namespace ll::ui {

class App;

class BatchAnalysis {
public:
    // Why a lesson's talk time cannot be found on this computer: a short cell text ("no sound",
    // "no recording here") and the full reason for a tooltip; both empty when it can.
    struct Obstacle {
        std::string label;
        std::string reason;
        bool none() const { return label.empty(); }
    };
    // Per clip. Views check once when they load, not every frame.
    static std::vector<Obstacle> obstacles(const std::vector<store::Clip>& clips);

    // Analyses `clips` (recordings on this computer, without talk time) one after another.
    Status start(App& app, std::vector<store::Clip> clips);
    // When the work has ended: says how it went in the status line and refreshes the open
    // lesson's talk time (the library and rounds views follow the library's change mark).
    void poll(App& app);
    bool busy() const { return m_job != nullptr; }
    // Whether the running work includes this lesson (its row says "analysing…").
    bool includes(const Id& clipId) const;
    size_t count() const { return m_ids.size(); }
    float progress() const { return m_job ? m_job->progress() : 0.f; }
    void cancel() {
        if (m_job) m_job->cancel();
    }
    // "Analysing 3 lessons: 40%" and Cancel, or when idle the button "Analyse N lessons" for
    // `waiting` lessons, which runs `command`; nothing (hasControls false) when idle with none.
    bool hasControls(size_t waiting) const { return m_job || waiting > 0; }
    void drawControls(App& app, size_t waiting, const char* command);

private:
    struct Outcome {
        size_t analysed = 0;
        bool cancelled = false;
        std::vector<std::string> problems;  // "“TITLE”: reason", one per lesson that failed
    };
    std::unique_ptr<jobs::BackgroundJob<Outcome>> m_job;
    std::vector<Id> m_ids;  // the lessons of the running or last work
};

}  // namespace ll::ui
