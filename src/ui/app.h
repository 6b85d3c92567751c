#pragma once
// The desktop app's composition root: the library, the player, the reviewer, the command
// registry and the views. main() creates one App after the GL context and calls frame() once
// per loop; App never touches GLFW directly except for the window it is given.
// Owned by the UI thread.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "gfx/video_renderer.h"
#include "jobs/background_job.h"
#include "jobs/talk_analysis.h"
#include "media/peak_pyramid.h"
#include "playback/player.h"
#include "store/library.h"
#include "ui/commands.h"
#include "ui/settings.h"
#include "ui/timeline_math.h"

struct GLFWwindow;

namespace ll::ui {

class BatchAnalysis;
class LibraryView;
class VideoView;
class TransportBar;
class TimelineView;
class CommentsPanel;
class OpenFileDialog;
class ReviewerDialog;
class HelpOverlay;
class ScriptRunner;
class SharingDialogs;
class RoundsView;
class TalkPanel;

struct AppOptions {
    std::filesystem::path dbPath;
    std::string reviewerName;  // --reviewer: overrides the remembered one
    std::filesystem::path settingsPath;
    bool audio = true;
};

// A pixel rectangle in window coordinates.
struct PixelRect {
    float x = 0, y = 0, w = 0, h = 0;
};

class App {
public:
    static Result<std::unique_ptr<App>> create(GLFWwindow* window, AppOptions options);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // --- the main loop's calls, in order ---
    // Advances the player and uploads a new frame to the GPU (before ImGui::NewFrame).
    void update();
    // Builds this frame's UI (between ImGui::NewFrame and ImGui::Render).
    void draw();
    // After rendering and before the swap: screenshots are read here.
    void afterRender(int framebufferWidth, int framebufferHeight);
    // Playing, seeking, a script running, a message fading: render continuously.
    bool wantsContinuousFrames() const;
    bool quitRequested() const { return m_quit; }
    int exitCode() const { return m_exitCode; }
    void startScript(const std::filesystem::path& file);
    // Goes on with a script another screen began (the startup error screen's, after Try again).
    void startScript(ScriptRunner script);
    void onDrop(const std::vector<std::string>& paths);
    // What dropping files does (the `drop` command): opens the first one.
    Status dropFiles(const std::vector<std::string>& paths);
    void saveSettings();

    // --- what commands and views use ---
    CommandRegistry& commands() { return m_commands; }
    // Runs a command, showing its error in the status line (menus, keys, buttons).
    void invoke(std::string_view name, const CommandArgs& args = {});
    store::Library& library() { return *m_library; }
    playback::Player& player() { return m_player; }
    gfx::VideoRenderer* renderer() { return m_renderer ? &*m_renderer : nullptr; }
    Settings& settings() { return m_settings; }
    // Where the comment being typed is kept until it is saved (next to the settings).
    std::filesystem::path draftPath() const { return m_options.settingsPath.parent_path() / "draft.json"; }
    const std::optional<store::Reviewer>& reviewer() const { return m_reviewer; }
    Status setReviewer(const std::string& name, uint32_t color);

    Status openMedia(const std::filesystem::path& file);
    void closeMedia();
    const std::optional<store::Clip>& clip() const { return m_clip; }
    // Where the open lesson's file stops short of its stated length (a copy cut off), if it does.
    const std::optional<MediaTime>& endsEarlyAt() const { return m_endsEarlyAt; }
    // The clip's live comments, ordered by start; refreshed after every change.
    const std::vector<store::Comment>& comments() const { return m_comments; }
    uint64_t commentsVersion() const { return m_commentsVersion; }
    Status reloadComments();
    // After an import, sync or batch analysis changed the library behind the open lesson: its
    // comments and talk time. (The library and rounds views follow the change mark in update().)
    void refreshFromLibrary();
    const std::vector<std::string>& knownTags() const { return m_knownTags; }

    struct NewComment {
        std::string text;
        store::CommentKind kind = store::CommentKind::Note;
        MediaTime start;
        std::optional<MediaTime> end;
        std::vector<std::string> tags;
        bool isPrivate = false;
        std::optional<Id> parentId;
        std::optional<float> pinX, pinY;  // normalized position on the frame
    };
    Result<store::Comment> addComment(NewComment draft);
    Status updateComment(const store::Comment& comment);
    Status deleteComment(const Id& id);  // undoable
    // Undoes the latest comment delete or talk-time correction.
    Status undo();

    // Talk-time analysis: runs on a BackgroundJob with its own Library connection; the result
    // (corrections applied) is loaded back on the UI thread.
    Status startAnalysis();
    void cancelAnalysis();
    bool analysisRunning() const { return m_analysis != nullptr; }
    float analysisProgress() const { return m_analysis ? m_analysis->progress() : 0.f; }
    const std::optional<jobs::TalkView>& talk() const { return m_talk; }
    uint64_t talkVersion() const { return m_talkVersion; }
    // The clip's stored waveform peaks (written by the analysis, or on opening a sound-only
    // clip); null until then.
    const media::PeakPyramid* peaks() const { return m_peaks ? &*m_peaks : nullptr; }
    bool waveformRunning() const { return m_waveJob != nullptr; }
    // Saves the reviewer's correction of the talk strip (undoable) and recomputes the metrics.
    Status addTalkCorrection(store::SegmentCorrection::Kind kind, TimeRange range, std::string label = {});
    // Withdraws one of the clip's corrections (undoable).
    Status removeTalkCorrection(const Id& id);
    // The talk segment picked on the strip or in the talk panel (its range when picked).
    std::optional<TimeRange> talkSelection;

