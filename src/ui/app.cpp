#include "ui/app.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/time_text.h"
#include "gfx/screenshot.h"
#include "imgui.h"
#include "imgui_internal.h"  // GetTopMostPopupModal: which dialog a screenshot shows
#include "jobs/clip_import.h"
#include "jobs/waveform.h"
#include "ui/batch_analysis.h"
#include "ui/comments_panel.h"
#include "ui/fonts.h"
#include "ui/help_overlay.h"
#include "ui/library_view.h"
#include "ui/open_file_dialog.h"
#include "ui/pane.h"
#include "ui/reviewer_dialog.h"
#include "ui/rounds_view.h"
#include "ui/sharing_dialogs.h"
#include "ui/script_runner.h"
#include "ui/talk_edit.h"
#include "ui/talk_panel.h"
#include "ui/theme.h"
#include "ui/timeline_view.h"
#include "ui/transport_bar.h"
#include "ui/video_view.h"

namespace ll::ui {
namespace {

constexpr float kTransportHeight = 48;
constexpr float kTimelineHeight = 150;
constexpr float kStatusHeight = 28;

// The title of the modal dialog in front (what a person must answer first); empty when none.
std::string topModalTitle() {
    const ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
    if (!modal || !modal->Active) return {};
    std::string title = modal->Name;
    return title.substr(0, title.find("##"));
}

// `text` as a JSON string; bytes that are not UTF-8 (a file name can hold any) become U+FFFD.
std::string jsonString(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

App::App(GLFWwindow* window, AppOptions options) : m_window(window), m_options(std::move(options)),
      m_player(playback::PlayerOptions{.audio = m_options.audio}) {}

App::~App() {
    saveSettings();
    m_player.close();
}

Result<std::unique_ptr<App>> App::create(GLFWwindow* window, AppOptions options) {
    std::unique_ptr<App> app(new App(window, std::move(options)));
    LL_TRY(app->init());
    return app;
}

Status App::init() {
    if (m_options.settingsPath.empty()) m_options.settingsPath = Settings::defaultPath();
    if (auto s = Settings::load(m_options.settingsPath)) {
        m_settings = *s;
    } else {
        std::fprintf(stderr, "lessonlens: %s\n", s.error().describe().c_str());
    }
    auto dbPath = m_options.dbPath.empty() ? store::Library::defaultPath() : m_options.dbPath;
    LL_ASSIGN(m_library, store::Library::open(dbPath));

    m_libraryView = std::make_unique<LibraryView>();
    m_batch = std::make_unique<BatchAnalysis>();
    m_transportBar = std::make_unique<TransportBar>();
    m_videoView = std::make_unique<VideoView>();
    m_timelineView = std::make_unique<TimelineView>();
    m_commentsPanel = std::make_unique<CommentsPanel>();
    m_openDialog = std::make_unique<OpenFileDialog>();
    m_reviewerDialog = std::make_unique<ReviewerDialog>();
    m_help = std::make_unique<HelpOverlay>();
    m_sharing = std::make_unique<SharingDialogs>(*this);
    m_roundsView = std::make_unique<RoundsView>();
    m_talkPanel = std::make_unique<TalkPanel>();

    if (auto r = gfx::VideoRenderer::create()) {
        m_renderer.emplace(std::move(r).value());
    } else {
        std::fprintf(stderr, "lessonlens: %s\n", r.error().describe().c_str());
        showMessage("Video cannot be shown: " + r.error().message, true);
    }
    m_player.setVolume(m_settings.volume);

    std::string name = !m_options.reviewerName.empty() ? m_options.reviewerName : m_settings.reviewerName;
    if (!name.empty()) {
        uint32_t color = m_settings.reviewerName == name ? m_settings.reviewerColor : 0;
        LL_TRY(setReviewer(name, color));
    } else {
        m_reviewerDialog->open(*this);
    }
    registerCommands();
    m_sharing->registerCommands(m_commands);
    m_roundsView->registerCommands(*this, m_commands);
    m_libraryView->registerCommands(*this, m_commands);
    registerReviewCommands();
    showLibrary = true;
    return {};
}

Status App::setReviewer(const std::string& name, uint32_t color) {
    LL_ASSIGN(auto reviewer, m_library->reviewers().findOrCreate(name));
    if (color != 0 && reviewer.color != color) {
        reviewer.color = color;
        LL_TRY(m_library->reviewers().update(reviewer));
    }
    m_reviewer = reviewer;
    m_settings.reviewerName = reviewer.name;
    m_settings.reviewerColor = reviewer.color;
    saveSettings();
    return {};
}

void App::saveSettings() {
    int w = 0, h = 0;
    if (m_window) glfwGetWindowSize(m_window, &w, &h);
    if (w > 0 && h > 0) {
        m_settings.windowWidth = w;
        m_settings.windowHeight = h;
    }
    m_settings.volume = std::clamp(m_settings.volume, 0.f, 1.f);
    if (auto st = m_settings.save(m_options.settingsPath); !st)
        std::fprintf(stderr, "lessonlens: %s\n", st.error().describe().c_str());
}

void App::showMessage(std::string text, bool isError) {
    if (isError) std::fprintf(stderr, "lessonlens: %s\n", text.c_str());
    noteTextForFont(text);
    m_message = std::move(text);
    m_messageIsError = isError;
    m_messageUntil = ImGui::GetTime() + (isError ? 8.0 : 4.0);
}

void App::invoke(std::string_view name, const CommandArgs& args) {
    if (auto st = m_commands.run(name, args); !st) showMessage(st.error().message, true);
}

void App::requestQuit(int code) {
    m_quit = true;
    if (code) m_exitCode = code;
}

void App::startScript(const std::filesystem::path& file) {
    auto r = ScriptRunner::load(file);
    if (!r) {
        showMessage(r.error().message, true);
        m_exitCode = 1;
        m_quit = true;
        return;
    }
    startScript(std::move(r).value());
}

void App::startScript(ScriptRunner script) { m_script = std::make_unique<ScriptRunner>(std::move(script)); }

void App::onDrop(const std::vector<std::string>& paths) {
    if (paths.empty()) return;
    invoke("drop", paths);
}

Status App::dropFiles(const std::vector<std::string>& paths) {
    if (paths.empty()) return Error::invalid("nothing was dropped");
    LL_TRY(openMedia(paths.front()));
    if (const size_t others = paths.size() - 1; others > 0)
        showMessage("Opened " + m_clip->title + "; drop one lesson at a time (" +
                    (others == 1 ? std::string("the other file was") : std::to_string(others) + " other files were") +
                    " left alone)");
    return {};
}

TimelineLimits App::timelineLimits() const {
    return {m_player.duration(), m_player.frameDuration()};
}

Status App::openMedia(const std::filesystem::path& file) {
    std::error_code ec;
    auto abs = std::filesystem::absolute(file, ec);
    if (ec) abs = file;
    LL_ASSIGN(auto import, jobs::describeMedia(abs));
    LL_ASSIGN(auto added, jobs::addClip(*m_library, import));
    LL_TRY(m_player.open(abs));
    m_clip = added.clip;
    m_uploadedGeneration = 0;
    if (m_renderer) m_renderer->clear();
    markIn.reset();
    markOut.reset();
    loop.reset();
    m_undo.clear();
    talkSelection.reset();
    LL_TRY(reloadComments());
    fitAll(m_timeline, timelineLimits());
    m_analysis.reset();
    m_waveJob.reset();
    loadTalk();
    // A sound-only recording shows its waveform in place of the picture: build it now when no
    // analysis stored it yet.
    if (!m_peaks && !m_player.hasVideo() && jobs::hasSound(*m_clip)) startWaveform();
    m_settings.addRecent(abs.string());
    saveSettings();
    showLibrary = false;
    showRounds = false;
    glfwSetWindowTitle(m_window, (m_clip->title + " — LessonLens").c_str());
    m_endsEarlyAt = import.endsEarlyAt;
    if (const std::string note = jobs::endsEarlyNote(import); !note.empty()) {
        showMessage("Opened " + m_clip->title + ", but " + note, true);
    } else {
        showMessage("Opened " + m_clip->title);
    }
    m_commentsPanel->restoreDraft(*this);
    return {};
}

void App::loadTalk() {
    m_talk.reset();
    m_peaks.reset();
    if (m_clip) {
        if (auto t = jobs::loadTalk(*m_library, *m_clip); t && t->has_value()) m_talk = std::move(**t);
        if (auto blob = m_library->analyses().peaks(m_clip->id); blob && blob->has_value()) {
            if (auto p = media::PeakPyramid::deserialize(**blob)) m_peaks.emplace(std::move(p).value());
        }
    }
    // The segments may have changed under the pick (an undo merges a corrected stretch back
    // into its neighbours): keep the highlight on the segment the panel and the keys act on.
    talkSelection = followSelection(m_talk ? std::span<const analysis::TalkSegment>(m_talk->segments)
                                           : std::span<const analysis::TalkSegment>(),
                                    talkSelection);
    ++m_talkVersion;
}

Status App::startAnalysis() {
    if (!m_clip) return Error::invalid("open a lesson before analysing it");
    if (m_analysis) return Error::invalid("the analysis is already running");
    // The job opens its own connection: a Library belongs to one thread.
    auto path = m_library->path();
    auto clip = *m_clip;
    m_analysis = std::make_unique<jobs::BackgroundJob<jobs::AnalyzeOutcome>>(
        [path, clip](const std::atomic<bool>& cancel, std::atomic<float>& progress) -> Result<jobs::AnalyzeOutcome> {
            LL_ASSIGN(auto lib, store::Library::open(path));
            return jobs::analyzeClip(*lib, clip, {}, &cancel, [&](float p) { progress = p; });
        });
    showMessage("Analysing talk time\u2026");
    return {};
}

void App::startWaveform() {
    auto path = m_library->path();
    auto clip = *m_clip;
    m_waveJob = std::make_unique<jobs::BackgroundJob<media::PeakPyramid>>(
        [path, clip](const std::atomic<bool>& cancel, std::atomic<float>& progress) -> Result<media::PeakPyramid> {
            LL_ASSIGN(auto lib, store::Library::open(path));
            return jobs::buildWaveform(*lib, clip, &cancel, [&](float p) { progress = p; });
        });
}

void App::pollWaveform() {
    if (!m_waveJob || !m_waveJob->done()) return;
    auto r = m_waveJob->take();
    m_waveJob.reset();
    if (!r) {
        if (r.error().code != Error::Code::Cancelled) showMessage(r.error().message, true);
        return;
    }
    m_peaks.emplace(std::move(r).value());
    ++m_talkVersion;
}

Status App::addTalkCorrection(store::SegmentCorrection::Kind kind, TimeRange range, std::string label) {
    if (!m_clip) return Error::invalid("open a lesson first");
    if (!m_talk) return Error::invalid("analyse talk time first (Ctrl+Shift+A); there is nothing to correct yet");
    if (!m_reviewer) return Error::invalid("say who is reviewing first (Reviewer menu)");
    // The decoded sound can run a few milliseconds past the clip's stated duration, and so can
    // the last segment; the library keeps corrections inside the clip.
    if (m_clip->duration > MediaTime::zero()) {
        range.end = std::min(range.end, m_clip->duration);
        range.start = std::min(range.start, range.end);
    }
    if (kind == store::SegmentCorrection::Kind::Relabel && range.empty())
        return Error::invalid("that stretch is past the end of the recording");
    store::SegmentCorrection c;
    c.clipId = m_clip->id;
    c.reviewerId = m_reviewer->id;
    c.runId = m_talk->run.id;
    c.kind = kind;
    c.range = range;
    c.label = std::move(label);
    LL_ASSIGN(auto saved, m_library->analyses().addCorrection(std::move(c)));
    m_undo.push_back({UndoStep::What::CorrectionAdded, saved.id});
    loadTalk();
    return {};
}

Status App::removeTalkCorrection(const Id& id) {
    if (!m_talk) return Error::invalid("analyse talk time first");
    LL_TRY(m_library->analyses().markCorrectionDeleted(id));
    m_undo.push_back({UndoStep::What::CorrectionRemoved, id});
    loadTalk();
    return {};
}

void App::cancelAnalysis() {
    if (m_analysis) m_analysis->cancel();
}

void App::pollAnalysis() {
    if (!m_analysis || !m_analysis->done()) return;
    auto r = m_analysis->take();
    m_analysis.reset();
    if (!r) {
        showMessage(r.error().code == Error::Code::Cancelled ? "Analysis cancelled" : r.error().message,
                    r.error().code != Error::Code::Cancelled);
        return;
    }
    loadTalk();
    showMessage("Talk time analysed");
}

void App::closeMedia() {
    loop.reset();
    m_endsEarlyAt.reset();
    m_analysis.reset();  // cancels and joins
    m_waveJob.reset();
    talkSelection.reset();
    m_talk.reset();
    m_peaks.reset();
    ++m_talkVersion;
    m_player.close();
    m_clip.reset();
    m_comments.clear();
    ++m_commentsVersion;
    if (m_renderer) m_renderer->clear();
    showLibrary = true;
    glfwSetWindowTitle(m_window, "LessonLens");
}

void App::refreshFromLibrary() {
    if (auto st = reloadComments(); !st) showMessage(st.error().message, true);
    if (m_clip) loadTalk();
}

Status App::reloadComments() {
    m_comments.clear();
    if (m_clip) {
        LL_ASSIGN(m_comments, m_library->comments().list(m_clip->id));
    }
    if (auto tags = m_library->comments().allTags()) m_knownTags = *tags;
    ++m_commentsVersion;
    return {};
}

Result<store::Comment> App::addComment(NewComment draft) {
    if (!m_clip) return Error::invalid("open a video before adding comments");
    if (!m_reviewer) return Error::invalid("say who is reviewing first (Reviewer menu)");
    store::Comment c;
    c.clipId = m_clip->id;
    c.authorId = m_reviewer->id;
    c.parentId = draft.parentId;
    c.start = draft.start;
    c.end = draft.end;
    c.kind = draft.kind;
    c.text = std::move(draft.text);
    c.tags = std::move(draft.tags);
    c.isPrivate = draft.isPrivate;
    c.pinX = draft.pinX;
    c.pinY = draft.pinY;
    LL_ASSIGN(auto saved, m_library->comments().add(std::move(c)));
    LL_TRY(reloadComments());
    return saved;
}

Status App::updateComment(const store::Comment& comment) {
    LL_TRY(m_library->comments().update(comment));
    return reloadComments();
}

Status App::deleteComment(const Id& id) {
    LL_TRY(m_library->comments().markDeleted(id));
    m_undo.push_back({UndoStep::What::CommentDeleted, id});
    showMessage("Comment deleted (Ctrl+Z to undo)");
    return reloadComments();
}

Status App::undo() {
    if (m_undo.empty()) return Error::invalid("nothing to undo");
    const UndoStep step = m_undo.back();
    if (step.what == UndoStep::What::CorrectionRemoved) {
        // Bring the tombstoned row back as a newer copy of itself (the merge rule: later wins).
        if (!m_clip) return Error::invalid("open the lesson the correction belongs to");
        LL_ASSIGN(auto all, m_library->analyses().corrections(m_clip->id, /*includeDeleted=*/true));
        auto it = std::find_if(all.begin(), all.end(), [&](const store::SegmentCorrection& c) { return c.id == step.id; });
        if (it == all.end()) return Error::notFound("that correction is no longer in the library");
        store::SegmentCorrection back = *it;
        back.stamps.deletedAt.reset();
        back.stamps.updatedAt = std::max(nowUnixMicros(), it->stamps.updatedAt + 1);
        LL_TRY(m_library->analyses().mergeCorrection(back));
        m_undo.pop_back();
        loadTalk();
        showMessage("Talk-time correction restored");
        return {};
    }
    if (step.what == UndoStep::What::CorrectionAdded) {
        LL_TRY(m_library->analyses().markCorrectionDeleted(step.id));
        m_undo.pop_back();
        loadTalk();
        showMessage("Talk-time correction undone");
        return {};
    }
    LL_TRY(m_library->comments().restore(step.id));
    m_undo.pop_back();
    showMessage("Comment restored");
    return reloadComments();
}

void App::update() {
    if (m_player.update() || (m_player.frameGeneration() != m_uploadedGeneration)) {
        if (m_renderer && m_player.hasFrame()) m_renderer->upload(m_player.frame());
        m_uploadedGeneration = m_player.frameGeneration();
    }
    // A looped stretch starts again at its end (not while a seek is still landing, which would
    // send the playhead back again from where it was). A stretch that runs to the lesson's end
    // (or, backwards, its start) is stopped there by the player first: it starts again too.
    if (loop) {
        const bool playing = m_player.isPlaying();
        if (playing && !m_player.isBusy()) {
            if (auto to = loopJump(*loop, m_player.position(), m_player.isReverse(), m_player.frameDuration()))
                m_player.seek(*to);
        } else if (!playing && m_loopWasPlaying) {
            const MediaTime pos = m_player.position();
            if (auto to = loopJump(*loop, pos, m_loopWasReverse, m_player.frameDuration())) {
                m_player.seek(*to);
                if (m_loopWasReverse) m_player.playReverse();
                else m_player.play();
            }
        }
        m_loopWasPlaying = m_player.isPlaying();
        m_loopWasReverse = m_player.isReverse();
    }
    if (m_player.soundLosses() != m_soundLossesSeen) {
        m_soundLossesSeen = m_player.soundLosses();
        showMessage("The sound device stopped; playing on without sound. Open the lesson again to "
                    "get sound back.",
                    true);
    }
    // After any change to the library (this window's, a worker's, another process's): the
    // library and rounds views read it again when next drawn, and the font learns its text.
    if (auto mark = m_library->db().changeMark(); mark && *mark != m_libraryMark) {
        m_libraryMark = *mark;
        m_libraryView->invalidate();
        m_roundsView->invalidate();
        (void)m_library->forEachTextBeyondAscii(noteTextForFont);
    }
    pollAnalysis();
    m_sharing->poll();
    m_batch->poll(*this);
    pollWaveform();
    if (m_script) {
        bool settled = !m_player.isBusy() && m_framesSinceCommand >= 2 && !m_pendingScreenshot && !m_analysis &&
                       !m_sharing->busy() && !m_batch->busy() &&
                       !m_waveJob;
        m_script->step(settled, [&](const std::string& line) {
            m_framesSinceCommand = 0;
            return m_commands.runLine(line);
        });
        if (m_script->finished() && settled) {
            // A script that ends without `quit` leaves the window open for a person.
            if (m_script->failures() > 0) m_exitCode = 1;
            m_script.reset();
        }
    }
}

bool App::wantsContinuousFrames() const {
    return m_player.isPlaying() || m_player.isBusy() || m_script != nullptr || m_analysis != nullptr ||
           m_sharing->busy() || m_batch->busy() ||
           m_waveJob != nullptr ||
           m_pendingScreenshot.has_value() || ImGui::GetTime() < m_messageUntil ||
           m_uploadedGeneration != m_player.frameGeneration();
}

void App::handleShortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    for (const Command& c : m_commands.all()) {
        for (const Shortcut& s : c.shortcuts) {
            if (!s.any() || s.ctrl != io.KeyCtrl || s.shift != io.KeyShift) continue;
            bool repeat = s.key == GLFW_KEY_LEFT || s.key == GLFW_KEY_RIGHT || s.key == GLFW_KEY_COMMA ||
                          s.key == GLFW_KEY_PERIOD;
            if (ImGui::IsKeyPressed(s.key, repeat)) {
                m_framesSinceCommand = 0;
                invoke(c.name);
            }
        }
    }
}

void App::drawMenuBar() {
    auto item = [&](const char* name) {
        const Command* c = m_commands.find(name);
        if (!c) return;
        std::string keys = c->shortcuts.empty() ? std::string() : c->shortcuts.front().label();
        if (ImGui::MenuItem(c->label.c_str(), keys.empty() ? nullptr : keys.c_str(), false,
                            m_commands.isEnabled(name)))
            invoke(name);
    };
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        item("open-dialog");
        if (ImGui::BeginMenu("Open recent", !m_settings.recentFiles.empty())) {
            for (const auto& f : m_settings.recentFiles)
                if (ImGui::MenuItem(f.c_str())) invoke("open", {f});
            ImGui::EndMenu();
        }
        item("library");
        item("rounds");
        item("close");
        ImGui::Separator();
        item("export-dialog");
        item("import-dialog");
        item("sync-now");
        item("sync-folder-dialog");
        ImGui::Separator();
        item("quit");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Playback")) {
        for (const char* n : {"toggle-play", "jump-back", "jump-forward", "step-back", "step-forward",
                              "go-start", "go-end", "shuttle-back", "shuttle-forward", "speed-normal", "loop"})
            item(n);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Comments")) {
        for (const char* n : {"new-comment", "mark-in", "mark-out", "clear-marks", "prev-comment",
                              "next-comment", "undo"})
            item(n);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        for (const char* n : {"zoom-in", "zoom-out", "zoom-fit", "help"}) item(n);
        ImGui::Separator();
        item("analyze");
        item("cancel-analysis");
        item("talk-panel");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Reviewer")) {
        if (m_reviewer) ImGui::TextDisabled("Reviewing as %s", m_reviewer->name.c_str());
        item("change-reviewer");
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void App::drawStatusBar(const PixelRect& r) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 4));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, rgbToVec4(0x1b1f24));
    if (ImGui::Begin("##status", nullptr, kPaneFlags)) {
        if (m_reviewer) {
            ImGui::TextColored(rgbToVec4(m_reviewer->color), "\u25CF");
            ImGui::SameLine(0, 4);
            ImGui::TextDisabled("%s", m_reviewer->name.c_str());
            ImGui::SameLine(0, 18);
        }
        if (m_analysis) {
            ImGui::TextDisabled("Analysing talk time");
            ImGui::SameLine();
            ImGui::ProgressBar(m_analysis->progress(), ImVec2(220, ImGui::GetTextLineHeight()));
            ImGui::SameLine();
            if (ImGui::SmallButton("Cancel")) cancelAnalysis();
            ImGui::SameLine(0, 18);
        }
        m_sharing->drawStatus();
        const std::string libText = m_library->path().filename().string();
        const float libW = ImGui::CalcTextSize(libText.c_str()).x;
        // A long message stops short of the library's name (all of it shows on hover).
        const ImVec2 from = ImGui::GetCursorScreenPos();
        const float messageEnd = std::max(from.x + 40, r.x + r.w - libW - 32);
        ImGui::PushClipRect(ImVec2(from.x, r.y), ImVec2(messageEnd, r.y + r.h), true);
        if (ImGui::GetTime() < m_messageUntil) {
            ImGui::TextColored(m_messageIsError ? rgbToVec4(0xf47067) : rgbToVec4(0xadbac7), "%s",
                               m_message.c_str());
            if (ImGui::GetItemRectMax().x > messageEnd && ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", m_message.c_str());
            }
        } else if (!m_clip) {
            ImGui::TextDisabled("Open a lesson with File \u25B8 Open (Ctrl+O) or drop a video on the window.");
        } else {
            ImGui::TextDisabled("Press C to comment at the playhead, ? for all keys.");
        }
        ImGui::PopClipRect();
        ImGui::SameLine(r.w - libW - 16);
        ImGui::TextDisabled("%s", libText.c_str());
    }
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
}

