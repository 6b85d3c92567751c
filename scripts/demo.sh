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
comment() { cli comment add "$clip" "$@" >/dev/null; }
comment --at 0:01 --to 0:17 --author "Ms. Rivera" --kind note --tag launch \
  --text "Opening: I set up the chocolate-bar picture before asking anything."
comment --at 0:24 --author "Coach Lee" --kind strength --tag wait-time \
  --text "Great wait time after the question: about 3.5 seconds before the first answer."
comment --at 0:34 --author "Coach Lee" --kind question --tag questioning \
  --text "\"Why do you think so?\" opened up reasoning. Could you ask a second student to add on?"
comment --at 0:49 --to 1:01 --author "Coach Lee" --kind strength --tag student-talk \
  --text "Pair talk: several voices at once, everyone explaining."
comment --at 1:08 --author "Ms. Rivera" --kind suggestion --tag wait-time --private \
  --text "Note to self: wait longer here next time; only one hand went up."
comment --at 1:22 --author "Coach Lee" --kind suggestion --tag checking \
  --text "Whiteboards are a quick check. Try asking two students to explain their boards."

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
echo "Comments on the demo lesson (private ones stay on this machine):"
cli comment list "$clip"
