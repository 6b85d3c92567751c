// Replays every fuzz target (tests/fuzz/*_fuzz.cpp) in the ordinary build, without clang: its
// seeds, a fixed set of mutations of them (cut short, bytes flipped, blocks dropped, repeated or
// spliced from another seed), and every input a fuzzing run found and a fix made pass, kept in
// tests/fuzz/regressions/<target>/. A target checks its own properties and aborts when one
// fails; the input that did it is then written out and its path printed, to be kept there.
//
// LL_FUZZ_WRITE_SEEDS=DIR writes each target's seeds to DIR/<target>/ instead (scripts/fuzz.sh
// starts libFuzzer from them).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"
#include "support/temp_dir.h"

namespace ll::fuzz {

namespace {

struct Target {
    TargetFn run = nullptr;
    SeedsFn seeds = nullptr;
};

std::map<std::string, Target>& registry() {
    static std::map<std::string, Target> targets;
    return targets;
}

}  // namespace

bool registerTarget(const char* name, TargetFn target, SeedsFn seeds) {
    registry()[name] = {target, seeds};
    return true;
}

namespace {

namespace fs = std::filesystem;

// The input being run, for the crash handler.
const std::string* g_current = nullptr;
char g_crashPath[512] = {};

void onCrash(int sig) {
    if (g_current != nullptr && g_crashPath[0] != '\0') {
        const int fd = ::open(g_crashPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            size_t done = 0;
            while (done < g_current->size()) {
                const ssize_t n = ::write(fd, g_current->data() + done, g_current->size() - done);
                if (n <= 0) break;
                done += static_cast<size_t>(n);
            }
            ::close(fd);
            const char note[] = "\nfuzz replay: the failing input was written to ";
            (void)!::write(2, note, sizeof note - 1);
            (void)!::write(2, g_crashPath, std::strlen(g_crashPath));
            (void)!::write(2, "\n", 1);
        }
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// Mutations in the spirit of libFuzzer's, from a fixed generator: the same inputs every run.
std::vector<std::string> mutants(const std::vector<std::string>& seeds, size_t count,
                                 uint32_t seed) {
    std::mt19937 rng(seed);
    auto below = [&](size_t n) { return n == 0 ? size_t{0} : static_cast<size_t>(rng() % n); };
    std::vector<std::string> out;
    for (size_t k = 0; k < count; ++k) {
        std::string x = seeds[k % seeds.size()];
        const int kind = static_cast<int>(k / seeds.size() % 7);
        switch (kind) {
            case 0:  // cut short
                x.resize(below(x.size() + 1));
                break;
            case 1:  // a few bytes changed
                for (int i = 0; i < 1 + static_cast<int>(below(8)) && !x.empty(); ++i)
                    x[below(x.size())] = static_cast<char>(rng());
                break;
            case 2:  // bits flipped
                for (int i = 0; i < 1 + static_cast<int>(below(4)) && !x.empty(); ++i)
                    x[below(x.size())] ^= static_cast<char>(1u << below(8));
                break;
            case 3:  // a block dropped
                if (!x.empty()) {
                    const size_t at = below(x.size());
                    x.erase(at, 1 + below(std::min<size_t>(x.size() - at, 512)));
                }
                break;
            case 4:  // a block repeated
                if (!x.empty()) {
                    const size_t at = below(x.size());
                    const std::string block = x.substr(at, 1 + below(256));
                    x.insert(below(x.size() + 1), block);
                }
                break;
            case 5:  // bytes set to the values parsers trip over
                for (int i = 0; i < 1 + static_cast<int>(below(6)) && !x.empty(); ++i) {
                    static constexpr char kHard[] = {0, '\x7f', '\x80', '\xff', '0', '9', '-', '"'};
                    x[below(x.size())] = kHard[below(sizeof kHard)];
                }
                break;
            default: {  // spliced: the head of this seed, the tail of another
                const std::string& other = seeds[below(seeds.size())];
                x = x.substr(0, below(x.size() + 1)) + other.substr(below(other.size() + 1));
                break;
            }
        }
        out.push_back(std::move(x));
    }
    return out;
}

void replay(const std::string& name, size_t mutantCount) {
    auto it = registry().find(name);
    ASSERT_NE(it, registry().end()) << "no fuzz target named " << name;
    const Target& target = it->second;
    const std::vector<std::string> seeds = target.seeds();
    ASSERT_FALSE(seeds.empty());

    if (const char* dir = std::getenv("LL_FUZZ_WRITE_SEEDS"); dir && *dir) {
        const fs::path out = fs::path(dir) / name;
        fs::create_directories(out);
        for (size_t i = 0; i < seeds.size(); ++i)
            ll::test::writeFile(out / ("seed-" + std::to_string(i)), seeds[i]);
        return;
    }

    std::vector<std::pair<std::string, std::string>> inputs;  // what, bytes
    for (size_t i = 0; i < seeds.size(); ++i)
        inputs.emplace_back("seed " + std::to_string(i), seeds[i]);
    const auto mutated = mutants(seeds, mutantCount, static_cast<uint32_t>(std::hash<std::string>{}(name)));
    for (size_t i = 0; i < mutated.size(); ++i)
        inputs.emplace_back("mutant " + std::to_string(i), mutated[i]);
    const fs::path kept = fs::path(LL_FUZZ_REGRESSIONS_DIR) / name;
    if (fs::is_directory(kept)) {
        for (const auto& entry : fs::directory_iterator(kept))
            if (entry.is_regular_file())
                inputs.emplace_back(entry.path().filename().string(), ll::test::readFile(entry.path()));
    }

    const std::string crashPath =
        (fs::temp_directory_path() / ("lessonlens-fuzz-crash-" + name)).string();
    std::snprintf(g_crashPath, sizeof g_crashPath, "%s", crashPath.c_str());
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, onCrash);
    for (const auto& [what, bytes] : inputs) {
        SCOPED_TRACE(what);
        g_current = &bytes;
        EXPECT_EQ(target.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 0);
    }
    g_current = nullptr;
    ::testing::Test::RecordProperty("inputs", static_cast<int>(inputs.size()));
}

}  // namespace

TEST(Fuzz, TimeTextReplay) { replay("time_text", 2000); }
TEST(Fuzz, PackReplay) { replay("pack", 700); }
TEST(Fuzz, TalkReplay) { replay("talk", 70); }
TEST(Fuzz, MediaReplay) { replay("media", 140); }
TEST(Fuzz, PeaksReplay) { replay("peaks", 700); }
TEST(Fuzz, LibraryReplay) { replay("library", 140); }

}  // namespace ll::fuzz