void App::draw() {
    ++m_framesSinceCommand;
    handleShortcuts();
    drawMenuBar();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float top = vp->WorkPos.y;
    const float W = vp->WorkSize.x;
    const float H = vp->WorkSize.y;
    const float panelW = std::clamp(W * 0.3f, 360.f, 480.f);
    const float leftW = W - panelW;
    const float bottom = top + H - kStatusHeight;
    const float timelineY = bottom - kTimelineHeight;
    const float transportY = timelineY - kTransportHeight;

    PixelRect videoRect{0, top, leftW, transportY - top};
    if (showRounds) {
        m_roundsView->draw(*this, {0, top, W, bottom - top});
    } else if (showLibrary || !m_clip) {
        // The library takes the whole window: there are no comments to show beside it.
        m_libraryView->draw(*this, {0, top, W, bottom - top});
    } else {
        m_videoView->draw(*this, videoRect);
        m_transportBar->draw(*this, {0, transportY, leftW, kTransportHeight});
        m_timelineView->draw(*this, {0, timelineY, leftW, kTimelineHeight});
        if (sidePanel == SidePanel::Talk) m_talkPanel->draw(*this, {leftW, top, panelW, bottom - top});
        else m_commentsPanel->draw(*this, {leftW, top, panelW, bottom - top});
    }
    drawStatusBar({0, bottom, W, kStatusHeight});

    m_openDialog->draw(*this);
    m_reviewerDialog->draw(*this);
    m_sharing->draw();
    m_roundsView->drawDialogs(*this);
    m_help->draw(*this);
    m_modalTitle = topModalTitle();
}

