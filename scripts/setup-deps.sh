#!/usr/bin/env bash
# Installs every Debian package that LessonLens needs to build, test and run its demo.
# Idempotent: packages already present are skipped. Works as root or through sudo.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # libraries the program links (see third_party/CMakeLists.txt)
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev
  libsqlite3-dev libimgui-dev libglfw3-dev libgl-dev portaudio19-dev
  nlohmann-json3-dev libcli11-dev libpugixml-dev uuid-dev libpng-dev
  libfftw3-dev libutf8proc-dev
  libgtest-dev libgmock-dev
  # the window's fonts: DejaVu Sans, and Droid Sans Fallback for Chinese, Japanese and Korean
  fonts-dejavu-core fonts-droid-fallback
  # tools the tests, fixtures and demo use
  ffmpeg sqlite3 espeak-ng sox bc time xvfb xauth libgl1-mesa-dri x11-apps libxtst6
  # scripts/fuzz.sh: clang's libFuzzer with its sanitizers (libclang-rt-14-dev is only recommended)
  clang libclang-rt-14-dev
  # HTML reports are checked by rendering them in a headless browser
  chromium
  # the lesson simulator and scorer (scripts/lesson_sim) run on Debian's python3, not a pyenv one
  python3 python3-numpy python3-scipy
  # held-out voices for the simulator: speech synthesised from real speakers' recordings
  flite festival festvox-us-slt-hts festvox-kallpc16k festvox-czech-krb
  # held-out real human speech: codec2's recorded test sentences and KLettres' spoken letters and syllables
  # (alsa-utils: its /usr/share/sounds/alsa voice is one of the real set's students)
  codec2-examples klettres-data alsa-utils
  # the unseen set's real speakers (no analyser decision was weighed on them): telephone-system prompts
  # read by seven professional speakers, and KTuberling's volunteers saying words in many languages
  asterisk-core-sounds-en-g722 asterisk-core-sounds-fr-g722 asterisk-core-sounds-it-g722
  asterisk-core-sounds-ru-g722 asterisk-prompt-fr-armelle asterisk-prompt-es-co asterisk-prompt-it-menardi-wav
  ktuberling-data
  # real sound through PortAudio in the e2e tests: a private PulseAudio server with a null sink, ALSA's
  # pulse plugin as the default device, and parec to record what the app played
  pulseaudio pulseaudio-utils libasound2-plugins
  # the e2e drag-and-drop source (tests/e2e/xdnd_drop) is an Xlib client; libglfw3-dev only recommends it
  libx11-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "setup-deps: these packages are missing and I am not root and have no sudo: ${missing[*]}" >&2
  exit 1
fi

echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
