#!/usr/bin/python3
"""Score predicted talk segments against simulator truth.

    score.py --truth DIR/truth.csv --pred pred.json [--collar 0.25] [--json out.json]

pred: JSON {"segments":[{"start":s,"end":s,"label":..}]} or RTTM-like lines
("SPEAKER file 1 start dur <NA> <NA> LABEL ..."), times in seconds, labels
teacher|student|multiple|silence. Uncovered time counts as silence.

Metrics (10 ms frames):
  accuracy   4-class frame accuracy outside a collar of +-0.25 s around every true label change
             (as md-eval -c 0.25)
  share_err  per label, |predicted share - true share| in percentage points, all frames
  vad_acc    speech (any voice) vs silence accuracy outside the collar
"""

import argparse
import json
import sys

import numpy as np

LABELS = ["silence", "teacher", "student", "multiple"]


def read_truth(path):
    rows = open(path).read().split("\n")[1:]
    lab = [r.split(",")[1] for r in rows if r]
    return np.array([LABELS.index(l) for l in lab], np.int8)


def read_pred(path, n):
    out = np.zeros(n, np.int8)
    text = open(path).read()
    try:
        segs = json.loads(text)["segments"]
        items = [(float(s["start"]), float(s["end"]), s["label"]) for s in segs]
    except (ValueError, KeyError):
        items = []
        for line in text.splitlines():
            p = line.split()
            if len(p) >= 8 and p[0] == "SPEAKER":
                items.append((float(p[3]), float(p[3]) + float(p[4]), p[7]))
    for a, b, l in items:
        out[max(0, int(round(a * 100))): min(n, int(round(b * 100)))] = LABELS.index(l.lower())
    return out


def collar_mask(truth, collar_s):
    """True for frames scored (farther than collar from any true boundary)."""
    n = len(truth)
    keep = np.ones(n, bool)
    c = int(round(collar_s * 100))
    for b in np.flatnonzero(np.diff(truth) != 0) + 1:
        keep[max(0, b - c): min(n, b + c)] = False
    return keep


def score(truth, pred, collar_s=0.25):
    keep = collar_mask(truth, collar_s)
    acc = float(np.mean(truth[keep] == pred[keep])) if keep.any() else 1.0
    vad = float(np.mean((truth[keep] > 0) == (pred[keep] > 0))) if keep.any() else 1.0
    res = {"accuracy": acc, "vad_accuracy": vad, "scored_frames": int(keep.sum()),
           "frames": int(len(truth)), "share_true": {}, "share_pred": {}, "share_err_pp": {},
           "confusion": {}}
    for i, l in enumerate(LABELS):
        st, sp = float(np.mean(truth == i)), float(np.mean(pred == i))
        res["share_true"][l], res["share_pred"][l] = st, sp
        res["share_err_pp"][l] = abs(sp - st) * 100
        res["confusion"][l] = {m: int(np.sum(keep & (truth == i) & (pred == j))) for j, m in enumerate(LABELS)}
    res["max_share_err_pp"] = max(res["share_err_pp"].values())
    return res


def unsure_stats(truth, segments, below, collar_s=0.25):
    """How well the segments' confidence points at the errors: the talk (teacher, student,
    multiple) below `below` is what the app hatches as unsure. Returns frame counts outside the
    collar: talk, unsure talk, wrong frames in all, in the talk, and inside the unsure talk."""
    keep = collar_mask(truth, collar_s)
    n = len(truth)
    unsure = np.zeros(n, bool)
    pred = np.zeros(n, np.int8)
    for s in segments:
        a, b = max(0, int(round(s["start"] * 100))), min(n, int(round(s["end"] * 100)))
        pred[a:b] = LABELS.index(s["label"])
        if s["label"] != "silence" and s["confidence"] < below:
            unsure[a:b] = True
    wrong = keep & (pred != truth)
    return {"talk": int(np.sum(keep & (pred > 0))), "unsure": int(np.sum(keep & unsure)),
            "wrong": int(np.sum(wrong)), "wrong_talk": int(np.sum(wrong & (pred > 0))),
            "wrong_unsure": int(np.sum(wrong & unsure))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--collar", type=float, default=0.25)
    ap.add_argument("--json")
    a = ap.parse_args()
    truth = read_truth(a.truth)
    pred = read_pred(a.pred, len(truth))
    r = score(truth, pred, a.collar)
    print(f"accuracy {r['accuracy'] * 100:.1f}%  vad {r['vad_accuracy'] * 100:.1f}%  "
          f"max share err {r['max_share_err_pp']:.1f} pp")
    print(f"{'label':10s} {'true%':>7s} {'pred%':>7s} {'err pp':>7s}   confusion (rows truth) " + " ".join(f"{l[:5]:>6s}" for l in LABELS))
    for l in LABELS:
        print(f"{l:10s} {r['share_true'][l] * 100:7.1f} {r['share_pred'][l] * 100:7.1f} {r['share_err_pp'][l]:7.1f}   "
              + " " * 22 + " ".join(f"{r['confusion'][l][m]:6d}" for m in LABELS))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(r, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
