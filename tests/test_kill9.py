#!/usr/bin/python3
"""heraldd killed with SIGKILL during ingest, again and again, on one journal
(issue 10): at the end every article is published exactly once, in one epoch,
with contiguous sequences, and REPLAY gives back the journal's event lines byte
for byte. Also: a journal missing a line in the middle is read back with a
warning naming the missing sequences, and STATUS counts only what is there.

    test_kill9.py HERALDD

HERALD_KILL9_ROUNDS sets the number of kill rounds (default 5, what make test
runs); e.g. HERALD_KILL9_ROUNDS=100 for a long run.
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import zmq

HERALDD = sys.argv[1]
ROUNDS = int(os.environ.get("HERALD_KILL9_ROUNDS", "5"))
ARTICLES_PER_ROUND = 8
SENTENCES = ["Germany condemned the plan.", "France condemned the plan.", "Kyiv accused Mongolia of shielding him."]


class Daemon:
    def __init__(self, tmp, journal, inbox, n):
        self.replay = f"ipc://{tmp}/replay"
        self.log_path = os.path.join(tmp, f"d{n}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [HERALDD, "--bind", f"ipc://{tmp}/events", "--replay-bind", self.replay, "--journal", journal,
             "--inbox", inbox, "--max-events", "1000", "--interval", "1"], stdout=self.log, stderr=subprocess.STDOUT)

    def logged(self):
        with open(self.log_path) as f:
            return f.read()

    def kill(self, sig=signal.SIGKILL):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        self.proc.wait(10)
        self.log.close()


def size_of(path):
    """The file's size, or -1 while it does not exist (a slow start may not have made it yet)."""
    try:
        return os.path.getsize(path)
    except FileNotFoundError:
        return -1


def journal_lines(path):
    with open(path, "rb") as f:
        return [line for line in f.read().split(b"\n") if line]


