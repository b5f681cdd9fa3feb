#!/usr/bin/python3
"""Scores heraldd --extract against hand-coded articles, the way issue 9 measures.

    python3 tests/blind/score.py HERALDD DIR [DIR...]      (DIR of NAME.txt + NAME.expected.json)
    python3 tests/blind/score.py HERALDD --seed            (the bundled article against its gold)

An event matches an expected one on (paragraph, sentence, kind), one to one, in order.
Printed per directory: precision, recall, F1; actor right (of matched events: the first
actor's name equals `actor`, or is in `actor_alt`); target right (of matched events whose
expected `target` is set: the first target's name equals it, or is in `target_alt`); time
value right (of matched). Not a gate: it prints figures, and --verbose lists the misses.
"""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
verbose = "--verbose" in sys.argv
args = [a for a in sys.argv[1:] if a != "--verbose"]
HERALDD = args[0]


def extract(path):
    out = subprocess.run([HERALDD, "--extract", path], capture_output=True, text=True, timeout=60)
    return [json.loads(line)["data"] for line in out.stdout.splitlines()]


def names(x):
    if x is None:
        return []
    if isinstance(x, str):
        return [x]
    if isinstance(x, dict):
        return [x["name"]] + x.get("aliases", [])
    return [n for y in x for n in names(y)]


def seed_expected():
    gold = json.load(open(os.path.join(ROOT, "tests", "golden", "putin-mongolia.gold.json")))
    for g in gold:
        yield {"paragraph": g["paragraph"], "sentence": g["sentence"], "kind": g["kind"],
               "actor": names(g["actors"]), "target": names(g.get("target")) or None,
               "when": g["occurred"]["value"], "trigger": g["id"]}


class Tally:
    def __init__(self):
        self.expected = self.predicted = self.matched = 0
        self.actor = self.target = self.target_n = self.time = 0

    def add(self, o):
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(o, k))

    def line(self, label):
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.expected if self.expected else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        m = self.matched or 1
        return (f"{label}: P {p:.2f} R {r:.2f} F1 {f:.2f} ({self.matched}/{self.expected} found, "
                f"{self.predicted - self.matched} extra); actor {self.actor / m:.2f} ({self.actor}); "
                f"target {self.target / (self.target_n or 1):.2f} ({self.target}/{self.target_n}); "
                f"time {self.time / m:.2f} ({self.time})")


def score(name, expected, predicted):
    t = Tally()
    t.expected, t.predicted = len(expected), len(predicted)
    free = list(predicted)
    for e in expected:
        k = (e["paragraph"], e["sentence"], e["kind"])
        p = next((d for d in free if (d["evidence"]["paragraph"], d["evidence"]["sentence"], d["kind"]) == k), None)
        if not p:
            if verbose:
                print(f"  {name} missed p{k[0]}s{k[1]} {k[2]} ({e.get('trigger')})")
            continue
        free.remove(p)
        t.matched += 1
        actors = [a["name"] for a in p.get("actors", [])]
        targets = [a["name"] for a in p.get("targets", [])]
        ok_a = bool(actors) and actors[0] in names(e["actor"]) + names(e.get("actor_alt"))
        t.actor += ok_a
        want_t = names(e.get("target")) + names(e.get("target_alt"))
        ok_t = None
        if e.get("target"):
            t.target_n += 1
            ok_t = bool(targets) and targets[0] in want_t
            t.target += ok_t
        ok_w = p["when"]["value"] == e["when"]
        t.time += ok_w
        if verbose and not (ok_a and ok_t is not False and ok_w):
            print(f"  {name} p{k[0]}s{k[1]} {k[2]}: actor {actors[:1]} want {e['actor']!r}; "
                  f"target {targets[:1]} want {e.get('target')!r}; time {p['when']['value']} want {e['when']}")
    if verbose:
        for d in free:
            print(f"  {name} extra p{d['evidence']['paragraph']}s{d['evidence']['sentence']} {d['kind']}")
    return t


def main():
    if args[1:] == ["--seed"]:
        path = os.path.join(ROOT, "events", "articles", "putin-mongolia.txt")
        print(score("seed", list(seed_expected()), extract(path)).line("seed"))
        return
    total = Tally()
    for d in args[1:]:
        sub = Tally()
        for path in sorted(glob.glob(os.path.join(d, "*.txt"))):
            exp = json.load(open(path[:-4] + ".expected.json"))["events"]
            sub.add(score(os.path.basename(path)[:-4], exp, extract(path)))
        print(sub.line(d))
        total.add(sub)
    if len(args) > 2:
        print(total.line("all"))


main()
