#!/usr/bin/env bash
# Fuzzes LessonLens's readers of untrusted input with clang's libFuzzer, AddressSanitizer and
# UBSan: times as typed, review packs, talk-time audio (NaN and all), media files, stored
# waveform peaks and library files (tests/fuzz/*_fuzz.cpp).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
#
# The corpora grow in build-fuzz/corpus/<target>/, starting from seeds the ordinary build's
# fuzz_tests writes. A failing input is left in build-fuzz/findings/<target>/; once fixed, copy it
# to tests/fuzz/regressions/<target>/ so that scripts/test.sh replays it for good. Not part of the
# tests: how far a run gets depends on time, and the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(time_text pack talk media peaks library)

scripts/setup-deps.sh
scripts/build.sh   # the ordinary build: its fuzz_tests writes the seeds
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLESSONLENS_FUZZ=ON >/dev/null
cmake --build build-fuzz --parallel "$(nproc)" --target "${TARGETS[@]/#/fuzz_}"

rm -rf build-fuzz/seeds
LL_FUZZ_WRITE_SEEDS=build-fuzz/seeds build/bin/fuzz_tests >/dev/null

status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/findings/$t"
  echo "fuzz: $t for ${SECONDS_PER_TARGET} s"
  # media and library write one scratch file per input: fewer, larger inputs.
  case $t in
    talk) max_len=200000 ;;  # 6 s of int16: long enough for every decision
    media | library) max_len=200000 ;;
    *) max_len=65536 ;;
  esac
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
      "build-fuzz/bin/fuzz_$t" "build-fuzz/corpus/$t" "build-fuzz/seeds/$t" \
      -max_total_time="$SECONDS_PER_TARGET" -max_len="$max_len" -rss_limit_mb=4096 \
      -timeout=30 -print_final_stats=1 -artifact_prefix="build-fuzz/findings/$t/" \
      >"build-fuzz/$t.log" 2>&1; then
    echo "fuzz: $t FOUND A FAILURE; see build-fuzz/$t.log and build-fuzz/findings/$t/" >&2
    status=1
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|cov: ' "build-fuzz/$t.log" | tail -3
done
exit $status
