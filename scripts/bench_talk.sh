#!/usr/bin/env bash
# Talk-time benchmark (issue 4), run by scripts/bench.sh or on its own after a build.
#  - accuracy over simulated lessons of every preset, each lesson's accuracy and per-label share
#    errors: the tuning set's voices (espeak-ng, formant synthesiser) on seeds never tuned on, and
#    the held-out set (voices from real speakers' recordings, other rooms, noises, recorder), and
#    the real set (only real recorded speech: codec2-examples' sentences, KLettres' speakers),
#    and the unseen set (real speakers no analyser decision was weighed on: Asterisk's prompts,
#    KTuberling's volunteers);
#  - the unseen set again after an AAC round trip (96 kb/s), as a phone stores a lesson;
#  - recitation lessons (whole-class choral answers), with the held-out set's voices;
#  - meetings (3-6 adults at a table, no teacher: whoever talks most is), the unseen set's voices;
#  - speed: `lessonlens-cli analyze` (decoding included) on a 1-hour AAC lesson, as a ratio to
#    ffmpeg just decoding the same audio to 16 kHz mono, both pinned to one core, alternating,
#    best of BENCH_RUNS each (wall clock, and CPU time, which other load disturbs less);
#  - memory: peak resident set of `analyze` on a 3-hour lesson, as sound alone and as a video.
# Figures are printed; nothing is asserted (these machines are shared and noisy).
# LL_BUILD: the build directory (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${LL_BUILD:-build}/bin
work=${BENCH_WORK:-${LL_BUILD:-build}/bench/talk}
runs=${BENCH_RUNS:-3}
mkdir -p "$work"
abs=$(cd "$work" && pwd)  # for ffmpeg's concat lists
cli="$bin/lessonlens-cli --db $work/bench.sqlite"

# accuracy SET SEEDS MINUTES JSON [evaluate.py options]: scores the simulator's SET (tuning,
# heldout, real, unseen) on SEEDS.
accuracy() {
  /usr/bin/python3 scripts/lesson_sim/evaluate.py --bin "$bin/talk_eval" --set "$1" --seeds "$2" \
    --minutes "$3" --work "$work/eval" --json "$work/$4" "${@:5}"
}

echo "== Talk-time accuracy, tuning-set voices (seeds 1161-1172: fresh for talk-v8, never tuned on)"
accuracy tuning "${BENCH_SEEDS:-1161-1172}" "${BENCH_MINUTES:-5}" accuracy.json

echo
echo "== Talk-time accuracy, held-out set (real speakers' voices, other rooms and noises)"
if command -v flite >/dev/null && command -v text2wave >/dev/null; then
  accuracy heldout "${BENCH_HELDOUT_SEEDS:-481-492}" "${BENCH_HELDOUT_MINUTES:-3}" accuracy_heldout.json
else
  echo "skipped: flite and festival are missing (scripts/setup-deps.sh installs them)"
fi

echo
echo "== Talk-time accuracy, real set (real recorded speech in the held-out rooms)"
if [ -d /usr/share/codec2/raw ] && [ -d /usr/share/klettres ] && [ -d /usr/share/sounds/alsa ]; then
  accuracy real "${BENCH_REAL_SEEDS:-481-492}" "${BENCH_REAL_MINUTES:-3}" accuracy_real.json
else
  echo "skipped: codec2-examples, klettres-data or alsa-utils is missing (scripts/setup-deps.sh installs them)"
fi

echo
echo "== Talk-time accuracy, unseen set (real speakers never tuned on, in the held-out rooms)"
if [ -d /usr/share/asterisk/sounds/it_IT_m_Carlo ] && [ -d /usr/share/ktuberling/sounds ]; then
  accuracy unseen "${BENCH_UNSEEN_SEEDS:-181-192}" "${BENCH_UNSEEN_MINUTES:-3}" accuracy_unseen.json

  echo
  echo "== Talk-time accuracy, the same unseen lessons as a phone stores them (AAC 96 kb/s)"
  accuracy unseen "${BENCH_UNSEEN_SEEDS:-181-192}" "${BENCH_UNSEEN_MINUTES:-3}" accuracy_unseen_aac.json \
    --via-aac 96
else
  echo "skipped: the Asterisk sound packages or ktuberling-data are missing (scripts/setup-deps.sh installs them)"
fi

echo
echo "== Talk-time accuracy, recitation lessons (choral answers; held-out voices and rooms)"
if command -v flite >/dev/null && command -v text2wave >/dev/null; then
  accuracy heldout "${BENCH_RECITATION_SEEDS:-501-512}" 3 accuracy_recitation.json --presets recitation
else
  echo "skipped: flite and festival are missing (scripts/setup-deps.sh installs them)"
