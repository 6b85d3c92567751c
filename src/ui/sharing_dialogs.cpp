#include "ui/sharing_dialogs.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdlib>

#include "core/text.h"
#include "exchange/pack.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "jobs/output_file.h"
#include "jobs/sharing.h"
#include "ui/app.h"
#include "ui/dialog_widgets.h"
#include "ui/theme.h"

namespace ll::ui {
namespace fs = std::filesystem;
namespace {

struct FormatInfo {
    jobs::ExportFormat format;
    const char* name;       // for scripts: "html"
    const char* extension;  // ".html"
    const char* label;      // for the dialog
    const char* purpose;    // one line on what opens it
};

constexpr FormatInfo kFormats[] = {
    {jobs::ExportFormat::Html, "html", ".html", "Report (HTML)",
     "One file to print or email: talk time, wait time and every comment with a picture of its moment."},
    {jobs::ExportFormat::Csv, "csv", ".csv", "Spreadsheet (CSV)",
     "Opens in Excel, LibreOffice or Google Sheets: one row per comment."},
    {jobs::ExportFormat::Vtt, "vtt", ".vtt", "Captions (WebVTT)",
     "Comments as captions that VLC, browsers and most video players show over the video."},
    {jobs::ExportFormat::Srt, "srt", ".srt", "Captions (SRT)",
     "Comments as SubRip captions, for players and editors that read .srt files."},
    {jobs::ExportFormat::Eaf, "eaf", ".eaf", "ELAN (EAF)",
     "For researchers who annotate video in ELAN: each reviewer's comments and the talk time."},
    {jobs::ExportFormat::Json, "json", ".json", "Data (JSON)",
     "Every comment and the talk time as data, for a colleague who writes programs or scripts."},
    {jobs::ExportFormat::Rttm, "rttm", ".rttm", "Talk segments (RTTM)",
     "Who talked when, as talk segments for speech-research tools. Needs the talk time analysed."},
};

const FormatInfo& infoOf(jobs::ExportFormat f) {
    for (const auto& i : kFormats)
        if (i.format == f) return i;
    return kFormats[0];
}

bool isPackFile(const fs::path& p) { return p.extension() == ".llpack" || p.extension() == ".json"; }

// "3 new, 1 updated, 2 already here": what an import did to the library.
std::string describe(const jobs::ImportStats& s) {
    std::string text = std::to_string(s.added) + " new, " + std::to_string(s.updated) + " updated, " +
                       std::to_string(s.unchanged) + " already here";
    if (!s.author.empty()) text = s.author + "'s notes: " + text;
    if (s.placeholders) {
        text += "; " + std::to_string(s.placeholders) + (s.placeholders == 1 ? " lesson is" : " lessons are") +
                " not on this computer yet (add the video to see its notes)";
    }
    return text;
}

fs::path homeFolder() {
    if (const char* h = std::getenv("HOME"); h && *h) return h;
    return fs::current_path();
}

}  // namespace

SharingDialogs::SharingDialogs(App& app)
    : m_app(app),
      m_exportBrowser([this](const fs::path& p) { return p.extension() == infoOf(m_export.format).extension; }),
      m_packBrowser(isPackFile),
      m_folderBrowser([](const fs::path& p) { return p.extension() == ".llpack"; }) {}

SharingDialogs::~SharingDialogs() = default;

Status SharingDialogs::start(std::string what,
                             std::function<Result<Outcome>(const std::atomic<bool>&, std::atomic<float>&)> work) {
    if (m_job) return Error::make(Error::Code::Busy, m_jobWhat + " is still running; wait for it or cancel it");
    m_jobWhat = std::move(what);
    m_job = std::make_unique<jobs::BackgroundJob<Outcome>>(std::move(work));
    return {};
}

void SharingDialogs::poll() {
    if (!m_job || !m_job->done()) return;
    auto r = m_job->take();
    m_job.reset();
    if (!r) {
        bool cancelled = r.error().code == Error::Code::Cancelled;
        m_app.showMessage(r.error().message, !cancelled);
        // A cancelled sync may have imported some packs before it stopped.
        if (cancelled) m_app.refreshFromLibrary();
        return;
    }
    if (r->libraryChanged) m_app.refreshFromLibrary();
    m_app.showMessage(r->message, r->problem);
}

Status SharingDialogs::startExport(const ExportChoice& choice) {
    const auto& clip = m_app.clip();
    if (!clip) return Error::invalid("open a lesson before exporting its notes");
    if (choice.out.empty()) return Error::invalid("choose the file to write");
    // The library and the lessons' recordings are never written over, and the check comes
    // before the export's slow part (thumbnails).
    LL_ASSIGN(jobs::OutputRules rules, jobs::outputRules(m_app.library()));
    LL_TRY(jobs::checkOutputFile(choice.out, rules));
    std::error_code ec;
    jobs::ExportOptions options;
    options.includePrivate = choice.includePrivate;
    options.thumbnails = choice.format == jobs::ExportFormat::Html;
    if (choice.onlyMine) {
        if (!m_app.reviewer()) return Error::invalid("say who is reviewing first (Reviewer menu)");
        options.reviewer = m_app.reviewer()->id;
    }
    m_app.settings().exportFolder = fs::absolute(choice.out, ec).parent_path().string();
    m_app.saveSettings();
    auto dbPath = m_app.library().path();
    return start("Exporting notes", [dbPath, c = *clip, choice, options, rules](const std::atomic<bool>&,
                                                                        std::atomic<float>& progress) -> Result<Outcome> {
        LL_ASSIGN(auto lib, store::Library::open(dbPath));
        LL_ASSIGN(auto data, jobs::gatherExport(*lib, c, options));
        progress = 0.8f;
        LL_ASSIGN(std::string text, jobs::renderExport(data, choice.format));
        LL_ASSIGN(size_t leftOut, jobs::privateLeftOut(*lib, c, options));
        LL_TRY(jobs::writeFileAtomically(choice.out, text, rules));
        Outcome o;
        o.message = jobs::exportSummary(choice.out, data, choice.format, leftOut, choice.includePrivate);
        return o;
    });
}

Status SharingDialogs::startImport(const fs::path& pack) {
    std::error_code ec;
    if (!fs::is_regular_file(pack, ec)) return Error::notFound(pack.string() + " is not a file; choose a review pack (.llpack)");
    auto dbPath = m_app.library().path();
    return start("Importing notes", [dbPath, pack](const std::atomic<bool>& cancel,
                                                   std::atomic<float>& progress) -> Result<Outcome> {
        LL_ASSIGN(auto lib, store::Library::open(dbPath));
        LL_ASSIGN(auto stats, jobs::importPackFile(*lib, pack, {&cancel, [&](float p) { progress = p; }}));
        Outcome o;
        o.message = "Imported " + describe(stats);
        o.libraryChanged = stats.added + stats.updated + stats.placeholders > 0;
        return o;
    });
}

Status SharingDialogs::setSyncFolder(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        return Error::notFound(folder.string() + " is not a folder; create it first (for example on a synced drive)");
    }
    m_app.settings().syncFolder = fs::weakly_canonical(fs::absolute(folder, ec), ec).string();
    m_app.saveSettings();
    m_app.showMessage("Notes will sync through " + m_app.settings().syncFolder);
    return {};
}

