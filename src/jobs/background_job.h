#pragma once
// One piece of work on its own thread, with progress and cancel. Owned by the thread that
// starts it (usually the UI thread), which may poll progress() and done() every frame and takes
// the result once. Exceptions never cross the thread boundary: they become an Error.

#include <atomic>
#include <functional>
#include <optional>
#include <thread>

#include "core/result.h"

namespace ll::jobs {

template <class T>
class BackgroundJob {
public:
    // `work` runs on the job's thread: it polls `cancel` and stores 0..1 into `progress`.
    using Work = std::function<Result<T>(const std::atomic<bool>& cancel, std::atomic<float>& progress)>;

    explicit BackgroundJob(Work work)
        : m_thread([this, work = std::move(work)] {
              Result<T> r = Error::make(Error::Code::Cancelled, "the work stopped unexpectedly");
              try {
                  r = work(m_cancel, m_progress);
              } catch (const std::exception& e) {
                  r = Error::make(Error::Code::Invalid, "the work failed unexpectedly", e.what());
              }
              m_result.emplace(std::move(r));
              m_done.store(true, std::memory_order_release);
          }) {}
    ~BackgroundJob() {
        cancel();
        if (m_thread.joinable()) m_thread.join();
    }
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    float progress() const { return m_progress.load(std::memory_order_relaxed); }
    bool done() const { return m_done.load(std::memory_order_acquire); }
    void cancel() { m_cancel.store(true, std::memory_order_relaxed); }
    // Waits for the thread and hands over the result; call once.
    Result<T> take() {
        if (m_thread.joinable()) m_thread.join();
        return std::move(*m_result);
    }

private:
    std::atomic<bool> m_cancel{false};
    std::atomic<float> m_progress{0.0f};
    std::atomic<bool> m_done{false};
    std::optional<Result<T>> m_result;  // written by the job thread before m_done
    std::thread m_thread;               // last: starts after the members above exist
};

}  // namespace ll::jobs
