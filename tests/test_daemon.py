#!/usr/bin/python3
"""heraldd as a daemon: real processes, real ZeroMQ sockets (pyzmq, Debian's
python3-zmq), real journal files, endpoints in temporary directories.

    test_daemon.py HERALDD TEST_SUBSCRIBER

The Python side also shows the wire protocol is usable from another language:
it decodes the stream and the replay with nothing but a ZeroMQ binding.
"""
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest

import zmq

HERALDD, SUBSCRIBER = sys.argv[1], sys.argv[2]
DATA = os.environ["HERALD_DATA_DIR"]
BUNDLED = os.path.join(DATA, "articles", "putin-mongolia.txt")
N_BUNDLED = 18
# Deadlines from what a wait needs, so a failing test fails in seconds: a daemon
# starts and publishes the bundled article in about 1 s under ASan on a loaded
# machine (START_S leaves ten times that), and a running daemon sends an event
# or answers within milliseconds (EVENT_S).
START_S = 10
EVENT_S = 5


def header(frame):
    return struct.unpack(">QQ", frame)


def free_port_pair():
    """Two free consecutive TCP ports (events, replay), found by binding them."""
    import socket
    for _ in range(100):
        with socket.socket() as a, socket.socket() as b:
            a.bind(("127.0.0.1", 0))
            port = a.getsockname()[1]
            if port >= 65535:
                continue
            try:
                b.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
            return port
    raise AssertionError("no two consecutive free ports")


class Daemon:
    """A heraldd process with its endpoints in a private directory."""

    def __init__(self, tmp, *args, name="d"):
        self.events = f"ipc://{tmp}/{name}-events"
        self.replay = f"ipc://{tmp}/{name}-replay"
        self.log_path = os.path.join(tmp, f"{name}.log")
        self.args = [HERALDD, "--bind", self.events, "--replay-bind", self.replay, *args]
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(self.args, stdout=self.log, stderr=subprocess.STDOUT)

    def logged(self):
        with open(self.log_path) as f:
            return f.read()

    def wait_log(self, text, timeout=START_S):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.logged():
                return True
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"{text!r} not logged (exit {self.proc.poll()}); log:\n{self.logged()}")

    def wait_published(self, n, article="putin-mongolia.txt", timeout=START_S):
        """Until the article is published; fails at once if that was not n events
        (known the moment it is done) or if the daemon exits."""
        done = re.compile(rf"(?:^|[/ ]){re.escape(article)}: published (\d+) events$", re.M)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = done.search(self.logged())
            if m and int(m[1]) == n:
                return
            if m:
                raise AssertionError(f"{article}: published {m[1]} events, not {n}; log:\n{self.logged()}")
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"{article} not published (exit {self.proc.poll()}); log:\n{self.logged()}")

    def stop(self, sig=signal.SIGTERM, timeout=5):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        finally:
            self.log.close()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Client:
    """A DEALER on the replay socket, speaking the protocol by hand."""

    def __init__(self, ctx, endpoint):
        self.sock = ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.setsockopt(zmq.RCVTIMEO, 5000)
        self.sock.connect(endpoint)

    def request(self, *frames):
        self.sock.send_multipart([f if isinstance(f, bytes) else str(f).encode() for f in frames])

    def status(self):
        self.request("STATUS", "s")
        reply = self.sock.recv_multipart()
        assert reply[:2] == [b"STATUS", b"s"], reply
        return json.loads(reply[2])

    def replay(self, prefix="", start=0, max_=0, req="r"):
        """Returns (events as (topic, epoch, seq, body)), END header, END body."""
        self.request("REPLAY", req, prefix, start, max_)
        events = []
        while True:
            f = self.sock.recv_multipart()
            if f[0] == b"EVENT":
                assert f[1] == req.encode() and len(f) == 5, f
                events.append((f[2].decode(), *header(f[3]), f[4]))
            elif f[0] == b"END":
                assert f[1] == req.encode() and len(f) == 4, f
                return events, header(f[2]), json.loads(f[3])
            else:
                raise AssertionError(f"unexpected reply {f}")


class DaemonTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-daemon-")
        self.ctx = zmq.Context()
        self.daemons = []

    def tearDown(self):
        for d in self.daemons:
            d.kill()
        self.ctx.destroy(linger=0)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def daemon(self, *args, name="d"):
        d = Daemon(self.tmp, *args, name=name)
        self.daemons.append(d)
        return d

    def sub(self, endpoint, *prefixes, hwm=None):
        s = self.ctx.socket(zmq.SUB)
        s.setsockopt(zmq.LINGER, 0)
        if hwm is not None:
            s.setsockopt(zmq.RCVHWM, hwm)
        for p in prefixes or (b"ev.", b"hb"):
            s.setsockopt(zmq.SUBSCRIBE, p)
        s.connect(endpoint)
        return s

    def subscriber(self, d, *args):
        return subprocess.Popen([SUBSCRIBER, d.events, d.replay, *args], stdout=subprocess.PIPE, text=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def journal_events(self, path):
        with open(path) as f:
            # whole lines only: the daemon may be writing the last one right now
            return [json.loads(l) for l in f if l.startswith('{"specversion"') and l.endswith("\n")]

    def wait_subscribed(self, sub, timeout=START_S):
        """Reads until a heartbeat arrives: proof the subscription is in place
        (the daemon should heartbeat often, e.g. --heartbeat 50)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sub.poll(100) and sub.recv_multipart()[0] == b"hb":
                return
        raise AssertionError("no heartbeat: the subscription never came through")

    def next_event(self, sub, timeout=EVENT_S):
        """The next (topic, header, body) that is not a heartbeat; heartbeats do
        not put the deadline off, so a lost event fails in timeout seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not sub.poll(int(left * 1000) + 1):
                raise AssertionError(f"no event within {timeout} s")
            topic, hdr, body = sub.recv_multipart()
            if topic != b"hb":
                return topic, hdr, body

    def wait_exists(self, path, timeout=EVENT_S):
        deadline = time.monotonic() + timeout
        while not os.path.exists(path):
            self.assertLess(time.monotonic(), deadline, f"{path} never appeared")
            time.sleep(0.01)

    def write_article(self, name, body, date="2024-09-02", where=None):
        path = os.path.join(where or self.tmp, name)
        with open(path, "w") as f:
            f.write(f"Date: {date}\n\n{body}\n")
        return path

    # ------------------------------------------------------------------ stream and replay

    def test_subscriber_before_start_gets_every_event_in_order(self):
        d_events = f"ipc://{self.tmp}/d-events"
        early = subprocess.Popen([SUBSCRIBER, d_events, f"ipc://{self.tmp}/d-replay", "--count", str(N_BUNDLED)],
                                 stdout=subprocess.PIPE, text=True)
        time.sleep(0.2)
        self.daemon("--interval", "10")
        out, _ = early.communicate(timeout=START_S + EVENT_S)
        self.assertEqual(early.returncode, 0)
        lines = out.split()
        self.assertEqual([int(s) for s in lines[0::2]], list(range(1, N_BUNDLED + 1)))
        self.assertEqual(lines[1::2], [f"putin-mongolia/{i}" for i in range(1, N_BUNDLED + 1)])

    def test_late_joiner_gets_everything_through_replay(self):
        d = self.daemon()
        d.wait_published(N_BUNDLED)
        late = self.subscriber(d, "--count", str(N_BUNDLED))
        out, _ = late.communicate(timeout=START_S)
        self.assertEqual(late.returncode, 0)
        self.assertEqual([int(s) for s in out.split()[0::2]], list(range(1, N_BUNDLED + 1)))

    def test_python_binding_decodes_stream_and_replay(self):
        inbox = self.path("inbox")
        os.mkdir(inbox)
        d = self.daemon("--interval", "5", "--feed", "wire", "--inbox", inbox, "--heartbeat", "50")
        sub = self.sub(d.events)
        self.wait_subscribed(sub)
        shutil.copy(BUNDLED, os.path.join(inbox, "putin-mongolia.txt"))
        live = []
        deadline = time.monotonic() + START_S  # put off by each event, never by a heartbeat
        while len(live) < N_BUNDLED:
            left = deadline - time.monotonic()
            self.assertTrue(left > 0 and sub.poll(int(left * 1000) + 1), f"{len(live)} of {N_BUNDLED} events came")
            topic, hdr, body = sub.recv_multipart()
            epoch, seq = header(hdr)
            if topic == b"hb":
                self.assertEqual(set(json.loads(body)), {"time", "interval_ms", "replay"})
                continue
            ev = json.loads(body)
            self.assertEqual(topic.decode(), f"ev.{ev['data']['kind']}.{ev['subject']}")
            self.assertEqual((f"{epoch:016x}", f"{seq:020d}"), (ev["epoch"], ev["sequence"]))
            self.assertEqual(ev["source"], "/herald/wire")
            live.append((topic, seq, body))
            deadline = time.monotonic() + EVENT_S
        self.assertEqual([s for _, s, _ in live], list(range(1, N_BUNDLED + 1)))
        d.wait_published(N_BUNDLED, timeout=EVENT_S)  # and no more than that
        events, end, info = Client(self.ctx, d.replay).replay()
        # serialised once: the replay sends the very bytes the stream sent
        self.assertEqual([(t.encode(), s, b) for t, _, s, b in events], live)
        self.assertEqual(end, (epoch, N_BUNDLED))
        self.assertEqual(info, {"count": N_BUNDLED, "oldest": 1, "truncated": False})

    def test_replay_filters_limits_and_refuses_what_is_gone(self):
        d = self.daemon("--retain", "10")
        d.wait_published(N_BUNDLED)
        c = Client(self.ctx, d.replay)
        events, end, info = c.replay(prefix="ev.economic_talks.")
        self.assertEqual([s for _, _, s, _ in events], [16, 17])
        self.assertEqual(end[1], 18)
        events, _, info = c.replay(start=10, max_=3)
        self.assertEqual([s for _, _, s, _ in events], [10, 11, 12])
        self.assertEqual(info, {"count": 3, "oldest": 9, "truncated": True})
        c.request("REPLAY", "old", "", 2, 0)
        self.assertEqual(c.sock.recv_multipart()[:3], [b"ERR", b"old", b"410"])
        status = c.status()
        self.assertEqual((status["sequence"], status["retained"], status["oldest"], status["articles"]),
                         (18, 10, 9, 1))
        self.assertEqual(set(status), {"epoch", "sequence", "retained", "oldest", "articles", "subscribers",
                                       "uptime_s", "version", "replay"})

    def test_live_stream_flows_while_a_large_replay_is_served(self):
        n = 20000
        inbox = self.path("inbox")
        os.mkdir(inbox)
        article = self.write_article("many.txt", "\n".join(["Germany condemned the plan."] * n), where=inbox)
        d = self.daemon("--retain", str(n + 10), "--max-article-size", "4000000", "--max-events", str(n), "--inbox", inbox,
                        "--heartbeat", "50")
        d.wait_published(n, "many.txt", timeout=180)  # minutes under ASan on a loaded machine
        reader = Client(self.ctx, d.replay)
        reader.sock.setsockopt(zmq.RCVHWM, 10)
        reader.request("REPLAY", "big", "", 0, 0)  # and read nothing for now: the replay backs up
        sub = self.sub(d.events, b"ev.", b"hb")
        self.wait_subscribed(sub)
        self.write_article("live.txt", "France condemned the plan.", where=inbox)
        topic, hdr, _ = self.next_event(sub)  # live, while the replay is stuck behind its reader
        self.assertEqual((topic, header(hdr)[1]), (b"ev.criticism.live", n + 1))
        got = 0
        while True:  # nothing was dropped while it waited
            f = reader.sock.recv_multipart()
            if f[0] == b"END":
                self.assertEqual(json.loads(f[3])["count"], n)
                self.assertEqual(header(f[2])[1], n)  # cut at the moment it was asked
                break
            got += 1
        self.assertEqual(got, n)

    def test_status_counts_subscribers(self):
        d = self.daemon()
        d.wait_published(N_BUNDLED)
        subs = [self.sub(d.events) for _ in range(3)]
        c = Client(self.ctx, d.replay)
        deadline = time.monotonic() + 5
        while c.status()["subscribers"] != 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(c.status()["subscribers"], 3)
        subs[0].close()
        while c.status()["subscribers"] != 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(c.status()["subscribers"], 2)

    def test_heartbeat_carries_last_sequence_when_idle(self):
        d = self.daemon("--heartbeat", "100")
        d.wait_published(N_BUNDLED)
        sub = self.sub(d.events, b"hb")
        sub.setsockopt(zmq.RCVTIMEO, 3000)
        topic, hdr, body = sub.recv_multipart()
        self.assertEqual(topic, b"hb")
        self.assertEqual(header(hdr)[1], N_BUNDLED)
        self.assertEqual(json.loads(body)["interval_ms"], 100)

    def test_tcp_endpoints(self):
        # an ephemeral port: the daemon's own bind would fail on a taken one (tested below)
        port = free_port_pair()
        d = self.daemon("--bind", f"tcp://127.0.0.1:{port}", "--replay-bind", f"tcp://127.0.0.1:{port + 1}",
                        name="tcp2")
        d.wait_published(N_BUNDLED)
        c = Client(self.ctx, f"tcp://127.0.0.1:{port + 1}")
        self.assertEqual(c.status()["sequence"], N_BUNDLED)

    def test_bind_failure_is_exit_69(self):
        d = self.daemon()
        d.wait_log("publishing on")
        other = subprocess.run([HERALDD, "--bind", d.events, "--replay-bind", f"ipc://{self.tmp}/other"],
                               capture_output=True, text=True, timeout=10)
        self.assertEqual(other.returncode, 69, other.stderr)
        self.assertIn(f"cannot bind '{d.events}'", other.stderr)

    # ------------------------------------------------------------------ journal

    def test_kill_9_and_restart_loses_nothing_and_reuses_no_sequence(self):
        journal = self.path("journal.jsonl")
        d = self.daemon("--journal", journal, "--interval", "100")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (not os.path.exists(journal) or len(self.journal_events(journal)) < 6):
            time.sleep(0.01)
        d.kill()  # SIGKILL in the middle of the article
        before = self.journal_events(journal)
        self.assertLess(len(before), N_BUNDLED)
        d2 = self.daemon("--journal", journal, name="d2")
        d2.wait_published(N_BUNDLED)
        self.assertIn(f"resuming at event {len(before) + 1} of 18", d2.logged())
        events, end, _ = Client(self.ctx, d2.replay).replay()
        seqs = [s for _, _, s, _ in events]
        self.assertEqual(seqs, list(range(1, len(seqs) + 1)))  # contiguous: none reused, none missing
        bodies = [json.loads(b) for _, _, _, b in events]
        self.assertEqual(sorted(b["data"]["index"] for b in bodies), list(range(1, N_BUNDLED + 1)))
        self.assertEqual({b["epoch"] for b in bodies}, {before[0]["epoch"]})  # same epoch
        self.assertEqual(end[0], int(before[0]["epoch"], 16))
        d2.stop()
        d3 = self.daemon("--journal", journal, "--once", name="d3")
        self.assertEqual(d3.proc.wait(10), 0)
        self.assertIn("already published, skipping", d3.logged())

    def test_torn_journal_line_is_cut_and_reported(self):
        journal = self.path("journal.jsonl")
        d = self.daemon("--journal", journal, "--once")
        self.assertEqual(d.proc.wait(10), 0)
        torn = '{"specversion":"1.0","id":"putin-mon'  # a crash in the middle of a write
        with open(journal, "a") as f:
            f.write(torn)
        size = os.path.getsize(journal)
        d2 = self.daemon("--journal", journal, name="d2")
        d2.wait_log("read back")
        self.assertIn(f"cut off a torn last line ({len(torn)} bytes)", d2.logged())
        self.assertEqual(os.path.getsize(journal), size - len(torn))
        self.assertEqual(Client(self.ctx, d2.replay).status()["sequence"], N_BUNDLED)

    def test_without_journal_each_start_is_a_new_epoch(self):
        epochs = set()
        for name in ("a", "b"):
            d = self.daemon(name=name)
            d.wait_published(N_BUNDLED)
            epochs.add(Client(self.ctx, d.replay).status()["epoch"])
            d.stop()
        self.assertEqual(len(epochs), 2)

    # ------------------------------------------------------------------ robustness

    def test_slow_subscriber_does_not_hold_up_another(self):
        n = 30000
        article = self.write_article("many.txt", "\n".join(["Germany condemned the plan."] * n))
        d = self.daemon("--retain", str(n), "--max-article-size", "4000000", "--max-events", str(n), article)
        slow = self.sub(d.events, hwm=1)  # connected, never reads
        # the fast one waits up to 60 s for each event: coding 30 000 sentences under ASan on a loaded machine took over 20
        fast = subprocess.Popen([SUBSCRIBER, d.events, d.replay, "--count", str(n), "--timeout-ms", "60000"],
                                stdout=subprocess.PIPE, text=True)
        out, _ = fast.communicate(timeout=120)
        self.assertEqual(fast.returncode, 0)
        self.assertEqual([int(s) for s in out.split()[0::2]], list(range(1, n + 1)))
        self.assertEqual(Client(self.ctx, d.replay).status()["sequence"], n)
        slow.close()

    def test_malformed_requests_get_errors_and_the_daemon_keeps_serving(self):
        d = self.daemon()
        d.wait_published(N_BUNDLED)
        c = Client(self.ctx, d.replay)
        bad = [
            ([b"NOPE", b"id"], b"400"),
            ([b"REPLAY", b"id"], b"400"),
            ([b"REPLAY", b"id", b"", b"0"], b"400"),
            ([b"REPLAY", b"id", b"", b"x1", b"0"], b"400"),
            ([b"REPLAY", b"id", b"", b"-x", b"0"], b"400"),
            ([b"REPLAY", b"id", b"", b"-0", b"0"], b"400"),
            ([b"REPLAY", b"id", b"", b"-", b"0"], b"400"),
            ([b"REPLAY", b"id", b"", b"--1", b"0"], b"400"),
            ([b"REPLAY", b"id", b"", b"99999999999999999999999", b"0"], b"400"),
            ([b"REPLAY", b"id", b"", b"0", b"0", b"extra"], b"400"),
            ([b"STATUS"], b"400"),
            ([b"STATUS", b"id", b"extra"], b"400"),
            ([b"\xff\xfe\x00garbage", b"\x00\x01"], b"400"),
            ([b"REPLAY", b"x" * 100, b"", b"0", b"0"], b"400"),
            ([b"REPLAY", b"id", b"p" * 200, b"0", b"0"], b"400"),
        ] + [([b"F"] * 20, b"400")]
        for frames, code in bad:
            c.sock.send_multipart(frames)
            reply = c.sock.recv_multipart()
            self.assertEqual((reply[0], reply[2]), (b"ERR", code), f"{frames[:3]} -> {reply}")
        # a frame over the request size limit: libzmq drops that connection unanswered
        big = Client(self.ctx, d.replay)
        big.sock.send_multipart([b"REPLAY", b"big", b"x" * (1 << 20), b"0", b"0"])
        self.assertEqual(big.sock.poll(1000), 0)
        # a REQ socket works too (its empty delimiter is understood)
        req = self.ctx.socket(zmq.REQ)
        req.setsockopt(zmq.RCVTIMEO, 5000)
        req.connect(d.replay)
        req.send_multipart([b"STATUS", b"q"])
        self.assertEqual(req.recv_multipart()[:2], [b"STATUS", b"q"])
        req.close(linger=0)
        self.assertEqual(Client(self.ctx, d.replay).status()["sequence"], N_BUNDLED)
        self.assertIsNone(d.proc.poll())

    def test_request_flood_gets_429(self):
        d = self.daemon()
        d.wait_published(N_BUNDLED)
        c = Client(self.ctx, d.replay)
        for i in range(100):
            c.request("STATUS", i)
        codes = [c.sock.recv_multipart()[0] for _ in range(100)]
        self.assertIn(b"ERR", codes)
        self.assertGreaterEqual(codes.count(b"STATUS"), 20)

    # ------------------------------------------------------------------ inbox

    def test_inbox_publishes_dropped_files_and_files_bad_ones_away(self):
        inbox = self.path("inbox")
        os.mkdir(inbox)
        d = self.daemon("--inbox", inbox, "--date", "2024-09-02")
        d.wait_log("watching inbox")
        sub = self.sub(d.events, b"ev.")
        sub.setsockopt(zmq.RCVTIMEO, 5000)
        time.sleep(0.5)  # the subscription reaches the publisher
        staged = self.write_article("visit.txt", "Vladimir Putin arrived in Mongolia on Monday evening.")
        start = time.monotonic()
        os.rename(staged, os.path.join(inbox, "visit.txt"))  # the safe way to deliver
        topic, _, _ = sub.recv_multipart()
        latency = time.monotonic() - start
        print(f"inbox drop to first event at a subscriber: {latency * 1000:.1f} ms")
        self.assertEqual(topic, b"ev.arrival.visit")
        d.wait_published(1, "visit.txt")
        self.wait_exists(os.path.join(inbox, "done", "visit.txt"))  # filed away just after the log line
        with open(os.path.join(inbox, "binary.txt"), "wb") as f:
            f.write(b"\x7fELF\x00\x01\x02")
        with open(os.path.join(inbox, "after.txt"), "w") as f:
            f.write("Date: 2024-09-02\n\nGermany condemned the visit.\n")
        topic, _, _ = sub.recv_multipart()
        self.assertEqual(topic, b"ev.criticism.after")
        d.wait_published(1, "after.txt")
        self.assertTrue(os.path.exists(os.path.join(inbox, "failed", "binary.txt")))
        self.assertIn("binary.txt:1: contains a NUL byte", d.logged())
        # the same content again is not published twice
        with open(os.path.join(inbox, "done", "visit.txt")) as src, open(os.path.join(inbox, "again.txt"), "w") as f:
            f.write(src.read())
        d.wait_log("again.txt: already published, skipping")

    def test_inbox_file_seen_again_while_publishing_is_not_filed_early(self):
        inbox = self.path("inbox")
        os.mkdir(inbox)
        d = self.daemon("--inbox", inbox, "--interval", "300")  # 3 s of publishing: room for the touches
        d.wait_log("watching inbox")
        staged = self.write_article("slow.txt", " ".join(["Germany condemned the plan."] * 10))
        os.rename(staged, os.path.join(inbox, "slow.txt"))
        d.wait_log("slow.txt: 10 events to publish")
        time.sleep(0.3)
        os.utime(os.path.join(inbox, "slow.txt"))
        with open(os.path.join(inbox, "slow.txt"), "a"):
            pass  # closed after writing: inotify says IN_CLOSE_WRITE again
        time.sleep(0.3)
        self.assertTrue(os.path.exists(os.path.join(inbox, "slow.txt")))  # still being published
        d.wait_published(10, "slow.txt")
        self.wait_exists(os.path.join(inbox, "done", "slow.txt"))
        self.assertNotIn("cannot move", d.logged())

    def test_damaged_journal_line_leaves_a_hole_not_a_shift(self):
        journal = self.path("journal.jsonl")
        d = self.daemon("--journal", journal, "--once")
        self.assertEqual(d.proc.wait(10), 0)
        with open(journal) as f:
            lines = f.readlines()
        fifth = next(i for i, l in enumerate(lines) if '"sequence":"00000000000000000005"' in l)
        lines[fifth] = "#" * (len(lines[fifth]) - 1) + "\n"
        with open(journal, "w") as f:
            f.writelines(lines)
        d2 = self.daemon("--journal", journal, name="d2")
        d2.wait_log("read back")
        self.assertIn("1 damaged lines skipped", d2.logged())
        c = Client(self.ctx, d2.replay)
        events, end, info = c.replay(start=4)
        self.assertEqual([s for _, _, s, _ in events], [4] + list(range(6, N_BUNDLED + 1)))
        self.assertEqual(end[1], N_BUNDLED)
        self.assertIn("already published, skipping", d2.logged())  # not resumed, not published again
        self.assertEqual(c.status()["sequence"], N_BUNDLED)

    def test_inbox_files_present_at_start(self):
        inbox = self.path("inbox")
        os.mkdir(inbox)
        self.write_article("a.txt", "France condemned the plan.", where=inbox)
        self.write_article(".hidden.txt", "Spain condemned the plan.", where=inbox)
        d = self.daemon("--inbox", inbox, "--once")
        self.assertEqual(d.proc.wait(10), 0)
        self.assertTrue(os.path.exists(os.path.join(inbox, "done", "a.txt")))
        self.assertTrue(os.path.exists(os.path.join(inbox, ".hidden.txt")))  # still being written

    # ------------------------------------------------------------------ config, signals

    def test_config_file_and_argv_layers(self):
        conf = self.path("heraldd.conf")
        with open(conf, "w") as f:
            f.write(f"# test\nfeed = fromfile\nheartbeat = 200\nbind = ipc://{self.tmp}/nowhere\n")
        d = self.daemon("--config", conf)  # argv --bind replaces the file's bind
        d.wait_published(N_BUNDLED)
        events, _, _ = Client(self.ctx, d.replay).replay(max_=1)
        self.assertEqual(json.loads(events[0][3])["source"], "/herald/fromfile")
        with open(conf, "a") as f:
            f.write("retain = many\n")
        bad = subprocess.run([HERALDD, "--config", conf, "--check-config"], capture_output=True, text=True)
        self.assertEqual(bad.returncode, 78)
        self.assertIn(f"{conf}:5:1: retain: 'many' is not a number", bad.stderr)
        usage = subprocess.run([HERALDD, "--retain", "-3", "--check-config"], capture_output=True, text=True)
        self.assertEqual(usage.returncode, 64)
        self.assertIn("--retain: '-3' is not a number", usage.stderr)

    def test_sighup_reloads_or_keeps_the_old_codebook(self):
        data = self.path("data")
        shutil.copytree(DATA, data)
        d = self.daemon("--data-dir", data)
        d.wait_published(N_BUNDLED)
        with open(os.path.join(data, "rules.txt"), "a") as f:
            f.write("\n[rule broken]\ncameo = 04x\n")
        d.proc.send_signal(signal.SIGHUP)
        d.wait_log("reload failed, keeping the running configuration and codebook")
        self.assertIn("rules.txt:", d.logged())
        shutil.copy(os.path.join(DATA, "rules.txt"), os.path.join(data, "rules.txt"))
        d.proc.send_signal(signal.SIGHUP)
        d.wait_log("reloaded: codebook from")
        self.assertEqual(Client(self.ctx, d.replay).status()["sequence"], N_BUNDLED)

    def test_sigterm_and_sigint_exit_0_promptly(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            d = self.daemon(name=f"sig{int(sig)}")
            d.wait_log("publishing on")
            sub = self.sub(d.events)  # a connected peer must not hold up the exit
            start = time.monotonic()
            self.assertEqual(d.stop(sig), 0)
            print(f"{signal.Signals(sig).name}: exited in {(time.monotonic() - start) * 1000:.0f} ms")
            sub.close()

    # ------------------------------------------------------------------ issue 11: daemon side

    def test_heartbeat_and_status_name_the_replay_endpoint(self):
        port = free_port_pair()
        # a wildcard host is passed on as the wildcard address: the subscriber puts
        # in the host it connected to
        d = self.daemon("--bind", f"tcp://127.0.0.1:{port}", "--replay-bind", f"tcp://*:{port + 1}",
                        "--heartbeat", "50", name="tcpwild")
        sub = self.sub(f"tcp://127.0.0.1:{port}", b"hb")
        self.wait_subscribed(sub)
        topic, _, body = sub.recv_multipart()
        self.assertEqual(json.loads(body)["replay"], f"tcp://0.0.0.0:{port + 1}")
        self.assertEqual(Client(self.ctx, f"tcp://127.0.0.1:{port + 1}").status()["replay"],
                         f"tcp://0.0.0.0:{port + 1}")
        # ipc:// as given; and what the heartbeat says is where replay answers
        d2 = self.daemon("--heartbeat", "50", name="ipc")
        sub2 = self.sub(d2.events, b"hb")
        self.wait_subscribed(sub2)
        said = json.loads(sub2.recv_multipart()[2])["replay"]
        self.assertEqual(said, d2.replay)
        self.assertEqual(Client(self.ctx, said).status()["replay"], d2.replay)

    def test_replay_last_n_matching_a_prefix(self):
        d = self.daemon("--retain", "10")  # keeps 9 to 18
        d.wait_log("published 18 events")
        c = Client(self.ctx, d.replay)
        seqs = lambda events: [s for _, _, s, _ in events]
        every, _, _ = c.replay(start=0)
        kinds = {s: t for t, _, s, _ in every}
        talks = [s for s, t in kinds.items() if t.startswith("ev.economic_talks.")]
        self.assertEqual(talks, [16, 17])  # the bundled article's two talks events
        events, end, info = c.replay(prefix="ev.economic_talks.", start="-1")
        self.assertEqual(seqs(events), [17])
        self.assertEqual((end[1], info), (18, {"count": 1, "oldest": 9, "truncated": False}))
        events, _, _ = c.replay(prefix="ev.economic_talks.", start="-2")
        self.assertEqual(seqs(events), [16, 17])  # not the last two of the stream (17, 18)
        events, _, _ = c.replay(prefix="ev.economic_talks.", start="-5")
        self.assertEqual(seqs(events), [16, 17])  # fewer than N kept: all of them
        events, _, _ = c.replay(start="-3")
        self.assertEqual(seqs(events), [16, 17, 18])
        events, _, info = c.replay(start="-3", max_=2)
        self.assertEqual((seqs(events), info["truncated"]), ([16, 17], True))
        events, _, _ = c.replay(start="-50")
        self.assertEqual(seqs(events), list(range(9, 19)))  # past the window: from the oldest kept, no 410
        events, _, info = c.replay(prefix="ev.nothing.", start="-3")
        self.assertEqual((events, info["count"]), ([], 0))
        events, _, _ = c.replay(start=17)  # a plain from-sequence keeps its meaning
        self.assertEqual(seqs(events), [17, 18])

    def test_same_article_id_with_other_content_gets_other_event_ids(self):
        import hashlib
        inbox = self.path("inbox")
        os.mkdir(inbox)
        journal = self.path("journal.jsonl")
        first = "Id: test-visit\nDate: 2024-09-02\n\nVladimir Putin arrived in Mongolia on Monday.\n"
        edited = "Id: test-visit\nDate: 2024-09-02\n\nVladimir Putin arrived in Mongolia on Monday evening.\n"
        third = "Id: test-visit\nDate: 2024-09-02\n\nVladimir Putin arrived in Mongolia on Tuesday.\n"
        sha8 = lambda text: hashlib.sha256(text.encode()).hexdigest()[:8]

        def deliver(d, name, text, expect):
            staged = os.path.join(self.tmp, name)
            with open(staged, "w") as f:
                f.write(text)
            os.rename(staged, os.path.join(inbox, name))
            d.wait_log(f"{name}: {expect}")

        def ids(d):
            events, _, _ = Client(self.ctx, d.replay).replay()
            return [json.loads(b)["id"] for _, _, _, b in events], {json.loads(b)["source"] for _, _, _, b in events}

        d = self.daemon("--inbox", inbox, "--journal", journal)
        d.wait_log("watching inbox")
        deliver(d, "v1.txt", first, "published 1 events")
        deliver(d, "v2.txt", edited, "published 1 events")
        deliver(d, "v1-again.txt", first, "already published, skipping")  # same content: deduplicated
        got, sources = ids(d)
        self.assertEqual(got, ["test-visit/1", f"test-visit~{sha8(edited)}/1"])
        self.assertEqual(len(sources), 1)
        d.stop()
        # the journal remembers which content came first under the id
        d2 = self.daemon("--inbox", inbox, "--journal", journal, name="d2")
        d2.wait_log("watching inbox")
        deliver(d2, "v2-again.txt", edited, "already published, skipping")
        deliver(d2, "v3.txt", third, "published 1 events")
        got, _ = ids(d2)
        self.assertEqual(got, ["test-visit/1", f"test-visit~{sha8(edited)}/1", f"test-visit~{sha8(third)}/1"])

    def test_debug_log_names_requests_and_subscribers(self):
        d = self.daemon("--log-level", "debug", "--heartbeat", "50")
        d.wait_log("published 18 events")
        c = self.ctx.socket(zmq.DEALER)
        c.setsockopt(zmq.LINGER, 0)
        c.setsockopt(zmq.RCVTIMEO, 5000)
        c.setsockopt(zmq.ROUTING_ID, b"\x01\xabpy")
        c.connect(d.replay)
        c.send_multipart([b"REPLAY", b"r1", b"ev.arrival.", b"-2", b"5"])
        while c.recv_multipart()[0] != b"END":
            pass
        d.wait_log("REPLAY from peer 01ab7079: prefix 'ev.arrival.', from -2, max 5")
        c.send_multipart([b"STATUS", b"s1"])
        c.recv_multipart()
        d.wait_log("STATUS from peer 01ab7079")
        sub = self.sub(d.events)
        self.wait_subscribed(sub)
        d.wait_log(f"subscriber joined on {d.events} from pid {os.getpid()} (1 connected)")
        sub.close()
        d.wait_log(f"subscriber left {d.events} from pid {os.getpid()} (0 connected)")
        c.close()
        port = free_port_pair()  # over TCP the peer's address and port
        t = self.daemon("--log-level", "debug", "--heartbeat", "50", "--bind", f"tcp://127.0.0.1:{port}",
                        "--replay-bind", f"tcp://127.0.0.1:{port + 1}", name="tcpdebug")
        tsub = self.sub(f"tcp://127.0.0.1:{port}")
        self.wait_subscribed(tsub)
        t.wait_log(f"subscriber joined on tcp://127.0.0.1:{port} from 127.0.0.1:")
        tsub.close()
        t.wait_log(f"subscriber left tcp://127.0.0.1:{port} from 127.0.0.1:")
        quiet = self.daemon("--heartbeat", "50", name="quiet")  # info: none of it
        quiet.wait_log("published 18 events")
        Client(self.ctx, quiet.replay).status()
        sub = self.sub(quiet.events)
        self.wait_subscribed(sub)
        sub.close()
        Client(self.ctx, quiet.replay).status()
        self.assertNotIn("STATUS from peer", quiet.logged())
        self.assertNotIn("subscriber joined", quiet.logged())


class FakeDaemonTest(unittest.TestCase):
    """libherald against a scripted daemon, for orders of events real timing rarely gives."""

    def test_a_condition_never_overtakes_events_received_before_it(self):
        tmp = tempfile.mkdtemp(prefix="herald-fake-")
        ctx = zmq.Context()
        pub, router = ctx.socket(zmq.PUB), ctx.socket(zmq.ROUTER)
        pub.bind(f"ipc://{tmp}/events")
        router.bind(f"ipc://{tmp}/replay")
        sub = subprocess.Popen([SUBSCRIBER, f"ipc://{tmp}/events", f"ipc://{tmp}/replay", "--timeout-ms", "5000"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        epoch = 0x1234

        def frame(seq):
            return struct.pack(">QQ", epoch, seq)

        def body(seq):
            return json.dumps({"id": f"fake/{seq}", "data": {"index": seq, "count": 99}}).encode()

        try:
            while not router.poll(50):  # heartbeats until the subscriber asks to replay
                pub.send_multipart([b"hb", frame(0), b"{}"])
            peer, cmd, req, _, start, _ = router.recv_multipart()
            self.assertEqual((cmd, start), (b"REPLAY", b"0"))
            router.send_multipart([peer, b"END", req, frame(0), b'{"count":0,"oldest":0,"truncated":false}'])
            time.sleep(0.2)
            for seq in (1, 2, 3, 4, 5, 8):  # 6 and 7 are lost on the way
                pub.send_multipart([b"ev.criticism.fake", frame(seq), body(seq)])
            self.assertTrue(router.poll(5000))
            peer, cmd, req, _, start, _ = router.recv_multipart()
            self.assertEqual((cmd, start), (b"REPLAY", b"6"))
            router.send_multipart([peer, b"ERR", req, b"410", b"gone"])
            out, err = sub.communicate(timeout=20)
            self.assertEqual(sub.returncode, 3, err)  # the gap is reported ...
            self.assertEqual([int(l.split()[0]) for l in out.splitlines()], [1, 2, 3, 4, 5])  # ... after 1 to 5
            self.assertIn("events were lost", err)
        finally:
            if sub.poll() is None:
                sub.kill()
            ctx.destroy(linger=0)
            shutil.rmtree(tmp, ignore_errors=True)


    def test_curve_server_key(self):
        server_public, server_secret = zmq.curve_keypair()
        for key, want in ((server_public, [1, 2, 3]), (zmq.curve_keypair()[0], [])):
            tmp = tempfile.mkdtemp(prefix="herald-curve-")
            ctx = zmq.Context()
            pub, router = ctx.socket(zmq.PUB), ctx.socket(zmq.ROUTER)
            for sock in (pub, router):  # a CURVE server, as heraldd will be off-host
                sock.curve_secretkey = server_secret
                sock.curve_publickey = server_public
                sock.curve_server = True
            pub.bind(f"ipc://{tmp}/events")
            router.bind(f"ipc://{tmp}/replay")
            # the right key is given room for a loaded machine; the wrong one must fail anyway
            sub = subprocess.Popen([SUBSCRIBER, f"ipc://{tmp}/events", f"ipc://{tmp}/replay", "--count", "3",
                                    "--timeout-ms", "5000" if want else "1500", "--server-key", key.decode()],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                deadline = time.monotonic() + (15 if want else 3)
                while not router.poll(50) and time.monotonic() < deadline:
                    pub.send_multipart([b"hb", struct.pack(">QQ", 7, 0), b"{}"])
                if router.poll(0):
                    peer, _, req, *_ = router.recv_multipart()
                    router.send_multipart([peer, b"END", req, struct.pack(">QQ", 7, 0), b"{}"])
                    time.sleep(0.2)
                    for seq in (1, 2, 3):
                        pub.send_multipart([b"ev.x.curve", struct.pack(">QQ", 7, seq), b'{"id":"curve/%d"}' % seq])
                out, err = sub.communicate(timeout=20)
                self.assertEqual([int(l.split()[0]) for l in out.splitlines()], want, err)
                self.assertEqual(sub.returncode, 0 if want else 27)  # a wrong key never gets through
            finally:
                if sub.poll() is None:
                    sub.kill()
                ctx.destroy(linger=0)
                shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
