#!/usr/bin/python3
"""Speech sources for the lesson simulator: espeak-ng voices and a formant synthesiser.

Every source returns float32 mono at 16 kHz, trimmed to its voiced extent, plus a 10 ms
activity mask (the ground truth of when that voice is "talking").
"""

import hashlib
import os
import subprocess
import tempfile

import numpy as np
from scipy import signal
from scipy.io import wavfile

FS = 16000
HOP = 160  # 10 ms at 16 kHz: the truth grid

WORDS = (
    "today we will look at plants water light energy food leaf root cell sugar oxygen carbon "
    "numbers fractions half quarter divide multiply answer question story character chapter "
    "river mountain country city map north south history king war peace letter word sentence "
    "paragraph read write draw measure length weight minute hour table chair window paper "
    "pencil group partner idea reason because think explain show example problem solution "
    "animal bird fish insect forest ocean weather rain cloud wind summer winter machine wheel"
).split()
ONE_WORD = ("yes no seven twelve paris oxygen photosynthesis triangle because maybe "
            "the sun water forty two fractions blue london mammals gravity").split()
STARTERS = ["so", "now", "okay", "remember that", "look at", "can you see", "i think",
            "and then", "first", "next", "well", "let us"]
Q_STARTERS = ["what is", "who can tell me", "why do you think", "how many", "where is",
              "which one is", "can anyone explain"]


def sentence(rng, lo=5, hi=14):
    n = int(rng.integers(lo, hi + 1))
    words = [STARTERS[int(rng.integers(len(STARTERS)))]]
    words += [WORDS[int(rng.integers(len(WORDS)))] for _ in range(n)]
    return " ".join(words) + "."


def question(rng):
    n = int(rng.integers(3, 8))
    return Q_STARTERS[int(rng.integers(len(Q_STARTERS)))] + " " + " ".join(
        WORDS[int(rng.integers(len(WORDS)))] for _ in range(n)) + "?"


def one_word(rng):
    return ONE_WORD[int(rng.integers(len(ONE_WORD)))] + "."


def activity_mask(x, floor_db=-38.0, fill_gap_s=0.3, min_island_s=0.05):
    """10 ms frames where the dry voice is on: above (peak - 38 dB), gaps < 0.3 s filled."""
    n = len(x) // HOP
    if n == 0:
        return np.zeros(0, bool)
    fr = x[: n * HOP].reshape(n, HOP)
    e = 10 * np.log10(np.mean(fr * fr, axis=1) + 1e-12)
    on = e > (np.max(e) + floor_db)
    return _close_gaps(on, int(round(fill_gap_s * 100)), int(round(min_island_s * 100)))


