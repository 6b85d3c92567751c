#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "jobs/background_job.h"

using namespace ll;
using namespace std::chrono_literals;

TEST(BackgroundJob, ReportsProgressAndHandsOverTheResult) {
    jobs::BackgroundJob<int> job([](const std::atomic<bool>&, std::atomic<float>& progress) -> Result<int> {
        for (int i = 1; i <= 10; ++i) {
            progress = i / 10.0f;
            std::this_thread::sleep_for(1ms);
        }
        return 42;
    });
    while (!job.done()) std::this_thread::sleep_for(1ms);
    EXPECT_FLOAT_EQ(job.progress(), 1.0f);
    auto r = job.take();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, 42);
}

TEST(BackgroundJob, CancelStopsTheWork) {
    jobs::BackgroundJob<int> job([](const std::atomic<bool>& cancel, std::atomic<float>&) -> Result<int> {
        while (!cancel) std::this_thread::sleep_for(1ms);
        return Error::make(Error::Code::Cancelled, "stopped");
    });
    job.cancel();
    auto r = job.take();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Error::Code::Cancelled);
}

TEST(BackgroundJob, ExceptionsBecomeErrorsOnTheOwnersThread) {
    jobs::BackgroundJob<int> job([](const std::atomic<bool>&, std::atomic<float>&) -> Result<int> {
        throw std::runtime_error("boom");
    });
    auto r = job.take();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().detail, "boom");
}

TEST(BackgroundJob, DestroyingARunningJobCancelsAndJoins) {
    std::atomic<bool> sawCancel{false};
    {
        jobs::BackgroundJob<int> job([&](const std::atomic<bool>& cancel, std::atomic<float>&) -> Result<int> {
            while (!cancel) std::this_thread::sleep_for(1ms);
            sawCancel = true;
            return 0;
        });
    }
    EXPECT_TRUE(sawCancel);
}
