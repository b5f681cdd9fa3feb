#!/usr/bin/python3
"""How a replay waits at a full pipe (issue 12): heraldd waits for its ROUTER to
be writable (ZMQ_POLLOUT) instead of sleeping on the retry timer alone, since
over ipc a reader drains the pipe faster than the timer. A ROUTER is writable
when any peer's pipe has room, so with a second peer idle and the replaying one
not reading, that wake-up comes at once and sends nothing: heraldd must then go
back to the timer rather than spin. Measured in CPU seconds of heraldd
(/proc/PID/stat), not in wall time: spinning is a core's worth, waiting is
almost nothing.

    test_replay_wait.py HERALDD
"""
import json
import os
import subprocess
import sys
import time
import unittest

import zmq

from heraldtest import DaemonTestCase, wait_for

HERALDD = sys.argv[1]
EVENTS = 3000  # more than the pipe (SNDHWM 1000, the peer's 10) and the socket buffers hold


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ReplayWaitTest(DaemonTestCase):
    tmp_prefix = "herald-replay-wait-"

    def setUp(self):
        super().setUp()
        article = os.path.join(self.tmp, "burst.txt")
        with open(article, "w") as f:
            f.write("Id: burst\nTitle: European capitals condemn the plan\nDate: 2024-09-02\n\n")
            f.write("Germany condemned the plan on Friday.\n" * EVENTS)
        self.replay = f"ipc://{self.tmp}/replay"
        self.log_path = os.path.join(self.tmp, "d.log")
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [HERALDD, "--bind", f"ipc://{self.tmp}/events", "--replay-bind", self.replay,
                 "--replay-stall-timeout", "60000", "--log-level", "notice", article],
                stdout=log, stderr=subprocess.STDOUT)
        self.idle = self.dealer()
        wait_for(f"{EVENTS} events published", lambda: self.sequence() >= EVENTS, timeout=60)

    def dealer(self, rcvhwm=None):
        sock = self.ctx.socket(zmq.DEALER)
        sock.setsockopt(zmq.LINGER, 0)
        if rcvhwm is not None:
            sock.setsockopt(zmq.RCVHWM, rcvhwm)
        sock.connect(self.replay)
        self.addCleanup(sock.close)
        return sock

    def sequence(self):
        self.idle.send_multipart([b"STATUS", b"s"])
        self.assertTrue(self.idle.poll(10000), f"no STATUS answer; log:\n{self.logged()}")
        reply = self.idle.recv_multipart()
        self.assertEqual(reply[:2], [b"STATUS", b"s"], reply)
        return json.loads(reply[2])["sequence"]

    def test_reader_gets_every_event(self):
        """The waits on the socket lose nothing: a reader gets all, in order, then END."""
        sock = self.dealer(rcvhwm=10)
        sock.send_multipart([b"REPLAY", b"r1", b"", b"0", b"0"])
        got = []
        while True:
            self.assertTrue(sock.poll(10000), f"replay stopped after {len(got)}; log:\n{self.logged()}")
            msg = sock.recv_multipart()
            if msg[0] == b"END":
                break
            self.assertEqual(msg[:2], [b"EVENT", b"r1"], msg[:3])
            got.append(int.from_bytes(msg[3][8:16], "big"))
        self.assertEqual(got, list(range(got[0], got[0] + EVENTS)))

    def test_no_spin_when_another_peer_has_room(self):
        stuck = self.dealer(rcvhwm=10)
        stuck.send_multipart([b"REPLAY", b"r1", b"", b"0", b"0"])
        self.assertTrue(stuck.poll(10000), f"no replay; log:\n{self.logged()}")
        time.sleep(0.5)  # its pipe fills: the replay is held at the high-water mark
        before = cpu_seconds(self.proc.pid)
        time.sleep(2)
        used = cpu_seconds(self.proc.pid) - before
        print(f"heraldd used {used:.2f} s of CPU in 2 s with a replay held and a peer idle")
        # spinning on ZMQ_POLLOUT took 1.9 s here; waiting on the 5 ms timer 0.05 s
        self.assertLess(used, 0.5, "heraldd spins while a replay is held at a full pipe")
        self.assertNotIn("replay cancelled", self.logged())


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