def _close_gaps(on, max_gap, min_island):
    on = on.copy()
    idx = np.flatnonzero(on)
    if len(idx) == 0:
        return on
    # fill gaps shorter than max_gap frames
    gaps = np.flatnonzero(np.diff(idx) > 1)
    for g in gaps:
        a, b = idx[g], idx[g + 1]
        if b - a - 1 < max_gap:
            on[a:b] = True
    # drop islands shorter than min_island frames
    d = np.diff(np.concatenate(([0], on.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    for s, e in zip(starts, ends):
        if e - s < min_island:
            on[s:e] = False
    return on


def trim(x, mask):
    """Cut leading/trailing inactive 10 ms frames; returns (samples, mask) aligned to the grid."""
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return x[:HOP], mask[:1]
    a, b = idx[0], idx[-1] + 1
    return x[a * HOP: b * HOP].astype(np.float32), mask[a:b]


def normalise(x, mask):
    """Scale so the active frames have RMS 0.1 (a talker at 1 m, before loudness)."""
    n = len(mask)
    fr = x[: n * HOP].reshape(n, HOP)
    rms = np.sqrt(np.mean(fr[mask] ** 2)) if mask.any() else 1.0
    return (x * (0.1 / max(rms, 1e-9))).astype(np.float32)


class EspeakVoice:
    """An espeak-ng voice: variant, pitch (-p), speed (-s)."""

    def __init__(self, voice, pitch, speed, cache_dir):
        self.voice, self.pitch, self.speed = voice, int(pitch), int(speed)
        self.cache_dir = cache_dir
        self.kind = "espeak"

    def describe(self):
        return f"espeak {self.voice} -p {self.pitch} -s {self.speed}"

    def _key(self, text):
        h = hashlib.sha1(f"{self.voice}|{self.pitch}|{self.speed}|{text}".encode()).hexdigest()
        return os.path.join(self.cache_dir, h[:20] + ".npy")

    def request(self, text):
        """Start synthesis (if not cached); returns a handle for collect()."""
        path = self._key(text)
        if os.path.exists(path):
            return (path, None, None)
        tmp = tempfile.NamedTemporaryFile(suffix=".wav", delete=False, dir=self.cache_dir)
        tmp.close()
        proc = subprocess.Popen(
            ["espeak-ng", "-v", self.voice, "-p", str(self.pitch), "-s", str(self.speed),
             "-w", tmp.name, text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return (path, proc, tmp.name)

    @staticmethod
    def collect(handle):
        path, proc, wav = handle
        if proc is not None:
            proc.wait()
            sr, y = wavfile.read(wav)
            os.unlink(wav)
            y = y.astype(np.float32) / 32768.0
            if y.ndim > 1:
                y = y[:, 0]
            y = signal.resample_poly(y, 320, 441).astype(np.float32) if sr == 22050 else \
                signal.resample_poly(y, FS, sr).astype(np.float32)
            np.save(path + ".tmp.npy", y)
            os.replace(path + ".tmp.npy", path)
            return y
        return np.load(path)


# Vowel formant targets (adult male, Hz), after Peterson & Barney; scaled per speaker.
VOWELS = np.array([
    [730, 1090, 2440], [270, 2290, 3010], [300, 870, 2240], [530, 1840, 2480],
    [570, 840, 2410], [500, 1500, 2500], [660, 1720, 2410], [440, 1020, 2240],
], dtype=float)


class FormantVoice:
    """A source-filter speech synthesiser: glottal pulses with jitter/shimmer and a natural F0
    contour (declination, accents, question rises) through time-varying formant resonators,
    with fricative and stop noise. It shares no code or quirks with espeak."""

    def __init__(self, f0, formant_scale, rate, breathiness, seed):
        self.f0, self.scale, self.rate = float(f0), float(formant_scale), float(rate)
        self.breath = float(breathiness)
        self.seed = int(seed)
        self.kind = "formant"

    def describe(self):
        return f"formant f0={self.f0:.0f} scale={self.scale:.2f} rate={self.rate:.1f}"

    def request(self, text):
        return (self, text)

    @staticmethod
    def collect(handle):
        self, text = handle
        h = int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)
        rng = np.random.default_rng([self.seed, h])
        words = max(1, len(text.split()))
        return self.synth(rng, words, text.endswith("?"))

    def synth(self, rng, words, is_question):
        # syllable plan: ~1.5 syllables per word, phrase breaks every 4-8 words
        segs = []  # (kind, dur_s, vowel_idx, accent)
        w_in_phrase = 0
        phrase_len = int(rng.integers(4, 9))
        for w in range(words):
            for s in range(int(rng.integers(1, 3))):
                c = rng.random()
                if c < 0.3:
                    segs.append(("fric", rng.uniform(0.05, 0.11) / self.rate, 0, 0))
                elif c < 0.55:
                    segs.append(("stop", rng.uniform(0.03, 0.06) / self.rate, 0, 0))
                segs.append(("vowel", rng.uniform(0.09, 0.22) / self.rate,
                             int(rng.integers(len(VOWELS))), 1.0 if (s == 0 and rng.random() < 0.4) else 0.0))
            w_in_phrase += 1
            if w_in_phrase >= phrase_len and w < words - 1:
                segs.append(("pause", rng.uniform(0.12, 0.28), 0, 0))
                w_in_phrase, phrase_len = 0, int(rng.integers(4, 9))
        total = sum(s[1] for s in segs)
        n = int(total * FS) + FS // 10
        # per-sample control tracks, built per segment
        amp = np.zeros(n, np.float32)
        voiced = np.zeros(n, np.float32)
        fric = np.zeros(n, np.float32)
        fric_cf = np.full(n, 4500.0, np.float32)
        ftrack = np.zeros((n, 3), np.float32)
        accent = np.zeros(n, np.float32)
        pos = 0
        prev_v = VOWELS[5]
        for kind, dur, vi, acc in segs:
            m = int(dur * FS)
            sl = slice(pos, pos + m)
            if kind == "vowel":
                tgt = VOWELS[vi]
                k = min(m, int(0.04 * FS))
                tr = np.empty((m, 3))
                tr[:] = tgt
                tr[:k] = prev_v + (tgt - prev_v) * np.linspace(0, 1, k)[:, None]
                ftrack[sl] = tr
                env = np.sin(np.linspace(0, np.pi, m)) ** 0.5
                amp[sl] = env * (1.0 + 0.5 * acc)
                voiced[sl] = 1.0
                accent[sl] = acc * np.sin(np.linspace(0, np.pi, m))
                prev_v = tgt
            elif kind == "fric":
                fric[sl] = np.sin(np.linspace(0, np.pi, m)) * rng.uniform(0.15, 0.4)
                fric_cf[sl] = rng.choice([2500.0, 4500.0, 6000.0])
                ftrack[sl] = prev_v
            elif kind == "stop":
                b = min(m, int(0.015 * FS))
                fric[pos + m - b: pos + m] = rng.uniform(0.3, 0.6)
                ftrack[sl] = prev_v
            else:
                ftrack[sl] = prev_v
            pos += m
        ftrack[pos:] = prev_v
        # F0: declination over the utterance, accents, slow drift, final rise for questions
        t = np.arange(n) / FS
        decl = np.linspace(1.12, 0.85, n)
        drift = 1.0 + 0.03 * np.sin(2 * np.pi * rng.uniform(0.3, 0.8) * t + rng.uniform(0, 6))
        f0 = self.f0 * decl * drift * (1.0 + 0.18 * accent)
        if is_question:
            tail = int(min(n, 0.4 * FS))
            f0[-tail:] *= np.linspace(1.0, 1.35, tail)
        # glottal pulse train with jitter and shimmer
        jitter = 1.0 + 0.01 * signal.lfilter([0.05], [1, -0.95], rng.standard_normal(n))
        phase = np.cumsum(f0 * jitter / FS)
        pulses = np.zeros(n, np.float32)
        idx = np.flatnonzero(np.diff(np.floor(phase)) > 0)
        pulses[idx] = 1.0 + 0.08 * rng.standard_normal(len(idx))
        # glottal spectral tilt (~ -12 dB/oct above ~150 Hz) plus aspiration
        src = signal.lfilter([1.0], [1, -1.9 * 0.97, 0.97 ** 2 * 0.905], pulses)
        src = src / (np.max(np.abs(src)) + 1e-9)
        src = src + self.breath * 0.05 * rng.standard_normal(n)
        src = src * voiced * amp
        # time-varying cascade of formants, filtered in 10 ms blocks with carried state
        sc = self.scale
        y = src.astype(np.float64)
        bws = (80.0, 100.0, 140.0)
        for fi in range(3):
            zi = np.zeros(2)
            out = np.empty(n)
            for b0 in range(0, n, HOP):
                b1 = min(n, b0 + HOP)
                F = float(ftrack[b0, fi]) * sc
                r = np.exp(-np.pi * bws[fi] * sc / FS)
                c = 2 * r * np.cos(2 * np.pi * F / FS)
                a = [1.0, -c, r * r]
                out[b0:b1], zi = signal.lfilter([1 - c + r * r], a, y[b0:b1], zi=zi)
            y = out
        # F4 fixed, gives the upper-band energy
        r = np.exp(-np.pi * 200 / FS)
        c = 2 * r * np.cos(2 * np.pi * 3500 * sc / FS)
        y = signal.lfilter([1 - c + r * r], [1, -c, r * r], y)
        # noise sources: fricatives through a band-pass around their centre frequency
        noise = rng.standard_normal(n)
        fr = np.zeros(n)
        for cf in (2500.0, 4500.0, 6000.0):
            sel = (fric_cf == cf)
            if not np.any(sel & (fric > 0)):
                continue
            lo, hi = cf * 0.7 / (FS / 2), min(0.99, cf * 1.3 / (FS / 2))
            bb, aa = signal.butter(2, [lo, hi], btype="band")
            fr += signal.lfilter(bb, aa, noise) * (fric * sel)
        y = y / (np.sqrt(np.mean(y[voiced > 0] ** 2)) + 1e-9) + 0.6 * fr
        y = signal.lfilter([1, -0.9], [1], y)  # lip radiation
        return y.astype(np.float32)


class RecordedVoice:
    """Speech from a Debian synthesiser built on one real speaker's recordings: flite's
    clustergen voices (slt, rms, awb: statistical models of CMU ARCTIC recordings) and diphone
    voices (kal16), festival's diphone (kal_diphone, czech_krb: a Czech boy) and HTS voices
    (cmu_us_slt_arctic_hts). Closer to human speech than espeak's formant rules: recorded
    excitation and spectra, natural intonation. Used only for the held-out set.

    f0: target mean F0 for flite's clustergen voices (None keeps the speaker's own);
    shift: > 1 raises F0 and formants together (a shorter vocal tract, as a child's) with sox
    `speed`, then `tempo` restores the duration; stretch: slower (> 1) or faster speech."""

    def __init__(self, engine, voice, cache_dir, f0=None, shift=1.0, stretch=1.0):
        self.engine, self.voice = engine, voice
        self.f0 = None if f0 is None else int(f0)
        self.shift, self.stretch = round(float(shift), 3), round(float(stretch), 3)
        self.cache_dir = cache_dir
        self.kind = "recorded"

    def describe(self):
        return f"{self.engine} {self.voice} f0={self.f0} shift={self.shift} stretch={self.stretch}"

    def _key(self, text):
        h = hashlib.sha1(f"rec|{self.describe()}|{text}".encode()).hexdigest()
        return os.path.join(self.cache_dir, h[:20] + ".npy")

    def request(self, text):
        path = self._key(text)
        if os.path.exists(path):
            return (self, path, None, None)
        tmp = tempfile.NamedTemporaryFile(suffix=".wav", delete=False, dir=self.cache_dir)
        tmp.close()
        if self.engine == "flite":
            cmd = ["flite", "-voice", self.voice, "--setf", f"duration_stretch={self.stretch}"]
            if self.f0 is not None:
                cmd += ["--setf", f"int_f0_target_mean={self.f0}"]
            proc = subprocess.Popen(cmd + ["-t", text, "-o", tmp.name], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        else:
            scm = f"(voice_{self.voice})"
            if self.stretch != 1.0:
                scm += f" (Parameter.set 'Duration_Stretch {self.stretch})"
            proc = subprocess.Popen(["text2wave", "-eval", f"(begin {scm})", "-o", tmp.name],
                                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            proc.stdin.write(text.encode())
            proc.stdin.close()
        return (self, path, proc, tmp.name)

    @staticmethod
    def collect(handle):
        self, path, proc, wav = handle
        if proc is None:
            return np.load(path)
        proc.wait()
        if self.shift != 1.0:
            shifted = wav + ".shift.wav"
            subprocess.run(["sox", wav, "-r", str(FS), shifted, "speed", f"{self.shift}",
                            "tempo", "-s", f"{1.0 / self.shift:.4f}", "rate", str(FS)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.replace(shifted, wav)
        sr, y = wavfile.read(wav)
        os.unlink(wav)
        y = y.astype(np.float32) / 32768.0
        if y.ndim > 1:
            y = y[:, 0]
        if sr != FS:
            g = np.gcd(FS, sr)
            y = signal.resample_poly(y, FS // g, sr // g).astype(np.float32)
        np.save(path + ".tmp.npy", y)
        os.replace(path + ".tmp.npy", path)
        return y
