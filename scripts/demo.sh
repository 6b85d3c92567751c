#!/usr/bin/env bash
# Installs what LessonLens needs, builds it, and shows it working on a generated demo lesson:
# the lesson is added to a demo library with sample comments from two reviewers. With a
# display, the desktop app opens on it; without one, the lesson's report is printed here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-deps.sh
scripts/build.sh

demo=build/demo
mkdir -p "$demo"
lesson=$demo/fractions-lesson.mp4
[ -s "$lesson" ] || scripts/make-demo-lesson.sh "$lesson" >/dev/null
db=$demo/library.sqlite
rm -f "$db" "$db-wal" "$db-shm"
cli() { build/bin/lessonlens-cli --db "$db" "$@"; }

clip=$(cli add "$lesson" --title "Grade 4 fractions (demo)" | tail -n 1)
cli analyze "$clip" >/dev/null
comment() { cli comment add "$clip" "$@" | tail -n 1; }
comment --at 0:01 --to 0:21 --author "Ms. Rivera" --kind note --tag launch \
  --text "Opening: I set up the chocolate-bar picture before asking anything." >/dev/null
comment --at 0:21 --author "Coach Lee" --kind strength --tag wait-time \
  --text "You waited almost four seconds after the question before the first answer. Great wait time." >/dev/null
q=$(comment --at 0:27.5 --author "Coach Lee" --kind question --tag questioning \
  --text "\"Why do you think so?\" opened up reasoning. Could you ask a second student to add on?")
comment --at 0:29 --author "Ms. Rivera" --reply-to "$q" --kind note \
  --text "Good idea. I'll try \"Who can add to that?\" next lesson." >/dev/null
comment --at 0:43 --to 1:07 --author "Coach Lee" --kind strength --tag student-talk \
  --text "Pair talk: several voices at once, everyone explaining." >/dev/null
comment --at 1:13 --author "Ms. Rivera" --kind suggestion --tag wait-time --private \
  --text "Note to self: only one hand went up here. Wait longer, or let partners talk first." >/dev/null
comment --at 1:33 --author "Coach Lee" --kind suggestion --tag checking \
  --text "Whiteboards are a quick check. Try asking two students to explain their boards." >/dev/null

if [ -n "${DISPLAY:-}" ] && [ -x build/bin/lessonlens ] && [ "${CI:-}" != "true" ]; then
  echo "Opening LessonLens on the demo lesson (library: $db)"
  exec build/bin/lessonlens --db "$db" --reviewer "Coach Lee" "$lesson"
fi

echo
echo "LessonLens demo: no display here, so this is the lesson's report."
echo "Library: $db"
echo
cli clips
echo
cli talk "$clip"
echo
echo "Comments on the demo lesson (private ones stay on this machine):"
cli comment list "$clip"
echo
cli export "$clip" --format html --out "$demo/report.html" >/dev/null
echo "A printable report with charts and thumbnails: $demo/report.html"
