#pragma once
// The rounds view: teacher rounds (several classrooms visited around one focus question) side by
// side. A list of rounds on the left; the chosen round's focus question, each classroom's talk
// time as a bar, tag counts per classroom and the notes tagged for the focus on the right. Its
// commands create rounds, add the open lesson, analyse the lessons that have no talk time yet
// (on a worker thread, one after another, leaving the open lesson alone), and write the round's
// HTML report. UI thread.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exchange/html_report.h"
#include "jobs/background_job.h"
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
    // Starts analysing the selected round's lessons that have no talk time yet and whose file
    // is on this computer; poll() reports when they are done.
    Status analyseMissing(App& app);
    void poll(App& app);
    bool busy() const { return m_analyseJob != nullptr; }
    const std::optional<store::Round>& selected() const { return m_selected; }

private:
    struct AnalyseOutcome {
        size_t analysed = 0;
        bool cancelled = false;
        std::vector<std::string> problems;  // "TITLE: reason", one per lesson that failed
    };

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
    // Per classroom of m_data: why its recording cannot be analysed here (jobs::recordingOf),
    // or empty when it can. Checked when the round is loaded, not every frame.
    std::vector<std::string> m_noRecording;
    bool m_stale = true;
    uint64_t m_seenComments = ~uint64_t{0}, m_seenTalk = ~uint64_t{0};
    bool m_wasVisible = false;
    std::unique_ptr<jobs::BackgroundJob<AnalyseOutcome>> m_analyseJob;
    size_t m_analyseCount = 0;

    // New round dialog.
    bool m_requestNew = false;
    std::string m_title, m_focus, m_tag = "focus", m_date, m_error;
    // Write report dialog.
    bool m_requestReport = false;
    std::string m_reportPath;
    FileBrowser m_reportBrowser;
};

}  // namespace ll::ui
