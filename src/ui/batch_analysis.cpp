#include "ui/batch_analysis.h"

#include <algorithm>

#include "imgui.h"
#include "jobs/clip_import.h"
#include "jobs/talk_analysis.h"
#include "ui/app.h"

namespace ll::ui {
namespace {

std::string lessons(size_t k) { return std::to_string(k) + (k == 1 ? " lesson" : " lessons"); }

}  // namespace

std::vector<BatchAnalysis::Obstacle> BatchAnalysis::obstacles(const std::vector<store::Clip>& clips) {
    std::vector<Obstacle> out;
    out.reserve(clips.size());
    for (const auto& clip : clips) {
        if (!jobs::hasSound(clip)) {
            out.push_back({"no sound", "\u201C" + clip.title + "\u201D has no sound track, so there is no talk to measure"});
        } else if (auto file = jobs::recordingOf(clip); !file) {
            out.push_back({"no recording here", file.error().message});
        } else {
            out.push_back({});
        }
    }
    return out;
}

Status BatchAnalysis::start(App& app, std::vector<store::Clip> clips) {
    if (m_job) return Error::invalid("lessons are already being analysed; wait for them or cancel");
    if (clips.empty()) return Error::invalid("there is no lesson to analyse");
    // The job opens its own connection: a Library belongs to one thread.
    const auto path = app.library().path();
    m_ids.clear();
    for (const auto& clip : clips) m_ids.push_back(clip.id);
    m_job = std::make_unique<jobs::BackgroundJob<Outcome>>(
        [path, clips = std::move(clips)](const std::atomic<bool>& cancel,
                                         std::atomic<float>& progress) -> Result<Outcome> {
            LL_ASSIGN(auto lib, store::Library::open(path));
            Outcome out;
            const auto n = static_cast<float>(clips.size());
            for (size_t k = 0; k < clips.size() && !out.cancelled; ++k) {
                auto done = jobs::analyzeClip(*lib, clips[k], {}, &cancel, [&](float p) {
                    progress = (static_cast<float>(k) + p) / n;
                });
                if (done) ++out.analysed;
                else if (done.error().code == Error::Code::Cancelled) out.cancelled = true;
                else out.problems.push_back("\u201C" + clips[k].title + "\u201D: " + done.error().message);
            }
            return out;
        });
    app.showMessage("Analysing talk time in " + lessons(count()) + "\u2026");
    return {};
}

bool BatchAnalysis::includes(const Id& clipId) const {
    return m_job && std::find(m_ids.begin(), m_ids.end(), clipId) != m_ids.end();
}

void BatchAnalysis::poll(App& app) {
    if (!m_job || !m_job->done()) return;
    auto r = m_job->take();
    m_job.reset();
    app.refreshFromLibrary();  // the lesson open in the window may be one of them
    if (!r) {
        app.showMessage(r.error().message, true);
    } else if (r->cancelled) {
        app.showMessage("Analysis stopped: " + std::to_string(r->analysed) + " of " + lessons(count()) + " analysed");
    } else if (!r->problems.empty()) {
        app.showMessage("Analysed " + std::to_string(r->analysed) + " of " + lessons(count()) + "; " +
                            r->problems.front() +
                            (r->problems.size() > 1 ? " (and " + std::to_string(r->problems.size() - 1) + " more)"
                                                    : ""),
                        true);
    } else {
        app.showMessage("Analysed talk time in " + lessons(r->analysed));
    }
}

void BatchAnalysis::drawControls(App& app, size_t waiting, const char* command) {
    if (m_job) {
        ImGui::Text("Analysing %s: %d%%", lessons(count()).c_str(), static_cast<int>(progress() * 100));
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) cancel();
    } else if (waiting > 0) {
        if (ImGui::Button(("Analyse " + lessons(waiting)).c_str())) app.invoke(command);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Find the talk time of the lessons not analysed yet, one after another.\n"
                              "The lesson open in the window is not disturbed.");
    }
}

}  // namespace ll::ui
