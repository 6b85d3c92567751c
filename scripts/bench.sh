#!/usr/bin/env bash
# Speed and memory of LessonLens, as ratios against the ffmpeg CLI timed in the same run (never
# absolute numbers: machines differ). Generates its clips once into $BENCH_DIR.
#
#   scripts/bench.sh            build dir: $BUILD_DIR, else build/, else build-media/
#   QUICK=1 scripts/bench.sh    shorter clips (a smoke run; ratios are noisier)
#   SKIP_TALK=1 scripts/bench.sh  media only (scripts/bench_talk.sh measures talk time)
#   SKIP_APP=1 scripts/bench.sh   without the desktop app's run (scripts/bench_app.sh)
#
# Runs of ffmpeg and ours are interleaved and the best of several kept; on a busy machine the
# ratios still wander, so read a miss twice before believing it.
#
# Targets (issue 3):
#   check            >= 0.9x as fast as `ffmpeg -v error -i CLIP -f null -` (1080p30 H.264)
#   frame at T       median within 1.2x of `ffmpeg -ss T -i CLIP -frames:v 1 -f null -`
#                    (1080p H.264, 10 s GOP, random times)
#   audio extract    within 1.1x of `ffmpeg -i CLIP -vn -ac 1 -ar 16000 -f f32le -y /dev/null`
#                    (45-minute AAC lesson)
#   memory           peak RSS < 100 MB extracting audio from a 3-hour file
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-}
if [[ -z "$BUILD_DIR" ]]; then
  for d in build build-media; do [[ -x "$d/bin/media_bench" ]] && BUILD_DIR=$d && break; done
fi
BENCH=${BUILD_DIR:-build}/bin/media_bench
CLI=${BUILD_DIR:-build}/bin/lessonlens-cli
if [[ ! -x "$BENCH" || ! -x "$CLI" ]]; then
  echo "bench.sh: build media_bench and lessonlens-cli first (cmake --build build)" >&2
  exit 1
fi
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/lessonlens-bench}
mkdir -p "$BENCH_DIR"

if [[ -n "${QUICK:-}" ]]; then VIDEO_S=12; LESSON_S=600; else VIDEO_S=30; LESSON_S=2700; fi
VIDEO="$BENCH_DIR/video1080p-${VIDEO_S}s.mp4"
LESSON="$BENCH_DIR/lesson-${LESSON_S}s.m4a"
LONG="$BENCH_DIR/lesson-4x${LESSON_S}s.m4a"

ff() { ffmpeg -nostdin -hide_banner -v error -y "$@"; }

if [[ ! -f "$VIDEO" ]]; then
  echo "making $VIDEO (1080p30 H.264 + AAC, 10 s GOP)..."
  ff -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=$VIDEO_S" \
     -f lavfi -i "sine=frequency=330:sample_rate=48000:duration=$VIDEO_S" \
     -c:v libx264 -preset veryfast -g 300 -keyint_min 300 -sc_threshold 0 -pix_fmt yuv420p \
     -c:a aac -b:a 128k "$VIDEO.tmp.mp4"
  mv "$VIDEO.tmp.mp4" "$VIDEO"
fi
if [[ ! -f "$LESSON" ]]; then
  echo "making $LESSON ($LESSON_S s of stereo 48 kHz AAC)..."
  ff -f lavfi -i "anoisesrc=duration=$LESSON_S:color=pink:amplitude=0.2:sample_rate=48000" \
     -ac 2 -c:a aac -b:a 128k "$LESSON.tmp.m4a"
  mv "$LESSON.tmp.m4a" "$LESSON"
fi
if [[ ! -f "$LONG" ]]; then
  echo "making $LONG (the lesson four times over, stream copy)..."
  list="$BENCH_DIR/concat.txt"
  for _ in 1 2 3 4; do echo "file '$LESSON'"; done > "$list"
  ff -f concat -safe 0 -i "$list" -c copy "$LONG.tmp.m4a"
  mv "$LONG.tmp.m4a" "$LONG"
