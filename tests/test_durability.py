#!/usr/bin/python3
"""Two promises the README makes, held against real heraldd processes, real
ZeroMQ sockets and real files:

  - the journal is synced before anything in it is published (a failsync shim,
    LD_PRELOADed, makes fdatasync and fsync fail after the first N calls and logs
    what each successful call covered);
  - SIGHUP applies each setting that needs no restart to what is published next.

    test_durability.py HERALDD FAILSYNC_SO

Every wait is bounded by what it needs and fails at once when the daemon exits.
"""
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest

import zmq

HERALDD, FAILSYNC = sys.argv[1], sys.argv[2]
DATA = os.environ["HERALD_DATA_DIR"]
EX_IOERR = 74
START_S = 20     # a daemon up and logging: loading the codebook takes seconds under ASan on a loaded machine
EVENT_S = 5      # an article dropped in the inbox to its first event at a subscriber
HEARTBEAT_MS = 50


def header(frame):
    return struct.unpack(">QQ", frame)


def preload():
    """LD_PRELOAD for the shim. A heraldd linked with the shared ASan runtime
    insists that runtime comes first in the list, so it is put there."""
    ldd = subprocess.run(["ldd", HERALDD], capture_output=True, text=True, check=True).stdout
    asan = [l.split("=>")[1].split()[0] for l in ldd.splitlines() if "libasan.so" in l and "=>" in l]
    return ":".join(asan + [FAILSYNC])


class Daemon:
    """A heraldd process with its endpoints in a private directory."""

    def __init__(self, tmp, *args, name="d", env=None):
        self.events = f"ipc://{tmp}/{name}-events"
        self.replay = f"ipc://{tmp}/{name}-replay"
        self.log_path = os.path.join(tmp, f"{name}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([HERALDD, "--bind", self.events, "--replay-bind", self.replay, *args],
                                     stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})

    def logged(self):
        with open(self.log_path) as f:
            return f.read()

    def wait_log(self, text, count=1, timeout=START_S):
        """Until text is logged count times; fails at once if the daemon exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.logged().count(text) >= count:
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"{text!r} not logged {count} times (exit {self.proc.poll()}); log:\n{self.logged()}")

    def wait_exit_or_log(self, text, timeout=START_S):
        """Until the daemon exits or logs text; returns the exit status or None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None or text in self.logged():
                return self.proc.poll()
            time.sleep(0.02)
        raise AssertionError(f"neither exited nor logged {text!r}; log:\n{self.logged()}")

    def wait_exit(self, timeout=START_S):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running after {timeout} s; log:\n{self.logged()}") from None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-durability-")
        self.ctx = zmq.Context()
        self.daemons, self.sockets = [], []
        self.inbox = self.path("inbox")
        os.mkdir(self.inbox)

    def tearDown(self):
        for d in self.daemons:
            d.kill()
        for s in self.sockets:
            s.close()
        self.ctx.destroy(linger=0)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def daemon(self, *args, name="d", env=None):
        d = Daemon(self.tmp, "--inbox", self.inbox, *args, name=name, env=env)
        self.daemons.append(d)
        return d

    def subscribe(self, d):
        """A SUB on events and heartbeats, proven in place by a heartbeat."""
        s = self.ctx.socket(zmq.SUB)
        self.sockets.append(s)
        s.setsockopt(zmq.LINGER, 0)
        for p in (b"ev.", b"hb"):
            s.setsockopt(zmq.SUBSCRIBE, p)
        s.connect(d.events)
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline and d.proc.poll() is None:
            if s.poll(100) and s.recv_multipart()[0] == b"hb":
                return s
        raise AssertionError(f"no heartbeat: the subscription never came through; log:\n{d.logged()}")

    def drop(self, name, body):
        """Delivers an article to the inbox the safe way: written aside, renamed in."""
        staged = self.path(name + ".staged")
        with open(staged, "w") as f:
            f.write(f"Date: 2024-09-02\n\n{body}\n")
        os.rename(staged, os.path.join(self.inbox, name))

    def events(self, sub, n, gap_s=0.0):
        """The next n events as (topic, sequence, body, heartbeats just before it).
        Each may take EVENT_S plus the gap the test set between events."""
        got, beats = [], 0
        deadline = time.monotonic() + EVENT_S + gap_s  # heartbeats do not put it off
        while len(got) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not sub.poll(int(left * 1000) + 1):
                raise AssertionError(f"{len(got)} of {n} events arrived: {[t for t, *_ in got]}")
            topic, hdr, body = sub.recv_multipart()
            if topic == b"hb":
                beats += 1
                continue
            got.append((topic.decode(), header(hdr)[1], body, beats))
            beats = 0
            deadline = time.monotonic() + EVENT_S + gap_s
        return got

    def replay(self, d, start=0):
        """REPLAY from start: (sequences, END body) or the ERR code."""
        c = self.ctx.socket(zmq.DEALER)
        c.setsockopt(zmq.LINGER, 0)
        c.connect(d.replay)
        c.send_multipart([b"REPLAY", b"r", b"", str(start).encode(), b"0"])
        seqs = []
        try:
            while True:
                if not c.poll(EVENT_S * 1000):
                    raise AssertionError("no answer to REPLAY")
                f = c.recv_multipart()
                if f[0] == b"EVENT":
                    seqs.append(header(f[3])[1])
                elif f[0] == b"END":
                    return seqs, json.loads(f[3])
                else:
                    return f[2].decode(), None
        finally:
            c.close()


