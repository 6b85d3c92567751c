#pragma once
// Runs a store test on an in-memory library and on an on-disk one (WAL, real file locking).

#include <gtest/gtest.h>

#include "store/library.h"
#include "support/temp_dir.h"

namespace ll::test {

enum class Backing { Memory, Disk };

class StoreTest : public ::testing::TestWithParam<Backing> {
protected:
    void SetUp() override {
        auto lib = GetParam() == Backing::Memory ? store::Library::openInMemory()
                                                 : store::Library::open(m_dir / "library.sqlite");
        ASSERT_TRUE(lib.ok()) << lib.error().describe();
        m_lib = std::move(lib).value();
    }

    // A 10-minute clip with one video and one audio stream.
    store::Clip addClip(std::string fingerprint = "v1:100:abc", MediaTime duration = 600_s) {
        store::Clip c;
        c.id = Id::generate();
        c.fingerprint = std::move(fingerprint);
        c.path = "/lessons/period3.mp4";
        c.title = "Period 3 fractions";
        c.duration = duration;
        c.streams = {{0, "video", "h264", 1920, 1080, 30.0, 0, 0, 0, ""},
                     {1, "audio", "aac", 0, 0, 0, 0, 48000, 2, "eng"}};
        auto stored = m_lib->clips().upsert(c);
        EXPECT_TRUE(stored.ok()) << stored.error().describe();
        return stored.ok() ? *stored : c;
    }

    store::Reviewer reviewer(const std::string& name) {
        auto r = m_lib->reviewers().findOrCreate(name);
        EXPECT_TRUE(r.ok()) << r.error().describe();
        return *r;
    }

    TempDir m_dir;
    std::unique_ptr<store::Library> m_lib;
};

inline std::string backingName(const ::testing::TestParamInfo<Backing>& info) {
    return info.param == Backing::Memory ? "InMemory" : "OnDisk";
}

}  // namespace ll::test

#define LL_STORE_TEST_SUITE(Suite)                                                          \
    INSTANTIATE_TEST_SUITE_P(Backings, Suite,                                               \
                             ::testing::Values(ll::test::Backing::Memory, ll::test::Backing::Disk), \
                             ll::test::backingName)
