#!/usr/bin/env bash
# Talk-time benchmark (issue 4), run by scripts/bench.sh or on its own after a build.
#  - accuracy over simulated lessons of every preset, on seeds the engine was never tuned on;
#  - speed: `lessonlens-cli analyze` (decoding included) on a 1-hour AAC lesson, as a ratio to
#    ffmpeg just decoding the same audio to 16 kHz mono, both pinned to one core, same run;
#  - memory: peak resident set of `analyze` on a 3-hour lesson.
# Figures are printed; nothing is asserted (these machines are shared and noisy).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin
work=${BENCH_WORK:-build/bench/talk}
mkdir -p "$work"
cli="$bin/lessonlens-cli --db $work/bench.sqlite"
core() { taskset -c 0 "$@"; }
secs() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }

echo "== Talk-time accuracy (simulated lessons, seeds never tuned on)"
/usr/bin/python3 scripts/lesson_sim/evaluate.py --bin "$bin/talk_eval" --seeds "${BENCH_SEEDS:-701-708}" \
  --minutes "${BENCH_MINUTES:-5}" --work "$work/eval" --json "$work/accuracy.json" | tail -n 15

echo
echo "== Talk-time speed (1 hour, one core)"
if [ ! -s "$work/hour.m4a" ]; then
  /usr/bin/python3 scripts/lesson_sim/simulate.py --seed 901 --minutes 10 --preset mixed --out "$work/sim10" >/dev/null
  for i in 1 2 3 4 5 6; do echo "file '$PWD/$work/sim10/lesson.wav'"; done > "$work/hour.txt"
  ffmpeg -v error -y -f concat -safe 0 -i "$work/hour.txt" -c:a aac -b:a 96k "$work/hour.m4a"
fi
rm -f "$work/bench.sqlite"*
$cli add "$work/hour.m4a" >/dev/null
ref=$(secs core ffmpeg -v error -i "$work/hour.m4a" -vn -ac 1 -ar 16000 -f f32le -y /dev/null)
ours=$(secs core $cli analyze "$work/hour.m4a")
printf 'ffmpeg decode to 16 kHz mono: %.2f s\nlessonlens analyze:           %.2f s\nratio: %.2fx (target <= 2x)\n' \
  "$ref" "$ours" "$(echo "$ours / $ref" | bc -l)"

echo
echo "== Talk-time memory (3 hours)"
if [ ! -s "$work/3h.m4a" ]; then
  for i in 1 2 3; do echo "file '$PWD/$work/hour.m4a'"; done > "$work/3h.txt"
  ffmpeg -v error -y -f concat -safe 0 -i "$work/3h.txt" -c copy "$work/3h.m4a"
fi
/usr/bin/time -f '%M' -o "$work/rss.txt" $cli analyze "$work/3h.m4a" >/dev/null
printf 'peak resident memory: %.0f MB (target <= 150 MB)\n' "$(echo "$(cat "$work/rss.txt") / 1024" | bc -l)"
