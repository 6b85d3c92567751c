#!/usr/bin/env bash
# Generates the demo lesson: about 2 minutes of a fractions lesson with a teacher, three students
# answering, wait time after questions, pair talk with six voices at once, and room noise, over
# simple slides. Everything is synthesized here (espeak-ng, sox, ffmpeg): nothing is
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
student2() { say en+f1 72 165 "$1"; }
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
# Pair talk: three pairs at once, each student saying a few sentences with short pauses, for
# about 25 s of several voices. Real pair talk lasts a minute or more; a few seconds of it would
# be too short to be heard as several voices, by the analysis as by a coach skimming the lesson.
n=$((n + 1))
pair_voice() {  # pair_voice NAME VOICE PITCH SPEED DELAY SENTENCE...
  local name=$1 voice=$2 pitch=$3 speed=$4 delay=$5 i=0 pieces=()
  shift 5
  for text in "$@"; do
    i=$((i + 1))
    espeak-ng -v "$voice" -p "$pitch" -s "$speed" -w "$work/$name-$i.wav" "$text"
    sox "$work/$name-$i.wav" -r $rate -c 1 -b 16 "$work/$name-$i-r.wav" pad 0 0.4
    pieces+=("$work/$name-$i-r.wav")
  done
  sox "${pieces[@]}" "$work/$name.wav" norm -6 pad "$delay"
}
pair_voice g1 en-us+f4 85 170 0 \
  "I think the more pieces you cut, the smaller each piece gets, like sharing a cake with more friends." \
  "So if you cut it in eight, every piece is tiny." \
  "Yes, and a quarter is two of those tiny pieces." \
  "Let me draw it so you can see." \
  "Look, this one has four and this one has eight." \
  "Eight is more pieces, so they have to be smaller." \
  "I think we have got it." \
  "Let us tell the others." \
  "Or we could try one more pair first."
pair_voice g2 en+f1 72 165 0.4 \
  "So one eighth is smaller because eight people share the same bar." \
  "That makes sense to me now." \
  "But what if the bars were different sizes? Then it would not work." \
  "Oh, they are the same size on the board." \
  "Then one quarter wins." \
  "Should we try one fifth and one sixth next?" \
  "One fifth is bigger, I am sure." \
  "Five people share it instead of six." \
  "Six people get smaller pieces."
pair_voice g3 en-gb+f2 90 160 0.9 \
  "Wait, so is one third bigger than one quarter too?" \
  "Yes, because three is less than four." \
  "And one half is the biggest of all of them." \
  "What about one tenth? That would be even smaller." \
  "Ten people sharing one bar, that is a tiny piece." \
  "I like the cake idea better than the bars." \
  "Everyone gets less cake when more friends come." \
  "That is why the bottom number matters." \
  "The top number says how many pieces you take."
pair_voice g4 en-us+f3 88 175 0.2 \
  "Four pieces are bigger than eight pieces if the bars are the same size, right?" \
  "I coloured one quarter and it covers two eighths." \
  "So two eighths and one quarter are the same." \
  "I am going to write that on my whiteboard." \
  "Two eighths equals one quarter." \
  "Now let me check it with the other bar." \
  "Yes, it works there too." \
  "I will show the class my drawing." \
  "My quarters are a bit wobbly though."
pair_voice g5 en+f5 80 160 0.6 \
  "My bar has eight pieces and each one is really thin, so one eighth is small." \
  "Can I borrow your ruler? I want to check mine." \
  "Okay, they are the same length, so I was right." \
  "My partner thinks so too." \
  "We agree that one eighth is smaller." \
  "Do you want to say it or should I?" \
  "You say it, you explained it better." \
  "Fine, but you help me if I get stuck." \
  "Let us practise it once more."
pair_voice g6 en-gb+f3 95 165 1.2 \
  "I drew two bars and coloured one piece of each." \
  "The quarter is bigger, you can see it." \
  "Let's write that down before the teacher asks us." \
  "You explain it first and then I will add something." \
  "Okay, ready when she asks." \
  "I hope she picks us." \
  "Put your hand up when she asks." \
  "Here she comes." \
  "Quick, finish your sentence."
# The class stops talking together when the teacher calls them back: the stretch ends where the
# first student finishes, fading out over half a second.
shortest=$(for g in "$work"/g[1-6].wav; do soxi -D "$g"; done | sort -g | head -n 1)
sox -m "$work"/g[1-6].wav "$work/group$n.wav" trim 0 "$shortest" fade 0 0 0.5 norm -3
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
