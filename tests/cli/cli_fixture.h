#pragma once
// Shared set-up for the CLI suites: one generated lesson clip per suite, a fresh library per
// test, and `cli(...)` to run lessonlens-cli against it.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <sstream>
#include <tuple>

#include "support/process.h"
#include "support/temp_dir.h"

namespace ll::test {

class CliTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_media = new TempDir();
        // 12 s of test pattern with a tone: small, fast to make, a real H.264/AAC mp4.
        std::string cmd = "ffmpeg -v error -y -f lavfi -i testsrc=duration=12:size=160x120:rate=25 "
                          "-f lavfi -i sine=frequency=300:duration=12 -c:v libx264 -preset "
                          "ultrafast -c:a aac -shortest '" + (*s_media / "lesson.mp4").string() + "'";
        ASSERT_EQ(runShell(cmd), 0) << "ffmpeg could not make the fixture";
    }
    static void TearDownTestSuite() {
        delete s_media;
        s_media = nullptr;
    }
    static std::filesystem::path lessonPath() { return *s_media / "lesson.mp4"; }

    ProcessResult cli(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        std::vector<std::string> argv = {std::string(LL_BIN_DIR) + "/lessonlens-cli"};
        argv.insert(argv.end(), args.begin(), args.end());
        env.emplace("LESSONLENS_DB", db().string());
        return runProcess(argv, env);
    }
    // Runs and expects success; returns stdout.
    std::string ok(std::vector<std::string> args) {
        auto r = cli(args);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return r.out;
    }
    nlohmann::json runJson(std::vector<std::string> args) {
        args.push_back("--json");
        std::string out = ok(args);
        auto j = nlohmann::json::parse(out, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << out;
        return j;
    }
    std::string addLesson() {
        auto r = cli({"add", lessonPath().string()});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return r.lastLine();
    }
    std::filesystem::path db() const { return m_dir / "library.sqlite"; }

    TempDir m_dir;
    static inline TempDir* s_media = nullptr;
};

}  // namespace ll::test
