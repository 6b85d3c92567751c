#pragma once
// The rounds view: teacher rounds (several classrooms visited around one focus question) side by
// side. A list of rounds on the left; the chosen round's focus question, each classroom's talk
// time as a bar, tag counts per classroom and the notes tagged for the focus on the right. Its
// commands create rounds, add the open lesson, and write the round's HTML report. UI thread.

#include <optional>
#include <string>
#include <vector>

#include "exchange/html_report.h"
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
    const std::optional<store::Round>& selected() const { return m_selected; }

private:
    void reload(App& app);
    void drawRound(App& app);
    void drawClassrooms(App& app);
    void drawTagCounts();
    void drawFocusNotes(App& app);

    std::vector<store::Round> m_rounds;
    std::optional<store::Round> m_selected;
    std::optional<exchange::RoundReportData> m_data;  // the selected round, without thumbnails
    bool m_stale = true;
    uint64_t m_seenComments = ~uint64_t{0}, m_seenTalk = ~uint64_t{0};
    bool m_wasVisible = false;

    // New round dialog.
    bool m_requestNew = false;
    std::string m_title, m_focus, m_tag = "focus", m_date, m_error;
    // Write report dialog.
    bool m_requestReport = false;
    std::string m_reportPath;
    FileBrowser m_reportBrowser;
};

}  // namespace ll::ui