class DurabilityTest(Base):
    """fdatasync made to fail: nothing unsynced is ever published."""

    def shim(self, ok=None, delay_ms=0):
        self.synced_log = self.path("synced.log")
        env = {"LD_PRELOAD": preload(), "FAILSYNC_LOG": self.synced_log, "FAILSYNC_DELAY_MS": str(delay_ms)}
        if ok is not None:
            env["FAILSYNC_OK"] = str(ok)
        return env

    def synced(self, path):
        """The largest size of path a successful sync has covered (0: none)."""
        try:
            with open(self.synced_log) as f:
                sizes = [int(l.rsplit(" ", 1)[1]) for l in f if l.rsplit(" ", 1)[0] == os.path.realpath(path)]
        except FileNotFoundError:
            return 0
        return max(sizes, default=0)

    def syncs_at_start(self):
        """How many syncs a daemon makes to start a new journal, counted on one."""
        d = self.daemon("--journal", self.path("count.jsonl"), name="count", env=self.shim())
        d.wait_log("replay on")
        d.kill()
        with open(self.synced_log) as f:
            n = len(f.readlines())
        os.unlink(self.synced_log)
        self.assertGreater(n, 0, "no sync at all for a new journal")
        return n

    def journal_lines(self, journal, text):
        with open(journal) as f:
            return [l for l in f if text in l and l.endswith("\n")]

    def fail_first_event(self, journal):
        """A daemon whose journal is started and then fails the sync of the first
        event (and every sync after it). Returns it, once it has said so, and its
        subscriber."""
        ok = self.syncs_at_start()
        d = self.daemon("--journal", journal, "--heartbeat", str(HEARTBEAT_MS), env=self.shim(ok=ok))
        sub = self.subscribe(d)
        self.drop("a.txt", "Germany condemned the plan. France condemned the plan.")
        d.wait_exit_or_log("cannot write the journal", timeout=EVENT_S)
        return d, sub

    def test_failed_sync_publishes_nothing_and_says_why(self):
        journal = self.path("journal.jsonl")
        d, sub = self.fail_first_event(journal)
        self.assertIn(f"{journal}: cannot write the journal: Input/output error", d.logged())
        # the subscriber, there all along, gets none of the events while the sync
        # keeps failing (heraldd pauses and retries, as for a full disk) ...
        deadline = time.monotonic() + EVENT_S
        while time.monotonic() < deadline and sub.poll(200):  # a running daemon heartbeats on
            self.assertEqual(sub.recv_multipart()[0], b"hb", "published after a failed sync")
        self.assertIsNone(d.proc.poll(), "heraldd stopped instead of pausing: " + d.logged())
        # ... and the journal keeps only what was synced: no restart can serve them
        with open(journal) as f:
            self.assertNotIn('"subject":"a"', f.read())
        self.assertEqual(os.path.getsize(journal), self.synced(journal))
        d.proc.terminate()
        self.assertEqual(d.wait_exit(timeout=EVENT_S), 0, d.logged())

    def test_failed_sync_of_an_article_without_events_pauses_too(self):
        journal = self.path("journal.jsonl")
        d = self.daemon("--journal", journal, env=self.shim(ok=self.syncs_at_start()))
        d.wait_log("watching inbox")
        self.drop("quiet.txt", "Nothing happened.")
        d.wait_exit_or_log("cannot write the journal", timeout=EVENT_S)
        self.assertIn(f"{journal}: cannot write the journal: Input/output error; taking no articles in", d.logged())
        time.sleep(0.3)  # retries fail meanwhile
        self.assertIsNone(d.proc.poll(), "heraldd stopped instead of pausing: " + d.logged())
        self.assertEqual(os.path.getsize(journal), self.synced(journal))  # nothing unsynced is kept
        d.proc.terminate()
        self.assertEqual(d.wait_exit(timeout=EVENT_S), 0, d.logged())

    def test_every_event_received_was_synced_before_it_was_sent(self):
        journal = self.path("journal.jsonl")
        # each sync pauses before it returns: an event sent before its sync is done
        # arrives while the synced size that covers it is not yet logged
        d = self.daemon("--journal", journal, "--heartbeat", str(HEARTBEAT_MS), "--interval", "20",
                        env=self.shim(delay_ms=300))
        sub = self.subscribe(d)
        self.drop("a.txt", "Germany condemned the plan. France condemned the plan. Spain condemned the plan.")
        for _ in range(3):
            _, seq, body, _ = self.events(sub, 1, gap_s=0.3)[0]
            synced = self.synced(journal)  # read the moment the event is here
            with open(journal, "rb") as f:
                at = f.read().find(body + b"\n")
            self.assertGreaterEqual(at, 0, f"event {seq} is not in the journal as sent")
            self.assertLessEqual(at + len(body) + 1, synced, f"event {seq} was sent before it was synced")

    def test_events_read_back_are_synced_before_they_are_served(self):
        journal = self.path("journal.jsonl")
        hang = {**self.shim(ok=self.syncs_at_start()), "FAILSYNC_HANG": "1"}
        d = self.daemon("--journal", journal, env=hang)
        d.wait_log("replay on")
        self.drop("a.txt", "Germany condemned the plan. France condemned the plan.")
        deadline = time.monotonic() + EVENT_S
        while len(self.journal_lines(journal, '"subject":"a"')) < 2:
            self.assertLess(time.monotonic(), deadline, "the events never reached the journal")
            time.sleep(0.01)
        d.kill()  # a crash while they are written and their sync has not returned
        size = os.path.getsize(journal)
        self.assertLess(self.synced(journal), size)
        # a restart must not serve them by replay while the disk still fails
        d2 = self.daemon("--journal", journal, name="d2", env=self.shim(ok=0))
        if d2.wait_exit_or_log("replay on") is None:
            self.fail(f"serves {self.replay(d2)[0]} by replay, never synced; log:\n{d2.logged()}")
        self.assertEqual(d2.wait_exit(), EX_IOERR, d2.logged())
        self.assertIn(f"{journal}: cannot sync: Input/output error", d2.logged())
        # and a restart that can sync them does, before it serves them
        d3 = self.daemon("--journal", journal, name="d3", env=self.shim())
        d3.wait_log("replay on")
        self.assertGreaterEqual(self.synced(journal), size)
        seqs, end = self.replay(d3)
        self.assertEqual(seqs, [1, 2])