    // What the right-hand side shows.
    enum class SidePanel { Comments, Talk };
    SidePanel sidePanel = SidePanel::Comments;

    // In/out marks for range comments.
    std::optional<MediaTime> markIn, markOut;
    // A stretch playing over and over (the `loop` command, Shift+L): a range comment's or the marks'.
    std::optional<TimeRange> loop;

    TimelineViewport& timelineView() { return m_timeline; }
    TimelineLimits timelineLimits() const;

    // The status line: the last message, for a few seconds.
    void showMessage(std::string text, bool isError = false);
    void setVideoRect(PixelRect r) { m_videoRect = r; }
    // The talk-time row of the timeline, for screenshots' descriptions (tests point at it).
    void setTalkStripRect(PixelRect r) { m_talkStripRect = r; }
    void requestScreenshot(std::filesystem::path file) { m_pendingScreenshot = std::move(file); }
    bool screenshotPending() const { return m_pendingScreenshot.has_value(); }
    void requestQuit(int code = 0);
    int framesSinceCommand() const { return m_framesSinceCommand; }
    void noteCommandRan() { m_framesSinceCommand = 0; }

    bool showLibrary = false;  // the library view over the video area
    bool showRounds = false;   // the rounds view over everything (wins over the library)
    CommentsPanel& commentsPanel() { return *m_commentsPanel; }
    OpenFileDialog& openDialog() { return *m_openDialog; }
    HelpOverlay& help() { return *m_help; }
    ReviewerDialog& reviewerDialog() { return *m_reviewerDialog; }
    TalkPanel& talkPanel() { return *m_talkPanel; }
    // Several lessons' talk time at once, offered by the library and the rounds view.
    BatchAnalysis& batch() { return *m_batch; }

private:
    App(GLFWwindow* window, AppOptions options);
    Status init();
    void registerCommands();  // app_commands.cpp
    void registerReviewCommands();  // review_commands.cpp: talk corrections, filters, pins, drop
    void handleShortcuts();
    void drawMenuBar();
    void drawStatusBar(const PixelRect& r);

    GLFWwindow* m_window;
    AppOptions m_options;
    Settings m_settings;
    std::unique_ptr<store::Library> m_library;
    std::optional<store::Reviewer> m_reviewer;
    playback::Player m_player;
    std::optional<gfx::VideoRenderer> m_renderer;
    uint64_t m_uploadedGeneration = 0;
    // Whether playback was going (and which way) in the last update, while a loop is on: a stop
    // at the lesson's end inside the loop starts it again.
    bool m_loopWasPlaying = false, m_loopWasReverse = false;
    std::optional<MediaTime> m_endsEarlyAt;
    uint64_t m_soundLossesSeen = 0;  // the player's soundLosses() already told
    CommandRegistry m_commands;

    std::optional<store::Clip> m_clip;
    std::vector<store::Comment> m_comments;
    uint64_t m_commentsVersion = 0;
    std::vector<std::string> m_knownTags;
    store::Database::ChangeMark m_libraryMark;  // the library as the views and the font last saw it
    // Undo steps, latest last: a deleted comment to restore or a correction to withdraw.
    struct UndoStep {
        enum class What { CommentDeleted, CorrectionAdded, CorrectionRemoved } what;
        Id id;
    };
    std::vector<UndoStep> m_undo;
    TimelineViewport m_timeline;
    std::unique_ptr<jobs::BackgroundJob<jobs::AnalyzeOutcome>> m_analysis;
    std::optional<jobs::TalkView> m_talk;
    std::optional<media::PeakPyramid> m_peaks;
    uint64_t m_talkVersion = 0;
    std::unique_ptr<jobs::BackgroundJob<media::PeakPyramid>> m_waveJob;
    void loadTalk();
    void pollAnalysis();
    void startWaveform();
    void pollWaveform();

    std::string m_message;
    bool m_messageIsError = false;
    double m_messageUntil = 0;
    PixelRect m_videoRect;
    PixelRect m_talkStripRect;
    std::string m_modalTitle;  // the modal dialog drawn last frame, for screenshots' descriptions
    std::optional<std::filesystem::path> m_pendingScreenshot;
    int m_framesSinceCommand = 0;
    bool m_quit = false;
    int m_exitCode = 0;

    std::unique_ptr<LibraryView> m_libraryView;
    std::unique_ptr<VideoView> m_videoView;
    std::unique_ptr<TransportBar> m_transportBar;
    std::unique_ptr<TimelineView> m_timelineView;
    std::unique_ptr<CommentsPanel> m_commentsPanel;
    std::unique_ptr<OpenFileDialog> m_openDialog;
    std::unique_ptr<ReviewerDialog> m_reviewerDialog;
    std::unique_ptr<HelpOverlay> m_help;
    std::unique_ptr<ScriptRunner> m_script;
    std::unique_ptr<SharingDialogs> m_sharing;
    std::unique_ptr<RoundsView> m_roundsView;
    std::unique_ptr<BatchAnalysis> m_batch;
    std::unique_ptr<TalkPanel> m_talkPanel;
};

}  // namespace ll::ui