Status SharingDialogs::startSync() {
    if (!m_app.reviewer()) return Error::invalid("say who is reviewing first (Reviewer menu)");
    if (m_app.settings().syncFolder.empty()) {
        openSyncFolder(true);
        return {};
    }
    fs::path folder = m_app.settings().syncFolder;
    auto dbPath = m_app.library().path();
    return start("Syncing notes", [dbPath, folder, me = *m_app.reviewer()](const std::atomic<bool>& cancel,
                                                                          std::atomic<float>& progress) -> Result<Outcome> {
        LL_ASSIGN(auto lib, store::Library::open(dbPath));
        LL_ASSIGN(auto report, jobs::syncFolder(*lib, folder, me, {&cancel, [&](float p) { progress = p; }}));
        Outcome o;
        int added = 0, updated = 0, refused = 0;
        std::string firstRefusal;
        for (const auto& imp : report.imported) {
            if (!imp.result) {
                if (!refused++) firstRefusal = imp.result.error().message;
                continue;
            }
            added += imp.result->added + imp.result->placeholders;
            updated += imp.result->updated;
        }
        o.libraryChanged = added + updated > 0;
        size_t packs = report.imported.size();
        o.message = "Synced with " + folder.string() + ": your notes written; " + std::to_string(packs - refused) +
                    (packs - refused == 1 ? " colleague's pack read, " : " colleagues' packs read, ") +
                    std::to_string(added) + " new, " + std::to_string(updated) + " updated";
        if (refused) {
            o.problem = true;
            o.message += "; " + std::to_string(refused) + " pack" + (refused == 1 ? "" : "s") +
                         " refused: " + firstRefusal;
        }
        return o;
    });
}