fi

echo
echo "== Talk-time accuracy, meetings (3-6 adults at a table, unseen set's speakers; not lessons)"
if [ -d /usr/share/asterisk/sounds/it_IT_m_Carlo ]; then
  accuracy unseen "${BENCH_MEETING_SEEDS:-601-612}" 3 accuracy_meeting.json --presets meeting
else
  echo "skipped: the Asterisk sound packages are missing (scripts/setup-deps.sh installs them)"
fi

echo
echo "== Talk-time speed (1 hour, one core)"
if [ ! -s "$work/hour.m4a" ]; then
  /usr/bin/python3 scripts/lesson_sim/simulate.py --seed 901 --minutes 10 --preset mixed --out "$work/sim10" >/dev/null
  for i in 1 2 3 4 5 6; do echo "file '$abs/sim10/lesson.wav'"; done > "$work/hour.txt"
  ffmpeg -v error -y -f concat -safe 0 -i "$work/hour.txt" -c:a aac -b:a 96k "$work/hour.m4a"
fi
rm -f "$work/bench.sqlite"*
$cli add "$work/hour.m4a" >/dev/null
# Wall, user and system seconds of a command pinned to core 0.
timed() { /usr/bin/time -f '%e %U %S' -o "$work/t.txt" taskset -c 0 "$@" >/dev/null 2>&1; cat "$work/t.txt"; }
ref_wall=; ref_cpu=; our_wall=; our_cpu=
for _ in $(seq "$runs"); do
  read -r w u s < <(timed ffmpeg -v error -i "$work/hour.m4a" -vn -ac 1 -ar 16000 -f f32le -y /dev/null)
  c=$(echo "$u + $s" | bc)
  if [ -z "$ref_wall" ] || (( $(echo "$w < $ref_wall" | bc) )); then ref_wall=$w; fi
  if [ -z "$ref_cpu" ] || (( $(echo "$c < $ref_cpu" | bc) )); then ref_cpu=$c; fi
  read -r w u s < <(timed $cli analyze "$work/hour.m4a")
  c=$(echo "$u + $s" | bc)
  if [ -z "$our_wall" ] || (( $(echo "$w < $our_wall" | bc) )); then our_wall=$w; fi
  if [ -z "$our_cpu" ] || (( $(echo "$c < $our_cpu" | bc) )); then our_cpu=$c; fi
done
printf 'ffmpeg decode to 16 kHz mono: %.2f s wall, %.2f s CPU (best of %d)\n' "$ref_wall" "$ref_cpu" "$runs"
printf 'lessonlens analyze:           %.2f s wall, %.2f s CPU (best of %d)\n' "$our_wall" "$our_cpu" "$runs"
printf 'speed ratio: %.2fx wall, %.2fx CPU (target <= 2x)\n' \
  "$(echo "$our_wall / $ref_wall" | bc -l)" "$(echo "$our_cpu / $ref_cpu" | bc -l)"

echo
echo "== Talk-time memory (3 hours)"
if [ ! -s "$work/3h.m4a" ]; then
  for i in 1 2 3; do echo "file '$abs/hour.m4a'"; done > "$work/3h.txt"
  ffmpeg -v error -y -f concat -safe 0 -i "$work/3h.txt" -c copy "$work/3h.m4a"
fi
# A lesson is usually a video: the same 3 hours as a camera's file, 640x360 at 30 fps with 48 kHz
# sound. The demuxer's index of 324,000 pictures and 506,000 sound frames is held while decoding.
if [ ! -s "$work/3h-video.mp4" ]; then
  ffmpeg -v error -y -f lavfi -i testsrc2=size=640x360:rate=30:duration=60 -c:v libx264 \
    -preset ultrafast -g 60 "$work/minute.mp4"
  for i in $(seq 180); do echo "file '$abs/minute.mp4'"; done > "$work/3h-video.txt"
  ffmpeg -v error -y -f concat -safe 0 -i "$work/3h-video.txt" -i "$work/3h.m4a" -map 0:v -map 1:a \
    -c:v copy -c:a aac -ar 48000 -b:a 96k -shortest "$work/3h-video.mp4"
fi
# time's %M is in KiB: print MiB and MB (10^6 bytes) both, so the target reads the same either way.
for lesson in 3h.m4a 3h-video.mp4; do
  /usr/bin/time -f '%M' -o "$work/rss.txt" $cli analyze "$work/$lesson" >/dev/null
  kib=$(cat "$work/rss.txt")
  printf 'peak resident memory, %s: %.0f MiB = %.0f MB (target <= 150 MB)\n' "$lesson" \
    "$(echo "$kib / 1024" | bc -l)" "$(echo "$kib * 1024 / 1000000" | bc -l)"
done
