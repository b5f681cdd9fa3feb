#!/usr/bin/python3
"""Replay under hostile peers (issue 10, defect 3): a real heraldd with a large
history read back from its journal, 64 connections that ask for a full replay,
never read a reply and send a small request every second, and one well-behaved
client that must still get its REPLAY served whole, while the daemon's memory
stays bounded (its peak RSS, /proc/PID/status VmHWM).

    test_replay_hostile.py HERALDD
"""
import json
import os
import struct
import subprocess
import sys
import time
import unittest

import zmq

from heraldtest import DaemonTestCase, vm

HERALDD = sys.argv[1]
N_EVENTS = 1000
EVENT_PAD = 8000          # bytes of padding per event: about 8 KB each
N_HOGS = 64
REPLAY_MEMORY = 16 << 20  # --replay-memory for the daemon under test
EPOCH = "00c0ffee00c0ffee"
SHA = "ab" * 32


def event_line(seq):
    return json.dumps({
        "specversion": "1.0", "id": f"big/{seq}", "source": "/herald/news", "type": "herald.statement",
        "subject": "big", "time": "2026-01-01T00:00:00.000Z", "datacontenttype": "application/json",
        "sequence": f"{seq:020d}", "epoch": EPOCH,
        "data": {"kind": "statement", "index": seq, "count": N_EVENTS, "pad": "x" * EVENT_PAD}},
        separators=(",", ":"))


def write_journal(path):
    """A journal of N_EVENTS large events; returns the bytes of their lines."""
    total = 0
    with open(path, "w") as f:
        f.write(json.dumps({"journal": "herald", "version": 1, "epoch": EPOCH}) + "\n")
        f.write(json.dumps({"article": "big", "sha256": SHA, "events": N_EVENTS, "file": "big.txt"}) + "\n")
        for seq in range(1, N_EVENTS + 1):
            line = event_line(seq)
            total += len(line)
            f.write(line + "\n")
    return total