class ReloadTest(Base):
    """Each setting a SIGHUP may change, changed, and seen in the next events."""

    def configure(self, **settings):
        with open(self.conf, "w") as f:
            for key, value in settings.items():
                f.write(f"{key.replace('_', '-')} = {value}\n")

    def start(self, **settings):
        self.conf = self.path("heraldd.conf")
        self.configure(**settings)
        d = self.daemon("--config", self.conf)
        return d, self.subscribe(d)

    def reload(self, d, marker="reloaded:", **settings):
        """Rewrites the config file, sends SIGHUP and waits until marker is logged once more."""
        count = d.logged().count(marker)
        self.configure(**settings)
        d.proc.send_signal(signal.SIGHUP)
        d.wait_log(marker, count + 1)

    def test_feed(self):
        d, sub = self.start(feed="first", heartbeat=HEARTBEAT_MS)
        self.drop("a.txt", "Germany condemned the plan.")
        self.assertEqual(json.loads(self.events(sub, 1)[0][2])["source"], "/herald/first")
        self.reload(d, feed="second", heartbeat=HEARTBEAT_MS)
        self.drop("b.txt", "France condemned the plan.")
        self.assertEqual(json.loads(self.events(sub, 1)[0][2])["source"], "/herald/second")

    def test_interval(self):
        three = "{0} condemned the plan. {0} condemned the visit. {0} condemned the talks."
        d, sub = self.start(interval=0, heartbeat=HEARTBEAT_MS)
        self.drop("a.txt", three.format("Germany"))
        # one article's events in one go: no idle time for a heartbeat between them
        self.assertEqual([beats for *_, beats in self.events(sub, 3)][1:], [0, 0])
        self.reload(d, interval=300, heartbeat=HEARTBEAT_MS)
        self.drop("b.txt", three.format("France"))
        # 300 ms apart, with a heartbeat due after 50 ms idle: heartbeats between them
        beats = [beats for *_, beats in self.events(sub, 3, gap_s=0.3)][1:]
        self.assertTrue(all(b >= 1 for b in beats), beats)

    def test_heartbeat(self):
        three = "{0} condemned the plan. {0} condemned the visit. {0} condemned the talks."
        d, sub = self.start(interval=300, heartbeat=HEARTBEAT_MS)
        self.reload(d, interval=300, heartbeat=3000)
        self.drop("a.txt", three.format("Germany"))
        # 300 ms between events, heartbeats only after 3 s idle: none between them
        self.assertEqual([beats for *_, beats in self.events(sub, 3, gap_s=0.3)][1:], [0, 0])
        self.reload(d, interval=300, heartbeat=HEARTBEAT_MS)
        self.drop("b.txt", three.format("France"))
        beats = [beats for *_, beats in self.events(sub, 3, gap_s=0.3)][1:]
        self.assertTrue(all(b >= 1 for b in beats), beats)
        sub.setsockopt(zmq.RCVTIMEO, EVENT_S * 1000)
        topic, _, body = sub.recv_multipart()
        self.assertEqual((topic, json.loads(body)["interval_ms"]), (b"hb", HEARTBEAT_MS))

    def test_retain(self):
        three = "{0} condemned the plan. {0} condemned the visit. {0} condemned the talks."
        d, sub = self.start(retain=100, heartbeat=HEARTBEAT_MS)
        self.drop("a.txt", three.format("Germany"))
        self.events(sub, 3)
        self.assertEqual(self.replay(d)[0], [1, 2, 3])
        self.reload(d, retain=4, heartbeat=HEARTBEAT_MS)
        self.drop("b.txt", three.format("France"))
        self.events(sub, 3)
        self.assertEqual(self.replay(d), ([3, 4, 5, 6], {"count": 4, "oldest": 3, "truncated": False}))
        self.assertEqual(self.replay(d, start=2), ("410", None))
        self.reload(d, retain=10, heartbeat=HEARTBEAT_MS)
        self.drop("c.txt", three.format("Spain"))
        self.events(sub, 3)
        self.assertEqual(self.replay(d)[0], [3, 4, 5, 6, 7, 8, 9])

    def test_log_level(self):
        five = " ".join(f"{{0}} condemned the {what}." for what in ("plan", "visit", "talks", "deal", "vote"))
        d, sub = self.start(log_level="info", interval=200, heartbeat=HEARTBEAT_MS)
        self.reload(d, log_level="debug", interval=200, heartbeat=HEARTBEAT_MS)
        self.drop("a.txt", five.format("Germany"))
        d.wait_log("a.txt: 5 events to publish", timeout=EVENT_S)
        os.close(os.open(os.path.join(self.inbox, "a.txt"), os.O_WRONLY | os.O_APPEND))  # seen again
        d.wait_log("a.txt: already queued", timeout=EVENT_S)  # a debug line, now shown
        self.events(sub, 5, gap_s=0.2)
        d.wait_log("a.txt: published 5 events", timeout=EVENT_S)
        # at warning the info lines go; the reload's own "reloaded:" is one of them
        self.reload(d, marker="reloading", log_level="warning", interval=200, heartbeat=HEARTBEAT_MS)
        self.drop("b.txt", "France condemned the plan.")
        self.events(sub, 1)
        self.reload(d, log_level="info", interval=0, heartbeat=HEARTBEAT_MS)
        self.drop("c.txt", "Spain condemned the plan.")
        self.events(sub, 1)
        d.wait_log("c.txt: published 1 events", timeout=EVENT_S)  # logged in order: b.txt's lines would be above
        self.assertNotIn("b.txt", d.logged())

    def test_codebook(self):
        first, second = self.path("first"), self.path("second")
        shutil.copytree(DATA, first)
        d, sub = self.start(data_dir=first, heartbeat=HEARTBEAT_MS)
        self.drop("a.txt", "Germany scolded France.")
        d.wait_log("a.txt: no events", timeout=EVENT_S)
        shutil.copytree(DATA, second)
        with open(os.path.join(second, "rules.txt"), "a") as f:
            f.write("\n[rule scolding]\ncameo = 111\ntrigger = scolded\nheadline = {actors} scold{s}[ {target}]\n")
        self.reload(d, data_dir=second, heartbeat=HEARTBEAT_MS)  # another data-dir
        self.assertIn(f"reloaded: codebook from {second}", d.logged())
        self.drop("b.txt", "Italy scolded Spain.")
        self.assertEqual(self.events(sub, 1)[0][0], "ev.scolding.b")
        with open(os.path.join(second, "rules.txt"), "a") as f:
            f.write("trigger = rebuked\n")  # the same data-dir, its rules edited
        self.reload(d, data_dir=second, heartbeat=HEARTBEAT_MS)
        self.drop("c.txt", "Spain rebuked Italy.")
        self.assertEqual(self.events(sub, 1)[0][0], "ev.scolding.c")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