class Kill9Test(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-kill9-")
        self.ctx = zmq.Context()
        self.daemon = None

    def tearDown(self):
        if self.daemon:
            self.daemon.kill()
        self.ctx.destroy(linger=0)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def dealer(self, endpoint):
        s = self.ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        s.connect(endpoint)
        return s

    def request(self, sock, frames, timeout_ms=10000):
        sock.send_multipart(frames)
        self.assertTrue(sock.poll(timeout_ms), "no answer from heraldd")
        return sock.recv_multipart()

    def deliver(self, inbox, i, rng):
        """Article i: a random number of event-bearing sentences; returns how many."""
        n = rng.randint(20, 120)
        body = "\n".join(rng.choice(SENTENCES) for _ in range(n))
        tmp = os.path.join(inbox, f".art-{i:04d}.tmp")
        with open(tmp, "w") as f:
            f.write(f"Id: art-{i}\nTitle: Article {i}\nDate: 2024-09-02\n\n{body}\n")
        os.rename(tmp, os.path.join(inbox, f"art-{i:04d}.txt"))  # a rename is the safe way in
        return n

    def test_kill9_during_ingest_loses_and_repeats_nothing(self):
        rng = random.Random(int(os.environ.get("HERALD_KILL9_SEED", "10")))
        journal = os.path.join(self.tmp, "journal.jsonl")
        inbox = os.path.join(self.tmp, "inbox")
        os.mkdir(inbox)
        expected = {}
        kills_mid_ingest = 0
        for r in range(ROUNDS):
            for _ in range(ARTICLES_PER_ROUND):
                i = len(expected)
                expected[f"art-{i}"] = self.deliver(inbox, i, rng)
            self.daemon = Daemon(self.tmp, journal, inbox, r)
            time.sleep(rng.uniform(0.3, 0.9))  # the 300 ms settle, then somewhere in the ingest
            kills_mid_ingest += any(n.endswith(".txt") for n in os.listdir(inbox))
            self.daemon.kill()
            self.assertEqual(self.daemon.proc.returncode, -signal.SIGKILL, self.daemon.logged())

        # the last start finishes the work: every file filed in done/
        self.daemon = Daemon(self.tmp, journal, inbox, "final")
        # bounded by progress, not by a total time: it fails if the journal stops growing for 20 s
        size, stalled_since = -2, time.monotonic()
        while any(n.endswith(".txt") for n in os.listdir(inbox)) and time.monotonic() - stalled_since < 20:
            if size_of(journal) != size:
                size, stalled_since = size_of(journal), time.monotonic()
            time.sleep(0.05)
        self.assertFalse([n for n in os.listdir(inbox) if n.endswith(".txt")], self.daemon.logged())
        self.assertFalse(os.listdir(os.path.join(inbox, "failed")) if os.path.isdir(os.path.join(inbox, "failed"))
                         else [], self.daemon.logged())
        total = sum(expected.values())
        sock = self.dealer(self.daemon.replay)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            status = json.loads(self.request(sock, [b"STATUS", b"s"])[2])
            if status["sequence"] >= total:
                break
            time.sleep(0.05)
        print(f"{ROUNDS} rounds ({kills_mid_ingest} with articles still in the inbox), {len(expected)} articles,"
              f" {total} events")

        lines = journal_lines(journal)
        header = json.loads(lines[0])
        self.assertEqual(header.get("journal"), "herald")
        events = [json.loads(line) for line in lines if line.startswith(b'{"specversion"')]
        event_lines = [line for line in lines if line.startswith(b'{"specversion"')]
        # one epoch, contiguous sequences from 1
        self.assertEqual({e["epoch"] for e in events}, {header["epoch"]})
        self.assertEqual([int(e["sequence"]) for e in events], list(range(1, total + 1)))
        # every article exactly once: each of its events once, all of them
        seen = {}
        for e in events:
            seen.setdefault(e["subject"], []).append(e["data"]["index"])
        self.assertEqual(sorted(seen), sorted(expected))
        for art, n in expected.items():
            self.assertEqual(seen[art], list(range(1, n + 1)), art)
        self.assertEqual(status["sequence"], total)
        self.assertEqual(status["epoch"], header["epoch"])

        # REPLAY gives back the journal's event lines, byte for byte
        sock.send_multipart([b"REPLAY", b"all", b"", b"0", b"0"])
        bodies = []
        while True:
            self.assertTrue(sock.poll(10000), "replay stopped")
            f = sock.recv_multipart()
            if f[0] == b"END":
                break
            self.assertEqual(f[0], b"EVENT", f[:3])
            bodies.append(f[4])
        self.assertEqual(bodies, event_lines)


class JournalHoleTest(unittest.TestCase):
    """A line deleted from the middle of the journal: a warning names the
    journal and the missing range, STATUS counts only the events there, and
    replay skips the hole."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-hole-")
        self.ctx = zmq.Context()

    def tearDown(self):
        self.ctx.destroy(linger=0)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_a_deleted_middle_line_is_reported_and_not_counted(self):
        journal = os.path.join(self.tmp, "journal.jsonl")
        empty = os.path.join(self.tmp, "inbox")
        os.mkdir(empty)
        d = Daemon(self.tmp, journal, empty, 0)
        with open(os.path.join(self.tmp, "a.txt"), "w") as f:
            f.write("Id: a\nDate: 2024-09-02\n\n" + "\n".join(["Germany condemned the plan."] * 10) + "\n")
        os.rename(os.path.join(self.tmp, "a.txt"), os.path.join(empty, "a.txt"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and "published 10 events" not in d.logged():
            time.sleep(0.05)
        d.kill(signal.SIGTERM)
        lines = journal_lines(journal)
        events = [line for line in lines if line.startswith(b'{"specversion"')]
        self.assertEqual(len(events), 10)
        kept = [line for line in lines if line not in (events[3], events[4])]  # sequences 4 and 5
        with open(journal, "wb") as f:
            f.write(b"\n".join(kept) + b"\n")

        d = Daemon(self.tmp, journal, empty, 1)
        try:
            sock = self.ctx.socket(zmq.DEALER)
            sock.setsockopt(zmq.LINGER, 0)
            sock.connect(d.replay)
            sock.send_multipart([b"STATUS", b"s"])
            self.assertTrue(sock.poll(10000), d.logged())
            status = json.loads(sock.recv_multipart()[2])
            self.assertEqual(status["retained"], 8)
            self.assertEqual(status["sequence"], 10)
            self.assertIn(f"{journal}: no line for sequence 4-5 (lost or damaged): replay skips them", d.logged())
            sock.send_multipart([b"REPLAY", b"r", b"", b"0", b"0"])
            got = []
            while True:
                self.assertTrue(sock.poll(10000))
                f = sock.recv_multipart()
                if f[0] == b"END":
                    break
                got.append(f[4])
            self.assertEqual(got, [e for i, e in enumerate(events) if i not in (3, 4)])
        finally:
            d.kill(signal.SIGTERM)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
