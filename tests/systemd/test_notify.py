#!/usr/bin/python3
"""heraldd and systemd without PID 1 (fast): a notify socket in the test plays
systemd's part of the notify protocol (NOTIFY_SOCKET, WATCHDOG_USEC exported to
a real heraldd), systemd-socket-activate passes it named sockets, and the log
takes the shape of where stderr goes.

    test_notify.py HERALDD TEST_SUBSCRIBER
"""
import os
import pty
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import zmq

HERALDD, SUBSCRIBER = sys.argv[1], sys.argv[2]
N_BUNDLED = 18
START_TIMEOUT = 30  # ASan builds start slowly on a busy machine


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Notify:
    """An AF_UNIX datagram socket standing where systemd's notify socket would."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.path = path
        self.got = []  # (monotonic time, line)

    def read(self, timeout):
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096).decode()
        except socket.timeout:
            return False
        now = time.monotonic()
        self.got += [(now, line) for line in data.splitlines()]
        return True

    def wait(self, pred, timeout=START_TIMEOUT, after=0):
        """The first line from index after on that pred accepts; its index."""
        deadline = time.monotonic() + timeout
        i = after
        while True:
            for j in range(i, len(self.got)):
                if pred(self.got[j][1]):
                    return j
            i = len(self.got)
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"not notified; got {[l for _, l in self.got]}")
            self.read(min(left, 0.2))

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.read(max(0.01, deadline - time.monotonic()))

    def close(self):
        self.sock.close()


class NotifyTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-notify-")
        self.notify = Notify(os.path.join(self.tmp, "notify"))
        self.ctx = zmq.Context()
        self.procs = []
        self.events = f"ipc://{self.tmp}/events"
        self.replay = f"ipc://{self.tmp}/replay"

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        self.notify.close()
        self.ctx.destroy(linger=0)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self, *args, watchdog_usec=None, env=None):
        e = dict(os.environ, NOTIFY_SOCKET=self.notify.path, **(env or {}))
        if watchdog_usec:
            e["WATCHDOG_USEC"] = str(watchdog_usec)
        self.log = os.path.join(self.tmp, "log")
        with open(self.log, "w") as log:
            p = subprocess.Popen([HERALDD, "--bind", self.events, "--replay-bind", self.replay, *args],
                                 stdout=subprocess.DEVNULL, stderr=log, env=e)
        self.procs.append(p)
        return p

    def lines(self, prefix):
        return [(t, l) for t, l in self.notify.got if l.startswith(prefix)]

    def status_request(self):
        c = self.ctx.socket(zmq.DEALER)
        c.setsockopt(zmq.LINGER, 0)
        c.setsockopt(zmq.RCVTIMEO, 5000)
        c.connect(self.replay)
        c.send_multipart([b"STATUS", b"s"])
        reply = c.recv_multipart()
        c.close()
        return reply

    def test_ready_once_bound_then_status_counts_articles_events_subscribers(self):
        self.start("--heartbeat", "100")
        self.notify.wait(lambda l: l == "READY=1")
        # READY: both sockets answer already
        self.assertTrue(os.path.exists(self.events[6:]))
        self.assertEqual(self.status_request()[0], b"STATUS")
        sub = self.ctx.socket(zmq.SUB)
        sub.setsockopt(zmq.LINGER, 0)
        sub.connect(self.events)
        self.notify.wait(lambda l: l == f"STATUS=1 articles, {N_BUNDLED} events, 1 subscribers")
        sub.close()
        self.notify.wait(lambda l: l == f"STATUS=1 articles, {N_BUNDLED} events, 0 subscribers")

    def test_no_ready_when_the_codebook_does_not_load(self):
        os.mkdir(os.path.join(self.tmp, "empty"))
        p = self.start("--data-dir", os.path.join(self.tmp, "empty"))
        self.assertEqual(p.wait(START_TIMEOUT), 78)
        self.notify.drain(0.1)
        self.assertEqual(self.lines("READY=1"), [])

    def test_no_ready_when_a_socket_cannot_be_bound(self):
        p = self.start("--replay-bind", "ipc:///nonexistent/dir/replay")
        self.assertEqual(p.wait(START_TIMEOUT), 69)
        self.notify.drain(0.1)
        self.assertEqual(self.lines("READY=1"), [])

    def test_watchdog_every_half_interval_even_when_idle(self):
        # a 60 s heartbeat: only the watchdog's own deadline wakes the idle loop
        self.start("--heartbeat", "60000", watchdog_usec=400000)
        self.notify.wait(lambda l: l == "READY=1")
        self.notify.drain(2.0)
        t0 = self.lines("READY=1")[0][0]
        n = len([t for t, _ in self.lines("WATCHDOG=1") if t0 < t <= t0 + 2.0])
        # every 200 ms: about 10 in two seconds; generous bounds for a loaded machine
        self.assertGreaterEqual(n, 4, self.notify.got)
        self.assertLessEqual(n, 14, self.notify.got)

    def test_no_watchdog_without_watchdog_usec(self):
        self.start("--heartbeat", "100")
        self.notify.wait(lambda l: l == "READY=1")
        self.notify.drain(1.0)
        self.assertEqual(self.lines("WATCHDOG=1"), [])

    def test_sighup_is_reloading_then_ready(self):
        p = self.start()
        first = self.notify.wait(lambda l: l == "READY=1")
        p.send_signal(signal.SIGHUP)
        reloading = self.notify.wait(lambda l: l == "RELOADING=1", after=first + 1)
        self.notify.wait(lambda l: l == "READY=1", after=reloading + 1)
        self.assertIsNone(p.poll())

    def test_sigterm_is_stopping(self):
        p = self.start()
        ready = self.notify.wait(lambda l: l == "READY=1")
        p.send_signal(signal.SIGTERM)
        self.notify.wait(lambda l: l == "STOPPING=1", after=ready + 1)
        self.assertEqual(p.wait(10), 0)


class ActivationTest(unittest.TestCase):
    """systemd-socket-activate listens, and on the first connection execs heraldd
    with the sockets as fds 3 and 4 named by --fdname."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-activate-")
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    @staticmethod
    def read(path):
        with open(path) as f:
            return f.read()

    def activate(self, events_listen, replay_listen, events, replay):
        log = os.path.join(self.tmp, "log")
        # the configured endpoints are left unbound when the sockets are passed
        unused = [f"ipc://{self.tmp}/not-events", f"ipc://{self.tmp}/not-replay"]
        with open(log, "w") as f:
            act = subprocess.Popen(["systemd-socket-activate", "-l", events_listen, "-l", replay_listen,
                                    "--fdname=events:replay", HERALDD, "--bind", unused[0], "--replay-bind", unused[1]],
                                   stdout=subprocess.DEVNULL, stderr=f)
        self.procs.append(act)
        deadline = time.monotonic() + 10
        while "as 4." not in self.read(log):  # both listening
            self.assertLess(time.monotonic(), deadline, self.read(log))
            time.sleep(0.02)
        sub = subprocess.run([SUBSCRIBER, events, replay, "--count", str(N_BUNDLED), "--timeout-ms", "20000"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(sub.returncode, 0, sub.stderr + self.read(log))
        self.assertEqual([l.split()[1] for l in sub.stdout.splitlines()],
                         [f"putin-mongolia/{i}" for i in range(1, N_BUNDLED + 1)])
        text = self.read(log)
        self.assertIn(f"events on {events}, passed by systemd", text)
        self.assertIn(f"replay on {replay}, passed by systemd", text)
        for u in unused:
            self.assertFalse(os.path.exists(u[6:]), u)
        act.send_signal(signal.SIGTERM)  # systemd-socket-activate has exec'd heraldd
        self.assertEqual(act.wait(10), 0)

    def test_tcp_events_and_ipc_replay(self):
        port = free_port()
        path = os.path.join(self.tmp, "replay.sock")
        self.activate(f"127.0.0.1:{port}", path, f"tcp://127.0.0.1:{port}", f"ipc://{path}")

    def test_ipc_events_and_tcp_replay(self):
        port = free_port()
        path = os.path.join(self.tmp, "events.sock")
        self.activate(path, f"127.0.0.1:{port}", f"ipc://{path}", f"tcp://127.0.0.1:{port}")

    def test_every_socket_named_events_is_adopted(self):
        # heraldd.socket with a second ListenStream=: both fds are named "events"
        port, replay_port = free_port(), free_port()
        path = os.path.join(self.tmp, "events.sock")
        p, log = self.spawn("-l", f"127.0.0.1:{port}", "-l", path, "-l", f"127.0.0.1:{replay_port}",
                            "--fdname=events:events:replay", HERALDD, "--bind", f"ipc://{self.tmp}/e",
                            "--replay-bind", f"ipc://{self.tmp}/r")
        for events in (f"ipc://{path}", f"tcp://127.0.0.1:{port}"):
            sub = subprocess.run([SUBSCRIBER, events, f"tcp://127.0.0.1:{replay_port}", "--count", str(N_BUNDLED),
                                  "--timeout-ms", "20000"], capture_output=True, text=True, timeout=60)
            self.assertEqual(sub.returncode, 0, sub.stderr + self.read(log))
            self.assertEqual(len(sub.stdout.splitlines()), N_BUNDLED)
        self.assertIn(f"events on tcp://127.0.0.1:{port}, passed by systemd", self.read(log))
        self.assertIn(f"events on ipc://{path}, passed by systemd", self.read(log))
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(10), 0)

    def spawn(self, *args):
        """systemd-socket-activate with args, waiting until it listens; its log's path."""
        log = os.path.join(self.tmp, "log")
        with open(log, "w") as f:
            p = subprocess.Popen(["systemd-socket-activate", *args], stdout=subprocess.DEVNULL, stderr=f)
        self.procs.append(p)
        deadline = time.monotonic() + 10
        while "as 3." not in self.read(log):
            self.assertLess(time.monotonic(), deadline, self.read(log))
            time.sleep(0.02)
        return p, log

    def test_a_socket_of_another_name_is_closed_and_the_endpoints_bound(self):
        port = free_port()
        events, replay = f"{self.tmp}/events", f"{self.tmp}/replay"
        p, log = self.spawn("-l", f"127.0.0.1:{port}", "--fdname=other", HERALDD, "--bind", f"ipc://{events}",
                            "--replay-bind", f"ipc://{replay}")
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # starts it
        deadline = time.monotonic() + START_TIMEOUT
        while "replay on" not in self.read(log):
            self.assertLess(time.monotonic(), deadline, self.read(log))
            time.sleep(0.02)
        text = self.read(log)
        self.assertIn("fd 3 named 'other' passed by systemd: not 'events' or 'replay', ignoring", text)
        self.assertIn(f"publishing on ipc://{events}", text)
        self.assertTrue(os.path.exists(events) and os.path.exists(replay))
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(10), 0)

    def test_a_datagram_socket_named_events_is_refused(self):
        port = free_port()
        p, log = self.spawn("-d", "-l", f"127.0.0.1:{port}", "--fdname=events", HERALDD, "--bind",
                            f"ipc://{self.tmp}/e", "--replay-bind", f"ipc://{self.tmp}/r")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(b"x", ("127.0.0.1", port))  # starts it
        self.assertEqual(p.wait(START_TIMEOUT), 69)
        self.assertIn("fd 3 named 'events' is not a listening stream socket", self.read(log))


class LogShapeTest(unittest.TestCase):
    def run_heraldd(self, stderr):
        return subprocess.run([HERALDD, "--check-config", "--data-dir", "/nonexistent"], stdout=subprocess.DEVNULL,
                              stderr=stderr, timeout=30)

    def test_file_or_pipe_lines_carry_a_timestamp_and_the_level(self):
        r = subprocess.run([HERALDD, "--check-config", "--data-dir", "/nonexistent"], capture_output=True, text=True,
                           timeout=30)
        self.assertEqual(r.returncode, 78)
        self.assertRegex(r.stderr, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z heraldd err: /nonexistent")

    def test_terminal_lines_are_plain(self):
        master, slave = pty.openpty()
        r = self.run_heraldd(slave)
        os.close(slave)
        out = b""
        try:
            while chunk := os.read(master, 4096):
                out += chunk
        except OSError:  # EIO: the other side is closed
            pass
        os.close(master)
        self.assertEqual(r.returncode, 78)
        self.assertTrue(out.decode().startswith("heraldd: /nonexistent"), out)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