void SharingDialogs::registerCommands(CommandRegistry& r) {
    auto idle = [this] { return !m_job; };
    r.add({"export-dialog", "Export notes\u2026", "", {{GLFW_KEY_E, true}}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "export-dialog"));
               openExport();
               return {};
           }, [this] { return m_app.clip().has_value() && !m_job; }});
    r.add({"export", "Export notes", "FORMAT PATH [--mine] [--include-private]", {},
           [this](const CommandArgs& args) -> Status {
               LL_ASSIGN(auto parsed, parseArgs(args, {}));
               LL_TRY(expectArgs(parsed.positional, 2, 2,
                                 "export html|csv|vtt|srt|eaf|json|rttm PATH [--mine] [--include-private]"));
               for (const auto& [name, value] : parsed.options)
                   if (name != "mine" && name != "include-private")
                       return Error::invalid("export: unknown option --" + name);
               ExportChoice c;
               LL_ASSIGN(c.format, jobs::parseExportFormat(parsed.positional[0]));
               c.out = parsed.positional[1];
               c.onlyMine = parsed.option("mine") != nullptr;
               c.includePrivate = parsed.option("include-private") != nullptr;
               return startExport(c);  // explains itself without a lesson or while busy
           },
           {}});
    r.add({"import-dialog", "Import review pack\u2026", "", {{GLFW_KEY_I, true}}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "import-dialog"));
               openImport();
               return {};
           }, idle});
    r.add({"import-pack", "Import review pack", "FILE", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "import-pack FILE.llpack"));
               return startImport(a[0]);
           }, idle});
    r.add({"sync-now", "Sync now", "", {{GLFW_KEY_S, true, true}}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "sync-now"));
               return startSync();
           }, idle});
    r.add({"sync-folder-dialog", "Shared folder\u2026", "", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "sync-folder-dialog"));
               openSyncFolder(false);
               return {};
           }, {}});
    r.add({"set-sync-folder", "Set the shared folder", "FOLDER", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "set-sync-folder FOLDER"));
               return setSyncFolder(a[0]);
           }, {}});
    r.add({"cancel-sharing", "Cancel export, import or sync", "", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "cancel-sharing"));
               if (m_job) m_job->cancel();
               return {};
           }, [this] { return m_job != nullptr; }});
}

fs::path SharingDialogs::suggestedExportPath(jobs::ExportFormat format) const {
    fs::path dir = m_app.settings().exportFolder;
    std::error_code ec;
    const auto& clip = m_app.clip();
    if (dir.empty() || !fs::is_directory(dir, ec)) {
        dir = clip && !clip->path.empty() ? fs::path(clip->path).parent_path() : homeFolder();
    }
    std::string stem = fileNameFrom(clip ? clip->title : std::string(), "lesson");
    return dir / (stem + " notes" + infoOf(format).extension);
}

void SharingDialogs::openExport() {
    m_request = Dialog::Export;
    m_error.clear();
    m_path = suggestedExportPath(m_export.format).string();
    m_exportBrowser.list(fs::path(m_path).parent_path());
}

void SharingDialogs::openImport() {
    m_request = Dialog::Import;
    m_error.clear();
    fs::path start = !m_app.settings().syncFolder.empty() ? fs::path(m_app.settings().syncFolder) : homeFolder();
    std::error_code ec;
    if (!fs::is_directory(start, ec)) start = homeFolder();
    m_packBrowser.list(start);
    m_path = m_packBrowser.dir().string() + "/";
}

void SharingDialogs::openSyncFolder(bool syncAfter) {
    m_request = Dialog::SyncFolder;
    m_syncAfterChoosing = syncAfter;
    m_error.clear();
    fs::path start = !m_app.settings().syncFolder.empty() ? fs::path(m_app.settings().syncFolder) : homeFolder();
    std::error_code ec;
    if (!fs::is_directory(start, ec)) start = homeFolder();
    m_folderBrowser.list(start);
    m_path = m_folderBrowser.dir().string();
}

void SharingDialogs::draw() {
    drawExport();
    drawImport();
    drawSyncFolder();
}


