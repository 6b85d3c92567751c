#pragma once
// File > Export..., Import review pack..., Sync now and the shared folder: their dialogs, their
// commands, and the one background job that does the work while the status line shows its
// progress (with Cancel). Notes leave the machine only through these, and private comments
// only when the reviewer ticks the box. UI thread; the job opens its own library connection.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "jobs/background_job.h"
#include "jobs/export.h"
#include "ui/commands.h"
#include "ui/file_browser.h"

namespace ll::ui {

class App;

class SharingDialogs {
public:
    explicit SharingDialogs(App& app);
    ~SharingDialogs();

    void registerCommands(CommandRegistry& registry);
    // The dialogs (after the panes).
    void draw();
    // Progress and Cancel while a job runs; nothing otherwise. Inside the status bar window.
    void drawStatus();
    // Takes a finished job's result and refreshes what it changed (every frame, UI thread).
    void poll();
    bool busy() const { return m_job != nullptr; }

    struct ExportChoice {
        jobs::ExportFormat format = jobs::ExportFormat::Html;
        std::filesystem::path out;
        bool onlyMine = false;
        bool includePrivate = false;
    };
    Status startExport(const ExportChoice& choice);
    Status startImport(const std::filesystem::path& pack);
    Status startSync();
    Status setSyncFolder(const std::filesystem::path& folder);

    // What a finished job did, in a sentence for the status line.
    struct Outcome {
        std::string message;
        bool libraryChanged = false;
        bool problem = false;  // something was refused: shown as an error
    };

private:
    enum class Dialog { None, Export, Import, SyncFolder };
    Status start(std::string what, std::function<Result<Outcome>(const std::atomic<bool>&, std::atomic<float>&)> work);
    void openExport();
    void openImport();
    void openSyncFolder(bool syncAfter);
    std::filesystem::path suggestedExportPath(jobs::ExportFormat format) const;
    void drawExport();
    void drawImport();
    void drawSyncFolder();

    App& m_app;
    std::unique_ptr<jobs::BackgroundJob<Outcome>> m_job;
    std::string m_jobWhat;  // "Importing notes"

    Dialog m_request = Dialog::None;  // opened on the next draw()
    std::string m_path;
    std::string m_error;
    ExportChoice m_export;
    bool m_syncAfterChoosing = false;
    FileBrowser m_exportBrowser, m_packBrowser, m_folderBrowser;
};

}  // namespace ll::ui
