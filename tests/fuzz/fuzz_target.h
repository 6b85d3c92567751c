#pragma once
// One source per fuzz target, built two ways (tests/fuzz/CMakeLists.txt):
// - with clang's libFuzzer (LESSONLENS_FUZZ=ON, scripts/fuzz.sh): LL_FUZZ_TARGET(name) is
//   LLVMFuzzerTestOneInput, and the sanitizers watch every input libFuzzer makes up;
// - in the ordinary test build: the target registers itself, and fuzz_tests replays its seeds,
//   deterministic mutations of them, and every input a fuzzing run ever found in
//   tests/fuzz/regressions/<name>/, so what was fixed stays fixed without clang.
// A target returns 0 and checks its own properties with LL_FUZZ_CHECK, which aborts: libFuzzer
// then saves the input, and the replay test fails on it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace ll::fuzz {

using TargetFn = int (*)(const uint8_t* data, size_t size);
using SeedsFn = std::vector<std::string> (*)();

// Registers a target and the function that makes its seed inputs (the replay test's starting
// points; scripts/fuzz.sh writes them out as libFuzzer's first corpus).
bool registerTarget(const char* name, TargetFn target, SeedsFn seeds);

}  // namespace ll::fuzz

#ifdef LL_FUZZ_LIBFUZZER
// The seeds are made by the replay build (scripts/fuzz.sh asks it), so they are not compiled here.
#define LL_FUZZ_TARGET(name, seedsFn) \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
#else
#define LL_FUZZ_TARGET(name, seedsFn)                                                     \
    static int llFuzz_##name(const uint8_t* data, size_t size);                          \
    [[maybe_unused]] static const bool llFuzzRegistered_##name =                         \
        ::ll::fuzz::registerTarget(#name, llFuzz_##name, seedsFn);                       \
    static int llFuzz_##name(const uint8_t* data, size_t size)
#endif

#define LL_FUZZ_CHECK(cond)                                                              \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__,     \
                         __LINE__);                                                      \
            std::abort();                                                                \
        }                                                                                \
    } while (0)
