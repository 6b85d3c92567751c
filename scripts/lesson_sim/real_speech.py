"""Real recorded human speech for the simulator's `--set real` (no synthesis at all).

Sources, all Debian packages listed in scripts/setup-deps.sh:

- codec2-examples, /usr/share/codec2/raw: sentences read by adult speakers, 8 kHz 16-bit raw
  (telephone band, nothing above 4 kHz) except speech_orig_16k.wav (16 kHz, wideband). cq_ref,
  vk5qi, ve9qrp and g3plx are amateur-radio (HF single-sideband) recordings: band-limited, with
  the receiver's hiss under the speech. Left out: test tones and modem data (sine1k_*,
  test_datac1_006, testframes_700d, 700d_end_over), codec outputs (f2400, m2400, hts1a, hts2a),
  excerpts of other files (hts1, hts2, ve9qrp_10s) and mmt1 (speech over a loud noise bed,
  floor only 28 dB below its peak).
- klettres-data, /usr/share/klettres/<lang>/{alpha,syllab}: native speakers saying single letters
  and syllables (44.1 kHz Vorbis), one speaker per folder as far as pitch tells. Short student
  answers, multi-syllable answers, and voices for group work.
- alsa-utils, /usr/share/sounds/alsa: one woman saying "Front left", "Rear center"...

The `unseen` set (make_cast_unseen) uses only speakers no analyser decision was ever weighed on:

- asterisk-core-sounds-{en,fr,it,ru}-g722 (16 kHz G.722) and asterisk-prompt-{fr-armelle,es-co,
  it-menardi-wav} (8 kHz GSM / PCM), /usr/share/asterisk/sounds: telephone-system prompts, read
  sentences by seven professional speakers (one per folder); the teachers and some adult students.
- ktuberling-data, /usr/share/ktuberling/sounds/<lang>: words and short phrases ("the moustache",
  "a camel") recorded by volunteers, one folder per language: children's and adults' voices; the
  students. A folder may hold more than one person, which is fine for students (the truth only
  says "student").

Every source is resampled to 16 kHz with sox and cached as .npy in the simulator's cache. The
10 ms activity mask of a recording is computed once over the whole recording (frames above the
recording's peak - 38 dB and at least 12 dB over its own noise floor, so a radio recording's hiss
is not talk), then phrases (runs separated by >= 0.3 s of pause) and chunks (words or word
groups, cut at energy dips inside a phrase) are cut on the 10 ms grid with their masks.

Pitch figures below are median F0 of voiced frames (YIN), measured here on each source.
"""

import glob
import hashlib
import os
import subprocess

import numpy as np
from scipy import signal

import voices as V

FS, HOP = V.FS, V.HOP
CODEC2 = "/usr/share/codec2/raw"
KLETTRES = "/usr/share/klettres"
ALSA = "/usr/share/sounds/alsa"

# name: (sex, median F0 Hz, band, [(file, start s, end s)], note). hts.raw holds eight sentences
# in 3 s slots, speech_orig_16k.wav four, from several speakers, and no file says who read which.
# hts.raw's first two pairs are hts1.raw and hts2.raw (one speaker each). Other sentences are
# taken as one speaker only when their median pitch agrees as closely as those known pairs do
# (within 10 %: 91 / 94 Hz, 225 / 234 Hz); the rest (222 / 262 Hz, 132 / 110 Hz) are each their
# own speaker, a student only: a teacher must be one person, or the truth would be wrong.
CODEC2_SPEAKERS = {
    "hts_m1": ("male", 96, "8k", [("hts.raw", 0.0, 6.0)], ""),
    "hts_f1": ("female", 176, "8k", [("hts.raw", 6.0, 12.0)], ""),
    "hts_m2": ("male", 92, "8k", [("hts.raw", 12.0, 18.0)], ""),
    "hts_f2a": ("female", 222, "8k", [("hts.raw", 18.0, 21.0)], ""),
    "hts_f2b": ("female", 262, "8k", [("hts.raw", 21.0, 24.0)], ""),
    "orig16k_ma": ("male", 132, "16k", [("speech_orig_16k.wav", 0.0, 2.55)], ""),
    "orig16k_mb": ("male", 110, "16k", [("speech_orig_16k.wav", 5.6, 7.9)], ""),
    "orig16k_f": ("female", 228, "16k", [("speech_orig_16k.wav", 2.55, 5.6),
                                           ("speech_orig_16k.wav", 7.9, 10.8)], ""),
    "forig": ("female", 180, "8k", [("forig.raw", 0.0, 1.6)], ""),
    "morig": ("male", 112, "8k", [("morig.raw", 0.0, 2.0)], ""),
    "kristoff": ("male", 87, "8k", [("kristoff.raw", 0.0, 5.0)], ""),
    "big_dog": ("male", 81, "8k", [("big_dog.raw", 0.0, 2.5)], ""),
    "cross": ("male", 105, "8k", [("cross.raw", 0.0, 3.0)], ""),
    "cq_ref": ("male", 96, "8k", [("cq_ref.raw", 0.0, 9.0)], "radio"),
    "vk5qi": ("male", 112, "8k", [("vk5qi.raw", 0.0, 13.6)], "radio"),
    "ve9qrp": ("male", 96, "8k", [("ve9qrp.raw", 0.0, 112.5)], "radio"),
    "g3plx": ("male", 130, "8k", [("g3plx.raw", 0.0, 5.75)], "radio"),
}
# Teachers need continuous speech from one speaker: only those with 4 s or more of it.
TEACHERS = ["ve9qrp", "vk5qi", "cq_ref", "hts_m1", "hts_m2", "hts_f1", "orig16k_f"]
TEACHER_WEIGHTS = [0.14, 0.1, 0.08, 0.1, 0.1, 0.24, 0.24]

