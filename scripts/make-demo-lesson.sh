#!/usr/bin/env bash
# Generates the demo lesson: about 100 s of a fractions lesson with a teacher, three student
# voices, wait time after questions, pair talk with several voices at once, and room noise,
# over simple slides. Everything is synthesized here (espeak-ng, sox, ffmpeg): nothing is
# downloaded and no real classroom is recorded.
#
#   scripts/make-demo-lesson.sh OUT.mp4
set -euo pipefail
out=${1:?usage: make-demo-lesson.sh OUT.mp4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rate=16000
n=0
parts=()

# say VOICE PITCH SPEED "TEXT": appends an utterance.
say() {
  n=$((n + 1))
  espeak-ng -v "$1" -p "$2" -s "$3" -w "$work/raw$n.wav" "$4"
  sox "$work/raw$n.wav" -r $rate -c 1 -b 16 "$work/u$n.wav" norm -3
  parts+=("$work/u$n.wav")
}
# pause SECONDS: appends silence.
pause() {
  n=$((n + 1))
  sox -n -r $rate -c 1 -b 16 "$work/p$n.wav" trim 0 "$1"
  parts+=("$work/p$n.wav")
}
teacher() { say en-us+m3 45 150 "$1"; }
student1() { say en-us+f4 85 170 "$1"; }
student2() { say en+m1 78 165 "$1"; }
student3() { say en-gb+f2 90 160 "$1"; }

pause 1
teacher "Good morning everyone. Today we are going to compare fractions. Look at the two chocolate bars on the board. The first one is cut into four pieces, and the second one is cut into eight pieces."
pause 1.5
teacher "Which piece is bigger, one quarter or one eighth? Take a moment to think before you answer."
pause 3.5
student1 "One quarter is bigger."
pause 0.8
teacher "Why do you think so?"
pause 1.2
student2 "Because the first bar is cut into fewer pieces, so each piece is larger."
pause 0.6
teacher "Excellent reasoning. Now turn to your partner and explain it in your own words. You have a minute."
pause 0.5
# Pair talk: three students at once, staggered, for a stretch of several voices.
n=$((n + 1))
espeak-ng -v en-us+f4 -p 85 -s 170 -w "$work/g1.wav" "I think the more pieces you cut, the smaller each piece gets, like sharing a cake with more friends."
espeak-ng -v en+m1 -p 78 -s 165 -w "$work/g2.wav" "So one eighth is smaller because eight people share the same bar. That makes sense to me now."
espeak-ng -v en-gb+f2 -p 90 -s 160 -w "$work/g3.wav" "Wait, so is one third bigger than one quarter too? Yes, because three is less than four."
for g in g1 g2 g3; do sox "$work/$g.wav" -r $rate -c 1 -b 16 "$work/${g}n.wav" norm -5; done
sox "$work/g2n.wav" "$work/g2d.wav" pad 0.7
sox "$work/g3n.wav" "$work/g3d.wav" pad 1.4
sox -m "$work/g1n.wav" "$work/g2d.wav" "$work/g3d.wav" "$work/group$n.wav" norm -3
parts+=("$work/group$n.wav")
pause 1
teacher "Let's come back together. Who can share what their partner said?"
pause 2.8
student3 "My partner said the more pieces there are, the smaller each piece is."
pause 0.7
teacher "Exactly right. So when the top numbers are the same, the fraction with the bigger bottom number is smaller. Let's try a few more on your whiteboards. Write down which is bigger, two fifths or two sevenths."
pause 4
student2 "Two fifths."
pause 0.5
teacher "Good. Hold up your boards so I can see. Nice work, most of you have it. For homework, compare three pairs of fractions and draw a picture for each one."
pause 1.5

sox "${parts[@]}" "$work/voices.wav"
len=$(soxi -D "$work/voices.wav")
# Room tone: ventilation hum and a little pink noise, as a classroom microphone hears it.
sox -n -r $rate -c 1 -b 16 "$work/room.wav" synth "$len" pinknoise vol 0.015 synth "$len" sine 120 vol 0.004
sox -m "$work/voices.wav" "$work/room.wav" "$work/lesson.wav"

font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
bold=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
slide() {  # slide START END TITLE LINE
  printf "drawtext=fontfile=%s:text='%s':fontsize=54:fontcolor=0x1d3557:x=80:y=90:enable='between(t,%s,%s)'," "$bold" "$3" "$1" "$2"
  printf "drawtext=fontfile=%s:text='%s':fontsize=36:fontcolor=0x1d3557:x=80:y=190:enable='between(t,%s,%s)'," "$font" "$4" "$1" "$2"
}
filters="drawbox=x=0:y=0:w=iw:h=24:color=0x457b9d@1:t=fill,"
filters+=$(slide 0 30 "Comparing fractions" "Which piece is bigger?  1/4  or  1/8")
filters+=$(slide 30 62 "Talk to your partner" "Explain why in your own words")
filters+=$(slide 62 200 "Try these" "2/5  or  2/7 ?   3/4  or  3/10 ?")
# Two chocolate bars: one cut in four, one cut in eight.
filters+="drawbox=x=160:y=320:w=300:h=300:color=0xe9c46a:t=fill,drawbox=x=160:y=468:w=300:h=4:color=0x8d5524:t=fill,drawbox=x=308:y=320:w=4:h=300:color=0x8d5524:t=fill,"
filters+="drawbox=x=640:y=320:w=300:h=300:color=0xf4a261:t=fill,drawbox=x=640:y=395:w=300:h=3:color=0x8d5524:t=fill,drawbox=x=640:y=468:w=300:h=4:color=0x8d5524:t=fill,drawbox=x=640:y=545:w=300:h=3:color=0x8d5524:t=fill,drawbox=x=788:y=320:w=4:h=300:color=0x8d5524:t=fill,"
filters+="drawtext=fontfile=$font:text='%{pts\\:hms}':fontsize=28:fontcolor=0x6c757d:x=w-tw-40:y=h-th-30"
ffmpeg -v error -y -f lavfi -i "color=c=0xf1faee:s=1280x720:r=30:d=$len" -i "$work/lesson.wav" \
  -vf "$filters" -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -g 60 \
  -c:a aac -b:a 96k -ar 48000 -ac 1 -shortest -movflags +faststart "$out"
echo "$out"