void SharingDialogs::drawExport() {
    if (!beginDialog("Export notes", m_request == Dialog::Export, 720, 600)) return;
    if (m_request == Dialog::Export) m_request = Dialog::None;
    const auto& clip = m_app.clip();
    if (!clip) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::Text("Notes on \u201C%s\u201D", clip->title.c_str());
    ImGui::TextDisabled("The video itself is never exported: only comments and talk time.");
    ImGui::Spacing();
    ImGui::TextUnformatted("Format");
    int i = 0;
    for (const auto& f : kFormats) {
        if (i++ % 4 != 0) ImGui::SameLine();
        if (ImGui::RadioButton(f.label, m_export.format == f.format)) {
            // Keep the chosen folder and name; change the extension.
            m_export.format = f.format;
            fs::path p = m_path;
            std::string stem = p.stem().string();
            m_path = (p.parent_path() / (stem.empty() ? std::string("notes") : stem)).string() + f.extension;
            m_exportBrowser.list(m_exportBrowser.dir());
        }
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", infoOf(m_export.format).purpose);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::TextUnformatted("Comments");
    if (ImGui::RadioButton("Everyone's", !m_export.onlyMine)) m_export.onlyMine = false;
    ImGui::SameLine();
    std::string mine = "Only mine" + (m_app.reviewer() ? " (" + m_app.reviewer()->name + ")" : std::string());
    if (ImGui::RadioButton(mine.c_str(), m_export.onlyMine)) m_export.onlyMine = true;
    ImGui::Checkbox("Include private comments", &m_export.includePrivate);
    if (m_export.includePrivate) {
        ImGui::SameLine();
        ImGui::TextColored(rgbToVec4(0xedc948), "Private notes will be in the file.");
    } else {
        ImGui::SameLine();
        ImGui::TextDisabled("Private notes stay on this computer.");
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("Save as");
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputText("##out", &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
    const float below = ImGui::GetFrameHeightWithSpacing() * 2 + 8;
    bool activated = m_exportBrowser.browseForNewFile(m_path, -below);
    std::error_code ec;
    if (!m_error.empty()) errorLine(m_error);
    else if (fs::exists(m_path, ec) && !fs::is_directory(m_path, ec))
        ImGui::TextColored(rgbToVec4(0xedc948), "A file with this name exists; exporting replaces it.");
    else ImGui::TextDisabled("Folders are listed above; click one to save there.");
    if (dialogButtons("Export") || enter || activated) {
        ExportChoice c = m_export;
        c.out = m_path;
        if (auto st = startExport(c); !st) m_error = st.error().message;
        else ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void SharingDialogs::drawImport() {
    if (!beginDialog("Import a review pack", m_request == Dialog::Import, 720, 520)) return;
    if (m_request == Dialog::Import) m_request = Dialog::None;
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("A review pack (.llpack) holds a colleague's shared comments on one or more lessons. "
                        "Importing adds what is new and keeps the newest version of each note; importing "
                        "the same pack again changes nothing.");
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputText("##pack", &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
    bool go = m_packBrowser.browseForFile(m_path, -ImGui::GetFrameHeightWithSpacing() * 2 - 8) || enter;
    if (!m_error.empty()) errorLine(m_error);
    else ImGui::TextDisabled("%s", m_packBrowser.dir().string().c_str());
    go = dialogButtons("Import") || go;
    if (go) {
        std::error_code ec;
        if (fs::is_directory(m_path, ec)) {
            m_packBrowser.list(m_path);
            m_path = m_packBrowser.dir().string() + "/";
        } else if (auto st = startImport(m_path); !st) {
            m_error = st.error().message;
        } else {
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
}

void SharingDialogs::drawSyncFolder() {
    if (!beginDialog("Shared folder", m_request == Dialog::SyncFolder, 720, 540)) return;
    if (m_request == Dialog::SyncFolder) m_request = Dialog::None;
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted("Choose the folder your team shares, for example on a synced drive or a network share.");
    ImGui::TextDisabled("Sync now writes your shared notes there as one file that only you write, and imports "
                        "everyone else's. Videos and private comments never go there.");
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputText("##folder", &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
    if (m_folderBrowser.draw(-ImGui::GetFrameHeightWithSpacing() * 2 - 8, {}, nullptr) ==
        FileBrowser::Event::FolderChanged)
        m_path = m_folderBrowser.dir().string();
    if (!m_error.empty()) errorLine(m_error);
    else ImGui::TextDisabled("%zu review pack%s in this folder", m_folderBrowser.files().size(),
                             m_folderBrowser.files().size() == 1 ? "" : "s");
    if (dialogButtons(m_syncAfterChoosing ? "Sync" : "Use folder") || enter) {
        if (auto st = setSyncFolder(m_path); !st) {
            m_error = st.error().message;
        } else {
            ImGui::CloseCurrentPopup();
            if (m_syncAfterChoosing) {
                if (auto s2 = startSync(); !s2) m_app.showMessage(s2.error().message, true);
            }
        }
    }
    ImGui::EndPopup();
}

void SharingDialogs::drawStatus() {
    if (!m_job) return;
    ImGui::TextDisabled("%s", m_jobWhat.c_str());
    ImGui::SameLine();
    ImGui::ProgressBar(m_job->progress(), ImVec2(200, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::PushID("sharing");
    if (ImGui::SmallButton("Cancel")) m_job->cancel();
    ImGui::PopID();
    ImGui::SameLine(0, 18);
}

}  // namespace ll::ui