# KLettres speakers: name: (folders, median F0 Hz of their recordings, measured here). A folder's
# recordings keep within 20 % of its median pitch (one speaker); a language's alpha and syllab
# folders are taken as one speaker when their pitch agrees within 20 %, else as two (de). Left
# out: hu (its recordings sit on a noise floor only 25 dB under the voice). >= 240 Hz: a child or
# a young woman (pitch cannot tell which); 165-240 Hz: a woman's range; below: a man's.
KLETTRES_SPEAKERS = {
    "ar": (["ar/alpha"], 286), "cs": (["cs/alpha", "cs/syllab"], 249),
    "da": (["da/alpha", "da/syllab"], 119), "de_alpha": (["de/alpha"], 224),
    "de_syllab": (["de/syllab"], 116), "en": (["en/alpha", "en/syllab"], 134),
    "en_GB": (["en_GB/alpha", "en_GB/syllab"], 245), "es": (["es/alpha", "es/syllab"], 184),
    "fr": (["fr/alpha", "fr/syllab"], 123), "he": (["he/alpha", "he/syllab"], 168),
    "it": (["it/alpha", "it/syllab"], 220), "lt": (["lt/alpha", "lt/syllab"], 123),
    "ml": (["ml/alpha", "ml/syllab"], 114), "nb": (["nb/alpha"], 258),
    "nds": (["nds/alpha", "nds/syllab"], 104), "nl": (["nl/alpha", "nl/syllab"], 211),
    "pt_BR": (["pt_BR/alpha", "pt_BR/syllab"], 310), "ru": (["ru/alpha", "ru/syllab"], 220),
    "tn": (["tn/alpha", "tn/syllab"], 355), "uk": (["uk/alpha", "uk/syllab"], 236),
}
KLETTRES_MAX_ITEMS = 60  # ml has 521 recordings: a spread-out subset is enough


def _cache_path(cache, path):
    st = os.stat(path)
    h = hashlib.sha1(f"real|{path}|{st.st_size}".encode()).hexdigest()
    return os.path.join(cache, "real_" + h[:20] + ".npy")


def _decode_cmd(path):
    if path.endswith((".g722", ".gsm", ".opus")):  # sox lacks G.722; Debian's sox lacks Opus
        fmt = ["-f", "g722"] if path.endswith(".g722") else []
        return ["ffmpeg", "-v", "error", "-nostdin"] + fmt + ["-i", path, "-ac", "1", "-ar", str(FS),
                                                              "-f", "f32le", "-"]
    if path.endswith(".raw"):  # codec2's raw files: 8 kHz, 16-bit signed little-endian, mono
        src = ["-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1", path]
    else:
        src = [path]
    return ["sox", "-V1"] + src + ["-t", "f32", "-r", str(FS), "-c", "1", "-"]