class HostileReplayTest(DaemonTestCase):
    tmp_prefix = "herald-hostile-"

    def start(self, *args):
        journal = os.path.join(self.tmp, "journal.jsonl")
        retained = write_journal(journal)
        inbox = os.path.join(self.tmp, "inbox")
        os.mkdir(inbox)
        self.replay = f"ipc://{self.tmp}/replay"
        self.log_path = os.path.join(self.tmp, "d.log")
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [HERALDD, "--bind", f"ipc://{self.tmp}/events", "--replay-bind", self.replay, "--journal", journal,
                 "--inbox", inbox, "--retain", str(N_EVENTS * 2), "--log-level", "notice", *args],
                stdout=log, stderr=subprocess.STDOUT)
        return retained

    def dealer(self, hog=False):
        s = self.ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        if hog:  # take as little as possible off the connection: the daemon's queue fills
            s.setsockopt(zmq.RCVHWM, 1)
            s.setsockopt(zmq.RCVBUF, 4096)
        s.connect(self.replay)
        return s

    def status(self, sock, timeout_ms=10000):
        sock.send_multipart([b"STATUS", b"s"])
        self.assertTrue(sock.poll(timeout_ms), f"no STATUS answer; log:\n{self.logged()}")
        reply = sock.recv_multipart()
        self.assertEqual(reply[:2], [b"STATUS", b"s"], reply)
        return json.loads(reply[2])

    def replay_whole(self, sock, poke, deadline):
        """REPLAY of everything, asked again after a 429; returns (events, END body)."""
        attempt = 0
        while time.monotonic() < deadline:
            attempt += 1
            req = f"c{attempt}".encode()
            sock.send_multipart([b"REPLAY", req, b"", b"0", b"0"])
            seqs = []
            while time.monotonic() < deadline:
                poke()
                if not sock.poll(200):
                    continue
                f = sock.recv_multipart()
                if f[1] != req:
                    continue
                if f[0] == b"EVENT":
                    seqs.append(struct.unpack(">QQ", f[3])[1])
                elif f[0] == b"END":
                    return seqs, json.loads(f[3])
                elif f[0] == b"ERR" and f[2] == b"429":
                    time.sleep(0.2)
                    break
                else:
                    self.fail(f"unexpected reply {f[:3]}")
        self.fail(f"the client's REPLAY was not served in time; log tail:\n{self.logged()[-2000:]}")

    def test_hogs_do_not_starve_a_reader_nor_grow_memory(self):
        retained = self.start("--replay-stall-timeout", "1000", "--replay-memory", str(REPLAY_MEMORY))
        probe = self.dealer()
        self.assertEqual(self.status(probe)["retained"], N_EVENTS)
        baseline = vm(self.proc.pid, "VmRSS")

        hogs = [self.dealer(hog=True) for _ in range(N_HOGS)]
        for i, h in enumerate(hogs):
            h.send_multipart([b"REPLAY", f"hog{i}".encode(), b"", b"0", b"0"])
        last_poke = [time.monotonic()]

        def poke():  # the hogs' small request, once a second, never reading a reply
            if time.monotonic() - last_poke[0] >= 1.0:
                last_poke[0] = time.monotonic()
                for h in hogs:
                    try:
                        h.send_multipart([b"STATUS", b"h"], zmq.NOBLOCK)
                    except zmq.Again:
                        pass

        settle = time.monotonic() + 2.0  # the hogs' replays start and their queues fill
        while time.monotonic() < settle:
            poke()
            time.sleep(0.05)

        client = self.dealer()
        seqs, end = self.replay_whole(client, poke, time.monotonic() + 60)
        self.assertEqual(seqs, list(range(1, N_EVENTS + 1)))
        self.assertEqual(end["count"], N_EVENTS)
        self.assertIsNone(self.proc.poll(), "heraldd died")

        # The hogs are still there, still asking: the daemon answers a newcomer's STATUS.
        poke()
        self.assertEqual(self.status(self.dealer())["retained"], N_EVENTS)
        peak = vm(self.proc.pid, "VmHWM")
        # Generous: the replay memory limit plus twice the retained data over the
        # baseline; without the limits 64 hogs hold a copy of the history each.
        bound = REPLAY_MEMORY + 2 * retained + (32 << 20)
        print(f"retained {retained >> 20} MiB, RSS {baseline >> 20} MiB before the hogs, peak {peak >> 20} MiB,"
              f" bound {(baseline + bound) >> 20} MiB")
        self.assertLess(peak - baseline, bound, "heraldd's memory grew with the hogs")
        self.assertIn("replay cancelled: no progress", self.logged())
        for h in hogs:
            h.close()

    def test_a_replay_over_the_memory_limit_waits_and_completes(self):
        # One reader, a limit far below its replay: it is paced by the limit, not refused.
        self.start("--replay-memory", str(1 << 20))
        client = self.dealer()
        self.assertEqual(self.status(client)["retained"], N_EVENTS)
        seqs, end = self.replay_whole(client, lambda: None, time.monotonic() + 60)
        self.assertEqual(seqs, list(range(1, N_EVENTS + 1)))
        self.assertEqual(end["count"], N_EVENTS)

    def test_request_limits_at_and_past_their_edges(self):
        self.start("--max-request-size", "100", "--max-requests-per-second", "1", "--replay-batch", "1")
        c = self.dealer()
        self.assertEqual(self.status(c)["retained"], N_EVENTS)
        time.sleep(2.1)  # the bucket refills: 2 tokens (a burst of twice the rate)
        # requests per second: a burst of 2 is answered, the 3rd gets 429
        for i in range(3):
            c.send_multipart([b"STATUS", str(i).encode()])
        replies = []
        for _ in range(3):
            self.assertTrue(c.poll(10000))
            replies.append(c.recv_multipart()[:3])
        self.assertEqual([r[0] for r in replies[:2]], [b"STATUS", b"STATUS"])
        self.assertEqual(replies[2], [b"ERR", b"2", b"429"])
        time.sleep(2.1)
        # request size: a 100-byte frame is read (a replay, batch 1, of what matches it: nothing)
        c.send_multipart([b"REPLAY", b"r100", b"x" * 100, b"0", b"0"])
        self.assertTrue(c.poll(10000))
        f = c.recv_multipart()
        self.assertEqual(f[:2], [b"END", b"r100"])
        self.assertEqual(json.loads(f[3])["count"], 0)
        # a 101-byte frame makes libzmq drop the connection: no answer to it
        c.send_multipart([b"REPLAY", b"r101", b"x" * 101, b"0", b"0"])
        self.assertFalse(c.poll(1000), "a request over max-request-size was answered")
        # replay-batch 1 still replays everything, in order
        seqs, end = self.replay_whole(self.dealer(), lambda: None, time.monotonic() + 60)
        self.assertEqual(seqs, list(range(1, N_EVENTS + 1)))

    def test_limit_settings_are_bounded(self):
        for key, low, high in [("max-request-size", 64, 4096), ("max-requests-per-second", 1, 100000),
                               ("replay-batch", 1, 100000), ("replay-memory", 1 << 20, 1 << 40),
                               ("replay-stall-timeout", 100, 3600000), ("max-events", 1, 100000),
                               ("max-article-size", 1, 1 << 30)]:
            for value, ok in [(low, True), (high, True), (low - 1, False), (high + 1, False)]:
                p = subprocess.run([HERALDD, "--check-config", f"--{key}", str(value)], capture_output=True, text=True)
                self.assertEqual(p.returncode, 0 if ok else 64, (key, value, p.stderr))
                if not ok:
                    self.assertIn(f"--{key}: '{value}' is not a number from {low} to {high}", p.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