void App::afterRender(int fbWidth, int fbHeight) {
    if (!m_pendingScreenshot || m_framesSinceCommand < 2) return;
    auto file = *m_pendingScreenshot;
    m_pendingScreenshot.reset();
    if (auto st = gfx::saveScreenshot(file, fbWidth, fbHeight); !st) {
        showMessage(st.error().message, true);
        m_exitCode = 1;
        return;
    }
    // Where the picture is, for tests and tools that check the screenshot.
    int winW = 0, winH = 0;
    glfwGetWindowSize(m_window, &winW, &winH);
    float sx = winW > 0 ? static_cast<float>(fbWidth) / static_cast<float>(winW) : 1.f;
    float sy = winH > 0 ? static_cast<float>(fbHeight) / static_cast<float>(winH) : 1.f;
    std::ofstream meta(file.string() + ".json");
    meta << "{\"video\": {\"x\": " << static_cast<int>(m_videoRect.x * sx + 0.5f)
         << ", \"y\": " << static_cast<int>(m_videoRect.y * sy + 0.5f)
         << ", \"w\": " << static_cast<int>(m_videoRect.w * sx + 0.5f)
         << ", \"h\": " << static_cast<int>(m_videoRect.h * sy + 0.5f) << "}, \"position_us\": "
         << m_player.position().micros() << ", \"frame_us\": "
         << (m_player.hasFrame() ? m_player.frame().time.micros() : -1) << ", \"width\": " << fbWidth
         << ", \"height\": " << fbHeight
         // The talk strip in window coordinates (where a pointer goes) and the timeline's scale.
         << ", \"talk_strip\": {\"x\": " << m_talkStripRect.x << ", \"y\": " << m_talkStripRect.y
         << ", \"w\": " << m_talkStripRect.w << ", \"h\": " << m_talkStripRect.h
         << "}, \"view_start_us\": " << m_timeline.start.micros() << ", \"us_per_px\": " << m_timeline.microsPerPixel
         // What the window tells a person: the open clip's title and the status line's latest
         // message (notes such as "drop one lesson at a time" are written nowhere else).
         << ", \"clip_title\": " << jsonString(m_clip ? m_clip->title : std::string())
         << ", \"message\": " << jsonString(m_message)
         // The dialog in front, if any: whether a menu item opened what it should.
         << ", \"modal\": " << jsonString(m_modalTitle) << "}\n";
    showMessage("Saved " + file.string());
}

}  // namespace ll::ui