def load_many(paths, cache, skip_bad=False):
    """Decodes (or reads from the cache) each path as 16 kHz float32 mono; returns a list (with
    skip_bad, files that do not decode are left out instead of raising)."""
    out = [None] * len(paths)
    pending = []
    for i, p in enumerate(paths):
        cp = _cache_path(cache, p)
        if os.path.exists(cp):
            out[i] = np.load(cp)
        else:
            pending.append((i, cp, subprocess.Popen(_decode_cmd(p), stdout=subprocess.PIPE,
                                                    stderr=subprocess.PIPE)))
        if len(pending) >= 8 or (i == len(paths) - 1 and pending):
            for j, cp2, proc in pending:
                data, err = proc.communicate()
                if proc.returncode != 0 and skip_bad:
                    continue
                if proc.returncode != 0:
                    raise RuntimeError(f"could not decode {paths[j]}: {err.decode().strip()}")
                y = np.frombuffer(data, np.float32).copy()
                np.save(cp2 + ".tmp.npy", y)
                os.replace(cp2 + ".tmp.npy", cp2)
                out[j] = y
            pending = []
    return [y for y in out if y is not None]


def frame_db(x):
    n = len(x) // HOP
    fr = x[: n * HOP].reshape(n, HOP).astype(np.float64)
    return 10 * np.log10(np.mean(fr * fr, axis=1) + 1e-12)


def recording_mask(x):
    """10 ms frames where the recorded voice talks: above peak - 38 dB (as the other sets) and
    12 dB above the recording's own floor (its 10th percentile frame), gaps < 0.3 s filled."""
    e = frame_db(x)
    if len(e) == 0:
        return np.zeros(0, bool)
    thr = max(np.max(e) - 38.0, np.percentile(e, 10) + 12.0)
    return V._close_gaps(e > thr, 30, 5)


def _runs(on):
    d = np.diff(np.concatenate(([0], on.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)))


class Piece:
    """A stretch of one recording on the 10 ms grid: samples and their activity mask."""

    def __init__(self, y, m):
        self.y, self.m = y, m

    @property
    def seconds(self):
        return len(self.m) / 100.0


