#!/usr/bin/python3
"""Access control: heraldd serving CURVE with an allowlist, against real
processes and real TCP sockets (pyzmq as the clients), with keys made by
`herald keygen`.

    test_curve.py HERALDD HERALD
"""
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unittest

import zmq

from heraldtest import read_log, wait_logged

HERALDD, HERALD = sys.argv[1], sys.argv[2]
QUIET_S = 1.5  # how long a refused client is watched for anything at all


def free_port_pair():
    """Two free consecutive TCP ports (events, replay), found by binding them."""
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


def keygen(path):
    out = subprocess.run([HERALD, "keygen", path], capture_output=True, text=True, timeout=10)
    assert out.returncode == 0, out.stderr
    return read_cert(path + "_secret")


def read_cert(path):
    """The curve section's keys, read the way CZMQ's ZPL reader would."""
    keys, section = {}, None
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            if not line[0].isspace():
                section = line.strip()
            elif section == "curve":
                name, value = (s.strip() for s in line.split("=", 1))
                keys[name] = value.strip('"').encode()
    return keys


class Daemon:
    def __init__(self, tmp, *args, name="d"):
        port = free_port_pair()
        self.events = f"tcp://127.0.0.1:{port}"
        self.replay = f"tcp://127.0.0.1:{port + 1}"
        self.log_path = os.path.join(tmp, f"{name}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([HERALDD, "--bind", self.events, "--replay-bind", self.replay,
                                      "--heartbeat", "50", *args], stdout=self.log, stderr=subprocess.STDOUT)

    def logged(self):
        return read_log(self.log_path)

    def wait_log(self, text, timeout=20):
        wait_logged(self.proc, self.log_path, text, timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class CurveTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-curve-")
        cls.ctx = zmq.Context()
        cls.server = keygen(cls.path("server"))
        cls.alice = keygen(cls.path("alice"))      # in the allowlist
        cls.mallory = keygen(cls.path("mallory"))  # not in it
        cls.other = keygen(cls.path("other"))      # a server key that is not heraldd's
        cls.allow = cls.path("allow")
        os.mkdir(cls.allow)
        shutil.copy(cls.path("alice"), os.path.join(cls.allow, "alice"))
        cls.inbox = cls.path("inbox")
        os.mkdir(cls.inbox)
        cls.d = Daemon(cls.tmp, "--curve-secret", cls.path("server_secret"), "--curve-allow", cls.allow,
                       "--inbox", cls.inbox, "--date", "2024-09-02")
        cls.d.wait_log("watching inbox")
        cls.n_articles = 0

    @classmethod
    def tearDownClass(cls):
        cls.d.stop()
        cls.ctx.destroy(linger=0)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def path(cls, name):
        return os.path.join(cls.tmp, name)

    def socket(self, kind, endpoint, client=None, server_key=None):
        s = self.ctx.socket(kind)
        s.setsockopt(zmq.LINGER, 0)
        if client:
            s.curve_serverkey = server_key or self.server["public-key"]
            s.curve_publickey = client["public-key"]
            s.curve_secretkey = client["secret-key"]
        if kind == zmq.SUB:
            s.setsockopt(zmq.SUBSCRIBE, b"")
        s.connect(endpoint)
        return s

    def publish_article(self, body):
        """Delivers an article to the inbox the safe way (rename); returns its id."""
        CurveTest.n_articles += 1
        name = f"a{self.n_articles}"
        staged = self.path(name + ".txt")
        with open(staged, "w") as f:
            f.write(f"Date: 2024-09-02\n\n{body}\n")
        os.rename(staged, os.path.join(self.inbox, name + ".txt"))
        return name

    def wait_heartbeat(self, sub, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sub.poll(100) and sub.recv_multipart()[0] == b"hb":
                return
        self.fail("no heartbeat: the subscription never came through")

    def replay(self, dealer, req=b"r"):
        dealer.send_multipart([b"REPLAY", req, b"", b"0", b"0"])
        events = []
        while dealer.poll(5000):
            f = dealer.recv_multipart()
            if f[0] == b"END":
                return events
            self.assertEqual(f[0], b"EVENT", f)
            events.append(f[2])
        self.fail("the replay never ended")

    def assert_nothing(self, sub, dealer):
        """A refused client gets nothing at all: no heartbeat, no event, no reply."""
        dealer.send_multipart([b"REPLAY", b"r", b"", b"0", b"0"])
        dealer.send_multipart([b"STATUS", b"s"])
        deadline = time.monotonic() + QUIET_S
        while time.monotonic() < deadline:
            self.assertFalse(sub.poll(50), "a refused subscriber got a message")
            self.assertFalse(dealer.poll(50), "a refused replay client got an answer")

    # ------------------------------------------------------------------ admitted

    def test_allowed_key_gets_live_events_and_replays(self):
        sub = self.socket(zmq.SUB, self.d.events, self.alice)
        self.wait_heartbeat(sub)
        name = self.publish_article("Vladimir Putin arrived in Mongolia on Monday evening.")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            self.assertTrue(sub.poll(10000), "no live event")
            topic = sub.recv_multipart()[0]
            if topic != b"hb":
                break
        self.assertEqual(topic, f"ev.arrival.{name}".encode())
        dealer = self.socket(zmq.DEALER, self.d.replay, self.alice)
        self.assertIn(f"ev.arrival.{name}".encode(), self.replay(dealer))
        sub.close()
        dealer.close()

    # ------------------------------------------------------------------ refused

    def test_unknown_key_gets_nothing_and_is_logged(self):
        sub = self.socket(zmq.SUB, self.d.events, self.mallory)
        dealer = self.socket(zmq.DEALER, self.d.replay, self.mallory)
        self.assert_nothing(sub, dealer)
        key = self.mallory["public-key"].decode()
        self.d.wait_log(f"refused CURVE client key {key} from 127.0.0.1: not in the allowlist {self.allow}")
        # it was refused at each of its retries (every 100 ms), and logged once
        self.assertEqual(self.d.logged().count(f"refused CURVE client key {key}"), 1)
        sub.close()
        dealer.close()

    def test_plaintext_client_gets_nothing_and_is_logged(self):
        sub = self.socket(zmq.SUB, self.d.events)
        dealer = self.socket(zmq.DEALER, self.d.replay)
        self.assert_nothing(sub, dealer)
        for endpoint in (self.d.events, self.d.replay):
            self.d.wait_log(f"refused a connection to {endpoint} from ")
        # which side sees the mechanism mismatch first is a race: either reason names it
        lines = [l for l in self.d.logged().splitlines() if "refused a connection" in l]
        self.assertTrue(all("plaintext client" in l for l in lines if "decrypt" not in l), lines)
        sub.close()
        dealer.close()

    def test_wrong_server_key_gets_nothing_and_is_logged(self):
        wrong = self.other["public-key"]
        sub = self.socket(zmq.SUB, self.d.events, self.alice, server_key=wrong)
        dealer = self.socket(zmq.DEALER, self.d.replay, self.alice, server_key=wrong)
        self.assert_nothing(sub, dealer)
        self.d.wait_log("its CURVE handshake does not decrypt (it has the wrong server key?)")
        lines = [l for l in self.d.logged().splitlines() if "does not decrypt" in l]
        for endpoint in (self.d.events, self.d.replay):
            self.assertTrue(any(f"refused a connection to {endpoint} from " in l for l in lines), lines)
        sub.close()
        dealer.close()

    # ------------------------------------------------------------------ the client side

    def test_herald_tail_and_status_read_keygen_certificates(self):
        self.publish_article("Germany condemned the visit.")
        curve = ["--server-key", self.path("server"), "--cert", self.path("alice_secret")]
        status = subprocess.run([HERALD, "status", "--endpoint", self.d.events, "--output", "json", *curve],
                                capture_output=True, text=True, timeout=20)
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertIn("sequence", json.loads(status.stdout))
        tail = subprocess.run([HERALD, "tail", "--endpoint", self.d.events, "--from-start", "--count", "1",
                               "--output", "jsonl", *curve], capture_output=True, text=True, timeout=20)
        self.assertEqual(tail.returncode, 0, tail.stderr)
        self.assertEqual(json.loads(tail.stdout)["specversion"], "1.0")
        refused = subprocess.run([HERALD, "status", "--endpoint", self.d.events, "--connect-timeout", "1",
                                  "--server-key", self.path("server"), "--cert", self.path("mallory_secret")],
                                 capture_output=True, text=True, timeout=20)
        self.assertEqual(refused.returncode, 2, refused.stderr)
        bad = subprocess.run([HERALD, "status", "--endpoint", self.d.events, "--server-key", self.path("server"),
                              "--cert", self.path("alice")], capture_output=True, text=True, timeout=20)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("no secret-key", bad.stderr)

    def test_keygen_writes_czmq_certificates(self):
        public, secret = self.path("alice"), self.path("alice_secret")
        self.assertEqual(stat.S_IMODE(os.stat(secret).st_mode), 0o600)
        self.assertFalse(os.stat(public).st_mode & 0o022)
        for path, keys in ((public, ["public-key"]), (secret, ["public-key", "secret-key"])):
            with open(path) as f:
                body = [l for l in f.read().splitlines() if l and not l.startswith("#")]
            # CZMQ's zcert_save: a metadata section, then the curve section
            self.assertEqual(body[:2], ["metadata", "curve"])
            self.assertEqual([l.split(" = ")[0].strip() for l in body[2:]], keys)
            for line in body[2:]:
                self.assertRegex(line, r'^    [a-z-]+ = "[0-9a-zA-Z.:+=^!/*?&<>()\[\]{}@%$#-]{40}"$')
        self.assertEqual(zmq.curve_public(self.alice["secret-key"]), self.alice["public-key"])
        again = subprocess.run([HERALD, "keygen", public], capture_output=True, text=True, timeout=10)
        self.assertEqual(again.returncode, 1)
        self.assertIn("File exists", again.stderr)
        self.assertEqual(read_cert(secret), self.alice)  # left alone


class CurveStartTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-curve-")
        self.ctx = zmq.Context()
        self.daemons = []

    def tearDown(self):
        for d in self.daemons:
            d.stop()
        self.ctx.destroy(linger=0)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_heraldd(self, *args):
        return subprocess.run([HERALDD, "--bind", f"ipc://{self.tmp}/e", "--replay-bind", f"ipc://{self.tmp}/r",
                               *args], capture_output=True, text=True, timeout=20)

    def test_curve_without_allowlist_is_refused_at_start(self):
        keygen(os.path.join(self.tmp, "server"))
        secret = os.path.join(self.tmp, "server_secret")
        out = self.run_heraldd("--curve-secret", secret)
        self.assertEqual(out.returncode, 78, out.stderr)
        self.assertIn("--curve-secret without --curve-allow", out.stderr)
        out = self.run_heraldd("--curve-allow", self.tmp)
        self.assertEqual(out.returncode, 78, out.stderr)
        self.assertIn("--curve-allow without --curve-secret", out.stderr)
        out = self.run_heraldd("--curve-secret", os.path.join(self.tmp, "server"), "--curve-allow", self.tmp)
        self.assertEqual(out.returncode, 78, out.stderr)
        self.assertIn("no secret-key", out.stderr)
        out = self.run_heraldd("--curve-secret", secret, "--curve-allow", os.path.join(self.tmp, "missing"))
        self.assertEqual(out.returncode, 78, out.stderr)
        self.assertIn("missing: No such file or directory", out.stderr)

    def test_sighup_shuts_a_removed_key_out_of_new_connections(self):
        server, alice = keygen(os.path.join(self.tmp, "server")), keygen(os.path.join(self.tmp, "alice"))
        allow = os.path.join(self.tmp, "allow")
        os.mkdir(allow)
        shutil.copy(os.path.join(self.tmp, "alice"), os.path.join(allow, "alice.cert"))
        d = Daemon(self.tmp, "--curve-secret", os.path.join(self.tmp, "server_secret"), "--curve-allow", allow)
        self.daemons.append(d)
        d.wait_log("1 client keys allowed")

        def sub():
            s = self.ctx.socket(zmq.SUB)
            s.setsockopt(zmq.LINGER, 0)
            s.curve_serverkey, s.curve_publickey, s.curve_secretkey = (
                server["public-key"], alice["public-key"], alice["secret-key"])
            s.setsockopt(zmq.SUBSCRIBE, b"hb")
            s.connect(d.events)
            return s

        before = sub()
        self.assertTrue(before.poll(10000), "an allowed key got nothing")
        os.unlink(os.path.join(allow, "alice.cert"))
        d.proc.send_signal(signal.SIGHUP)
        d.wait_log("CURVE: 0 client keys allowed")
        after = sub()
        self.assertFalse(after.poll(int(QUIET_S * 1000)), "a removed key still got in")
        d.wait_log(f"refused CURVE client key {alice['public-key'].decode()} from 127.0.0.1")
        while before.poll(0):
            before.recv_multipart()
        self.assertTrue(before.poll(5000), "the connection made before the reload was cut")
        before.close()
        after.close()
        d.proc.send_signal(signal.SIGTERM)  # a clean exit (and, under ASan, no leak) with CURVE on
        self.assertEqual(d.proc.wait(10), 0, d.logged())


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