fi

# Wall-clock seconds of a command (output discarded).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }'
}
# Best of N runs of two commands (shell functions), interleaved so that load from other
# programs falls on both alike. Prints "best_a best_b".
best_of_pair() {
  local n=$1 a=$2 b=$3 best_a="" best_b="" t
  for _ in $(seq "$n"); do
    t=$(seconds "$a"); best_a=$(awk -v x="$best_a" -v y="$t" 'BEGIN { print (x == "" || y < x) ? y : x }')
    t=$(seconds "$b"); best_b=$(awk -v x="$best_b" -v y="$t" 'BEGIN { print (x == "" || y < x) ? y : x }')
  done
  echo "$best_a $best_b"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = dir == "ge" ? r >= t : r <= t; print ok ? "ok" : "MISSED" }'; }

echo
echo "== check: decode every stream of $(basename "$VIDEO")"
ref_check() { ffmpeg -nostdin -v error -i "$VIDEO" -f null -; }
ours_check() { "$CLI" check "$VIDEO"; }
read -r ref ours < <(best_of_pair 5 ref_check ours_check)
speed=$(ratio "$ref" "$ours")
echo "ffmpeg ${ref}s, lessonlens-cli check ${ours}s: ${speed}x as fast (target >= 0.9x) $(verdict "$speed" 0.9 ge)"

echo
echo "== frame at random times in $(basename "$VIDEO") (10 s GOP)"
times=()
for i in 1 2 3 4 5 6 7; do
  times+=("$(awk -v i="$i" -v d="$VIDEO_S" 'BEGIN { srand(1000 + i); printf "%.3f", rand() * (d - 0.5) }')")
done
ref_list=""; ours_list=""
for t in "${times[@]}"; do
  ref_list+="$(seconds ffmpeg -nostdin -v error -ss "$t" -i "$VIDEO" -frames:v 1 -f null -)"$'\n'
  ours_list+="$(seconds "$BENCH" frame "$VIDEO" "$t")"$'\n'
done
ref=$(printf '%s' "$ref_list" | median)
ours=$(printf '%s' "$ours_list" | median)
slower=$(ratio "$ours" "$ref")
echo "times: ${times[*]}"
echo "median ffmpeg ${ref}s, media_bench frame ${ours}s: ${slower}x ffmpeg's time (target <= 1.2x) $(verdict "$slower" 1.2 le)"

echo
echo "== audio: mono 16 kHz extraction of $(basename "$LESSON")"
ref_audio() { ffmpeg -nostdin -v error -i "$LESSON" -vn -ac 1 -ar 16000 -f f32le -y /dev/null; }
ours_audio() { "$BENCH" audio "$LESSON"; }
read -r ref ours < <(best_of_pair 3 ref_audio ours_audio)
slower=$(ratio "$ours" "$ref")
echo "ffmpeg ${ref}s, media_bench audio (with peaks) ${ours}s: ${slower}x ffmpeg's time (target <= 1.1x) $(verdict "$slower" 1.1 le)"

echo
echo "== memory: audio extraction of $(basename "$LONG") ($((4 * LESSON_S / 60)) minutes)"
rss_kb=$( { /usr/bin/time -v "$BENCH" audio "$LONG" >/dev/null; } 2>&1 | awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }')
rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
echo "peak RSS ${rss_mb} MB (target < 100 MB) $(verdict "$rss_mb" 100 le)"

# Talk-time accuracy, speed and memory (issue 4).
if [[ -z "${SKIP_TALK:-}" ]]; then
  echo
  scripts/bench_talk.sh
fi

# The desktop app under Xvfb: frame times, dropped frames, launch, idle CPU, memory (issue 5).
if [[ -z "${SKIP_APP:-}" ]]; then
  echo
  BUILD_DIR="${BUILD_DIR:-}" scripts/bench_app.sh
fi
