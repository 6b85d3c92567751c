#pragma once
// The rounds view: teacher rounds (several classrooms visited around one focus question) side by
// side. A list of rounds on the left; the chosen round's focus question, each classroom's talk
// time as a bar, tag counts per classroom and the notes tagged for the focus on the right. Its
// commands create rounds, add the open lesson, analyse the lessons that have no talk time yet
// (on a worker thread, one after another, leaving the open lesson alone), and write the round's
// HTML report. UI thread.

#include <optional>
#include <string>
#include <vector>

#include "exchange/html_report.h"
#include "ui/batch_analysis.h"
#include "store/repositories.h"
#include "ui/app.h"
#include "ui/file_browser.h"

namespace ll::ui {

class RoundsView {
public:
    RoundsView();
    void registerCommands(App& app, CommandRegistry& registry);
    void draw(App& app, const PixelRect& area);
    // The dialogs (New round, Write report), drawn after the panes.
    void drawDialogs(App& app);

    Result<store::Round> createRound(App& app, std::string title, std::string focus, std::string tag,
                                     std::string date);
    Status select(App& app, const std::string& idOrTitle);
    Status addOpenLesson(App& app);
    Status removeClip(App& app, const Id& clipId);
    Status writeReport(App& app, const std::filesystem::path& out);
    // Starts analysing (App::batch) the selected round's lessons that have no talk time yet and
    // can be analysed here.
    Status analyseMissing(App& app);
    // Reads the round again before the next frame (its lessons' talk time changed).
    void invalidate() { m_stale = true; }
    const std::optional<store::Round>& selected() const { return m_selected; }

private:
    void reload(App& app);
    // The selected round's lessons without talk time whose recording is on this computer.
    std::vector<store::Clip> unanalysed() const;
    void drawRound(App& app);
    void drawClassrooms(App& app);
    void drawTagCounts();
    void drawFocusNotes(App& app);

    std::vector<store::Round> m_rounds;
    std::optional<store::Round> m_selected;
    std::optional<exchange::RoundReportData> m_data;  // the selected round, without thumbnails
    // Per classroom of m_data: why its talk time cannot be found here (none when it can).
    std::vector<BatchAnalysis::Obstacle> m_obstacles;
    bool m_stale = true;
    uint64_t m_seenComments = ~uint64_t{0}, m_seenTalk = ~uint64_t{0};
    int m_drawnFrame = -2;  // ImGui's frame count when last drawn

    // New round dialog.
    bool m_requestNew = false;
    std::string m_title, m_focus, m_tag = "focus", m_date, m_error;
    // Write report dialog.
    bool m_requestReport = false;
    std::string m_reportPath;
    FileBrowser m_reportBrowser;
};

}  // namespace ll::ui
