#!/usr/bin/python3
"""Replay requests that used to be misread: a NUL byte inside a request id, a
command or a topic prefix (it cut the string short, so "ev.x\\0" asked for every
"ev.x..." topic), and a REPLAY from a REQ socket (REQ keeps the first reply and
drops the rest, so it saw one EVENT and never the END). Real heraldd, pyzmq.

    test_request_hostile.py HERALDD
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import zmq

HERALDD = sys.argv[1]
N_BUNDLED = 18


class RequestTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-requests-")
        cls.replay = f"ipc://{cls.tmp}/replay"
        cls.log = open(os.path.join(cls.tmp, "log"), "w")
        cls.proc = subprocess.Popen([HERALDD, "--bind", f"ipc://{cls.tmp}/events", "--replay-bind", cls.replay],
                                    stdout=cls.log, stderr=subprocess.STDOUT)
        cls.ctx = zmq.Context()
        dealer = cls.dealer()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the bundled articles are published
            dealer.send_multipart([b"STATUS", b"s"])
            if dealer.poll(5000) and json.loads(dealer.recv_multipart()[2])["sequence"] == N_BUNDLED:
                break
            time.sleep(0.05)
        dealer.close()

    @classmethod
    def tearDownClass(cls):
        cls.proc.kill()
        cls.proc.wait()
        cls.log.close()
        cls.ctx.destroy(linger=0)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def dealer(cls):
        s = cls.ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        s.connect(cls.replay)
        return s

    def ask(self, sock, frames):
        sock.send_multipart(frames)
        self.assertTrue(sock.poll(5000), f"no answer to {frames}")
        return sock.recv_multipart()

    def test_nul_byte_in_id_command_or_prefix_is_400(self):
        d = self.dealer()
        for frames in ([b"STATUS", b"a\0b"], [b"STATUS\0x", b"s"], [b"REPLAY", b"r\0", b"", b"0", b"0"],
                       [b"REPLAY", b"r", b"ev.\0", b"0", b"0"]):
            reply = self.ask(d, frames)
            self.assertEqual((reply[0], reply[2]), (b"ERR", b"400"), f"{frames} -> {reply}")
            self.assertIn(b"NUL", reply[3])
        # the same requests without the NUL are served
        self.assertEqual(self.ask(d, [b"STATUS", b"ab"])[0], b"STATUS")
        reply = self.ask(d, [b"REPLAY", b"r", b"ev.", b"0", b"1"])
        self.assertEqual((reply[0], reply[1]), (b"EVENT", b"r"))
        d.close()

    def test_req_socket_gets_status_and_a_clear_error_for_replay(self):
        req = self.ctx.socket(zmq.REQ)
        req.setsockopt(zmq.LINGER, 0)
        req.connect(self.replay)
        reply = self.ask(req, [b"REPLAY", b"r", b"", b"0", b"0"])
        self.assertEqual(reply[:3], [b"ERR", b"r", b"400"])
        self.assertIn(b"DEALER", reply[3])
        self.assertEqual(self.ask(req, [b"STATUS", b"q"])[:2], [b"STATUS", b"q"])
        req.close()


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