def _fade(y):
    k = min(len(y) // 2, int(0.005 * FS))
    if k > 0:
        r = np.linspace(0.0, 1.0, k, dtype=np.float32)
        y = y.copy()
        y[:k] *= r
        y[-k:] *= r[::-1]
    return y


def phrases_and_chunks(x):
    """Cuts a recording into phrases (split at pauses >= 0.3 s) and chunks (a phrase cut where
    its level falls 18 dB under the phrase's median for >= 20 ms: between words or at stop
    closures; pieces under 0.3 s join their neighbour). Returns (phrases, chunks) as Pieces."""
    m = recording_mask(x)
    e = frame_db(x)
    phrases, chunks = [], []
    for a, b in _runs(m):
        if b - a < 15:
            continue
        phrases.append(Piece(_fade(x[a * HOP: b * HOP].astype(np.float32)), m[a:b].copy()))
        low = e[a:b] < np.median(e[a:b][m[a:b]]) - 18.0
        cuts = [a]
        for s, t in _runs(low):
            if t - s >= 2 and s > 0 and t < b - a:
                c = a + (s + t) // 2
                if c - cuts[-1] >= 30:
                    cuts.append(c)
        if b - cuts[-1] < 30 and len(cuts) > 1:
            cuts.pop()
        cuts.append(b)
        for c0, c1 in zip(cuts[:-1], cuts[1:]):
            cm = m[c0:c1].copy()
            if cm.any():
                chunks.append(Piece(_fade(x[c0 * HOP: c1 * HOP].astype(np.float32)), cm))
    return phrases, chunks


def join(pieces, gaps_s):
    """Concatenates pieces with pauses (seconds, one per joint); returns (samples, mask) with the
    mask's short gaps filled and islands dropped as for every other voice."""
    ys, ms = [], []
    for i, p in enumerate(pieces):
        ys.append(p.y)
        ms.append(p.m)
        if i < len(pieces) - 1:
            g = int(round(gaps_s[i] * 100))
            ys.append(np.zeros(g * HOP, np.float32))
            ms.append(np.zeros(g, bool))
    y = np.concatenate(ys)
    m = V._close_gaps(np.concatenate(ms), 30, 5)
    return y, m


class RealVoice:
    """One real speaker: phrases and chunks of their recordings. make() assembles an utterance
    of a kind (sentence, question, short, word) from them; nothing is synthesised or altered
    except an optional telephone-band low-pass (band="lp", applied to the whole speaker)."""

    def __init__(self, name, source, sex, f0, band, phrases, chunks, items=None):
        self.name, self.source, self.sex, self.f0, self.band = name, source, sex, f0, band
        self.phrases, self.chunks = phrases, chunks
        self.items = items  # KLettres / ALSA: whole recordings (a letter, a syllable, two words)
        self.kind = "real"

    def describe(self):
        return f"real {self.source} {self.name} {self.sex} f0~{self.f0} Hz {self.band}"

    def make(self, rng, kind):
        if self.items is not None:
            return self._make_items(rng, kind)
        ph, ch = self.phrases, self.chunks
        if kind == "word" or (kind == "short" and rng.random() < 0.5):
            n = 1 if kind == "word" else 2
            return join([ch[int(rng.integers(len(ch)))] for _ in range(n)], rng.uniform(0.0, 0.12, n))
        if kind == "short":
            k = int(rng.integers(len(ch)))  # consecutive chunks: a real word group
            return join(ch[k: k + int(rng.integers(2, 4))], rng.uniform(0.0, 0.05, 3))
        if kind == "question":
            return join([ph[int(rng.integers(len(ph)))]], [])
        # sentence: whole recorded sentences, or chunks of them re-ordered, with natural pauses
        parts = []
        for _ in range(int(rng.integers(1, 3))):
            if rng.random() < 0.5:
                parts.append(ph[int(rng.integers(len(ph)))])
            else:
                parts += [ch[int(rng.integers(len(ch)))] for _ in range(int(rng.integers(3, 7)))]
        gaps = [rng.uniform(0.25, 0.6) if rng.random() < 0.3 else rng.uniform(0.0, 0.12)
                for _ in parts]
        return join(parts, gaps)

    def _make_items(self, rng, kind):
        it = self.items
        n = {"word": 1, "short": int(rng.integers(2, 5)), "question": int(rng.integers(3, 7)),
             "sentence": int(rng.integers(4, 10))}[kind]
        gaps = [rng.uniform(0.25, 0.45) if rng.random() < 0.15 else rng.uniform(0.03, 0.2)
                for _ in range(n)]
        return join([it[int(rng.integers(len(it)))] for _ in range(n)], gaps)


def _lowpass(pieces):
    bb, aa = signal.butter(6, 3800 / (FS / 2))
    return [Piece(signal.lfilter(bb, aa, p.y).astype(np.float32), p.m) for p in pieces]


def codec2_voice(name, cache):
    sex, f0, band, parts, note = CODEC2_SPEAKERS[name]
    paths = sorted({os.path.join(CODEC2, f) for f, _, _ in parts})
    decoded = dict(zip(paths, load_many(paths, cache)))
    phrases, chunks = [], []
    for f, t0, t1 in parts:
        x = decoded[os.path.join(CODEC2, f)][int(t0 * FS): int(t1 * FS)]
        p, c = phrases_and_chunks(x)
        phrases += p
        chunks += c
    return RealVoice(name, "codec2", sex, f0, band + (" radio" if note else ""), phrases, chunks)


def _items(paths, cache):
    """Whole short recordings trimmed to their activity; ones without 25 dB between voice and
    floor (noisy, or no silence to tell the floor) are left out."""
    out = []
    for x in load_many(paths, cache):
        e = frame_db(x)
        if len(e) < 5 or np.percentile(e, 10) > np.max(e) - 25.0:
            continue
        y, m = V.trim(x, recording_mask(x))
        if m.any():
            out.append(Piece(_fade(y), m))
    return out


def _klettres_paths(name):
    paths = []
    for folder in KLETTRES_SPEAKERS[name][0]:
        paths += sorted(glob.glob(os.path.join(KLETTRES, folder, "*.ogg")))
    step = max(1, -(-len(paths) // KLETTRES_MAX_ITEMS))
    return paths[::step]


def klettres_speakers():
    """KLettres speakers whose recordings are on this machine, sorted by name."""
    return [k for k in sorted(KLETTRES_SPEAKERS) if _klettres_paths(k)]


def _voice_range(f0):
    """What pitch tells of a voice: >= 240 Hz a child or a young woman, 165-240 Hz a woman's
    range, below a man's."""
    return "high" if f0 >= 240 else ("female" if f0 >= 165 else "male")


def klettres_voice(name, cache, lowpass):
    items = _items(_klettres_paths(name), cache)
    f0 = KLETTRES_SPEAKERS[name][1]
    if lowpass:
        items = _lowpass(items)
    sex = _voice_range(f0)
    return RealVoice(name, "klettres", sex, f0, "lp3.8k" if lowpass else "44k", None, None, items)


def alsa_voice(cache):
    paths = sorted(p for p in glob.glob(os.path.join(ALSA, "*.wav")) if not p.endswith("Noise.wav"))
    return RealVoice("alsa", "alsa-utils", "female", 200, "48k", None, None, _items(paths, cache))


def missing():
    """What --set real needs and this machine lacks (empty when everything is there)."""
    out = []
    if not os.path.exists(os.path.join(CODEC2, "hts.raw")):
        out.append("codec2-examples (/usr/share/codec2/raw)")
    if not klettres_speakers():
        out.append("klettres-data (/usr/share/klettres)")
    if not os.path.exists(os.path.join(ALSA, "Front_Left.wav")):
        out.append("alsa-utils (/usr/share/sounds/alsa)")
    return out


def make_cast(rng, cache):
    """A teacher (codec2) and 8-13 students: 1-3 other codec2 adults, maybe the ALSA woman, the
    rest KLettres speakers (voices >= 240 Hz four times, 165-240 Hz twice as likely as lower
    ones); 40 % of the KLettres students
    low-passed at 3.8 kHz so bandwidth does not tell the teacher from the students.
    Returns (teacher voice, teacher kind, [student voices])."""
    tname = str(rng.choice(TEACHERS, p=np.array(TEACHER_WEIGHTS) / sum(TEACHER_WEIGHTS)))
    teacher = codec2_voice(tname, cache)
    n = int(rng.integers(8, 14))
    others = [k for k in sorted(CODEC2_SPEAKERS) if k != tname]
    n_adult = int(rng.integers(1, 4))
    students = [codec2_voice(str(k), cache) for k in rng.choice(others, size=n_adult, replace=False)]
    if rng.random() < 0.4:
        students.append(alsa_voice(cache))
    names = klettres_speakers()
    f0 = np.array([KLETTRES_SPEAKERS[k][1] for k in names])
    w = np.where(f0 >= 240, 4.0, np.where(f0 >= 165, 2.0, 1.0))
    k = min(len(names), n - len(students))
    for name in rng.choice(names, size=k, replace=False, p=w / w.sum()):
        students.append(klettres_voice(str(name), cache, bool(rng.random() < 0.4)))
    sex = CODEC2_SPEAKERS[tname][0]
    return teacher, f"{sex}-{tname}", students


# The unseen set. Asterisk speakers: name: (sex as the package names it, median F0 Hz measured
# here, band, folder). Only the folder's own files (not its digits/letters subfolders), and no
# tones or silences.
ASTERISK = "/usr/share/asterisk/sounds"
ASTERISK_SPEAKERS = {
    "allison": ("female", 194, "16k", "en_US_f_Allison"),
    "june": ("female", 205, "16k", "fr_CA_f_June"),
    "carlo": ("male", 176, "16k", "it_IT_m_Carlo"),
    "ivrvoice_ru": ("female", 210, "16k", "ru_RU_f_IvrvoiceRU"),
    "menardi": ("female", 181, "8k", "it_IT_f_Menardi"),
    "armelle": ("female", 199, "8k", "fr"),
    "avatar_co": ("female", 232, "8k", "es"),
}
ASTERISK_MAX_FILES = 80  # a spread-out subset of each speaker's ~300 prompts
NOT_SPEECH = ("beep", "tone", "silence", "music", "dial", "ring")

# KTuberling folders: median F0 Hz of their recordings (measured here). Left out: gl, nl and sr,
# whose recordings are cut so tight that no floor can be told under the voice (_items).
KTUBERLING = "/usr/share/ktuberling/sounds"
KTUBERLING_SPEAKERS = {
    "ca": 223, "da": 161, "de": 140, "el": 152, "en": 115, "es": 120, "fi": 401, "fr": 165,
    "ga": 117, "it": 220, "lt": 154, "nds": 101, "nn": 197, "pt": 225, "ro": 240, "ru": 194,
    "sl": 165, "sv": 263, "uk": 230, "wa": 128,
}


def _asterisk_paths(name):
    folder = os.path.join(ASTERISK, ASTERISK_SPEAKERS[name][3])
    paths = sorted(p for p in glob.glob(os.path.join(folder, "*"))
                   if os.path.isfile(p) and p.endswith((".g722", ".gsm", ".wav"))
                   and not any(w in os.path.basename(p) for w in NOT_SPEECH))
    step = max(1, -(-len(paths) // ASTERISK_MAX_FILES))
    return paths[::step]


def asterisk_voice(name, cache):
    sex, f0, band, _ = ASTERISK_SPEAKERS[name]
    phrases, chunks = [], []
    for x in load_many(_asterisk_paths(name), cache, skip_bad=True):  # es/vm-first.gsm is damaged
        p, c = phrases_and_chunks(x)
        phrases += p
        chunks += c
    return RealVoice(name, "asterisk", sex, f0, band, phrases, chunks)


def _ktuberling_paths(name):
    folder = os.path.join(KTUBERLING, name)
    return sorted(p for p in glob.glob(os.path.join(folder, "*"))
                  if p.endswith((".ogg", ".wav", ".opus")))


def ktuberling_voice(name, cache):
    f0 = KTUBERLING_SPEAKERS[name]
    sex = _voice_range(f0)
    return RealVoice(name, "ktuberling", sex, f0, "44k", None, None,
                     _items(_ktuberling_paths(name), cache))


def missing_unseen():
    """What --set unseen needs and this machine lacks (empty when everything is there)."""
    out = [f"the Asterisk voice {k} ({ASTERISK}/{v[3]})" for k, v in ASTERISK_SPEAKERS.items()
           if not _asterisk_paths(k)]
    if not any(_ktuberling_paths(k) for k in KTUBERLING_SPEAKERS):
        out.append(f"ktuberling-data ({KTUBERLING})")
    return out


def make_cast_unseen(rng, cache):
    """A teacher (an Asterisk speaker), 0-2 other Asterisk speakers as adult students, and
    KTuberling students up to 8-13 in all (voices >= 240 Hz twice as likely). Returns
    (teacher voice, teacher kind, [student voices])."""
    names = sorted(ASTERISK_SPEAKERS)
    tname = str(rng.choice(names))
    teacher = asterisk_voice(tname, cache)
    n = int(rng.integers(8, 14))
    others = [k for k in names if k != tname]
    students = [asterisk_voice(str(k), cache)
                for k in rng.choice(others, size=int(rng.integers(0, 3)), replace=False)]
    kt = sorted(k for k in KTUBERLING_SPEAKERS if _ktuberling_paths(k))
    f0 = np.array([KTUBERLING_SPEAKERS[k] for k in kt])
    w = np.where(f0 >= 240, 2.0, 1.0)
    for name in rng.choice(kt, size=min(len(kt), n - len(students)), replace=False, p=w / w.sum()):
        students.append(ktuberling_voice(str(name), cache))
    return teacher, f"{ASTERISK_SPEAKERS[tname][0]}-{tname}", students


def make_meeting_cast(rng, cache):
    """The meeting preset's real cast: a chair and 2-4 others among the codec2 speakers with 4 s
    or more of continuous speech (TEACHERS: men and women, telephone-band, wideband and radio),
    the ALSA woman one time in three as well. Returns ([voices], chair's kind)."""
    w = np.array(TEACHER_WEIGHTS) / sum(TEACHER_WEIGHTS)
    names = [str(k) for k in rng.choice(TEACHERS, size=int(rng.integers(3, 6)), replace=False, p=w)]
    voices = [codec2_voice(k, cache) for k in names]
    if rng.random() < 0.33:
        voices.append(alsa_voice(cache))
    return voices, f"{CODEC2_SPEAKERS[names[0]][0]}-{names[0]}"


def make_meeting_cast_unseen(rng, cache):
    """The meeting preset's unseen cast: 3-5 of the seven Asterisk speakers, the first chairing.
    Returns ([voices], chair's kind)."""
    names = [str(k) for k in rng.choice(sorted(ASTERISK_SPEAKERS), size=int(rng.integers(3, 6)),
                                        replace=False)]
    return [asterisk_voice(k, cache) for k in names], f"{ASTERISK_SPEAKERS[names[0]][0]}-{names[0]}"
