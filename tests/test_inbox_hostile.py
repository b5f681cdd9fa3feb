#!/usr/bin/python3
"""The inbox against whoever can write to it: FIFOs, links, directories, names
that forge log lines, names too long to suffix. Real heraldd processes, a real
inbox directory, pyzmq as the subscriber.

    test_inbox_hostile.py HERALDD
"""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import unittest

import zmq

from heraldtest import DaemonTestCase

HERALDD = sys.argv[1]
VISIT = "Vladimir Putin arrived in Mongolia on Monday evening."
CONDEMN = "Germany condemned the visit."


def article(body):
    return f"Date: 2024-09-02\n\n{body}\n"


class InboxTest(DaemonTestCase):
    tmp_prefix = "herald-inbox-"

    def setUp(self):
        super().setUp()
        self.inbox = os.path.join(self.tmp, "inbox")
        os.mkdir(self.inbox)
        self.journal = os.path.join(self.tmp, "journal")
        self.events = f"ipc://{self.tmp}/events"
        self.replay = f"ipc://{self.tmp}/replay"

    def start(self):
        self.log_path = os.path.join(self.tmp, "log")
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen([HERALDD, "--bind", self.events, "--replay-bind", self.replay, "--inbox",
                                          self.inbox, "--journal", self.journal, "--heartbeat", "50"],
                                         stdout=log, stderr=subprocess.STDOUT)
        self.sub = self.ctx.socket(zmq.SUB)
        self.sub.setsockopt(zmq.LINGER, 0)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"")
        self.sub.connect(self.events)
        self.wait_log("watching inbox", timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # a heartbeat: the subscription is in place
            if self.sub.poll(100) and self.sub.recv_multipart()[0] == b"hb":
                return
        self.fail("no heartbeat")

    def deliver(self, name, body):
        """Writes an article outside and renames it in: the safe way to deliver."""
        staged = os.path.join(self.tmp, "staged")
        with open(staged, "w") as f:
            f.write(article(body))
        os.rename(staged, os.path.join(self.inbox, name))

    def next_event(self, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.sub.poll(100):
                topic, _, body = self.sub.recv_multipart()
                if topic != b"hb":
                    return topic.decode(), json.loads(body)
        self.fail(f"no event; log:\n{self.logged()}")

    def status(self):
        req = self.ctx.socket(zmq.DEALER)
        req.setsockopt(zmq.LINGER, 0)
        req.connect(self.replay)
        req.send_multipart([b"STATUS", b"s"])
        self.assertTrue(req.poll(5000), "no STATUS answer")
        reply = req.recv_multipart()
        req.close()
        self.assertEqual(reply[:2], [b"STATUS", b"s"])
        return json.loads(reply[2])

    def stop_with_sigterm(self):
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.proc.wait(5), 0, self.logged())

    def failed(self, name):
        return os.path.lexists(os.path.join(self.inbox, "failed", name))

    # ------------------------------------------------------------------ not regular files

    def test_fifo_renamed_in_does_not_wedge_the_daemon(self):
        self.start()
        fifo = os.path.join(self.tmp, "pipe.txt")
        os.mkfifo(fifo)
        os.rename(fifo, os.path.join(self.inbox, "pipe.txt"))
        self.wait_log("pipe.txt: a FIFO, not a regular file: filed in failed/ unread")
        self.deliver("visit.txt", VISIT)
        self.assertEqual(self.next_event()[0], "ev.arrival.visit")
        self.assertEqual(self.status()["articles"], 1)
        self.assertTrue(self.failed("pipe.txt"))
        self.stop_with_sigterm()

    def test_fifo_and_directory_present_at_start_are_filed_away(self):
        os.mkfifo(os.path.join(self.inbox, "a-pipe.txt"))
        os.mkdir(os.path.join(self.inbox, "b-folder"))
        with open(os.path.join(self.inbox, "c-visit.txt"), "w") as f:
            f.write(article(VISIT))
        self.start()
        self.wait_log("c-visit.txt: published 1 events")
        self.assertIn("a-pipe.txt: a FIFO, not a regular file", self.logged())
        self.assertIn("b-folder: a directory, not a regular file", self.logged())
        self.assertTrue(self.failed("a-pipe.txt"))
        self.assertTrue(self.failed("b-folder"))
        self.assertEqual(sorted(os.listdir(self.inbox)), ["done", "failed"])
        self.stop_with_sigterm()

    def test_directory_moved_in_is_filed_away(self):
        self.start()
        folder = os.path.join(self.tmp, "folder")
        os.mkdir(folder)
        os.rename(folder, os.path.join(self.inbox, "folder"))
        self.wait_log("folder: a directory, not a regular file: filed in failed/ unread")
        self.assertTrue(self.failed("folder"))

    def test_symlink_is_never_followed(self):
        secret = os.path.join(self.tmp, "secret.txt")
        with open(secret, "w") as f:  # a readable article: published if the link were followed
            f.write(article(VISIT))
        with open(secret, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        self.start()
        link = os.path.join(self.tmp, "link.txt")
        os.symlink(secret, link)
        os.rename(link, os.path.join(self.inbox, "link.txt"))
        self.wait_log("link.txt: a symbolic link (never followed), not a regular file: filed in failed/ unread")
        self.deliver("condemn.txt", CONDEMN)
        self.assertEqual(self.next_event()[0], "ev.criticism.condemn")  # the link's event never came first
        self.assertTrue(os.path.islink(os.path.join(self.inbox, "failed", "link.txt")))
        with open(self.journal) as f:
            journal = f.read()
        self.assertNotIn(digest, journal)
        self.assertNotIn("link", journal)
        self.assertNotIn("secret", self.logged())

    # ------------------------------------------------------------------ names

    def test_control_characters_in_a_name_cannot_forge_log_lines(self):
        self.start()
        name = "evil\nheraldd: forged line \x1b[31m.txt"
        self.deliver(name, VISIT)
        self.next_event()
        self.wait_log("published 1 events")
        lines = self.logged().splitlines()
        self.assertFalse([l for l in lines if l.startswith("heraldd: forged")], lines)
        self.assertTrue([l for l in lines if "evil\\nheraldd: forged line \\x1b[31m.txt: published 1 events" in l],
                        lines)
        self.assertNotIn("\x1b", self.logged())
        self.assertTrue(os.path.exists(os.path.join(self.inbox, "done", name)))

    def test_a_255_byte_name_delivered_twice_is_filed_both_times(self):
        self.start()
        name = "report" + "é" * 124 + "x"  # 255 bytes; the stem is cut for ".1" inside an é
        self.assertEqual(len(name.encode()), 255)
        self.deliver(name, VISIT)
        self.next_event()
        self.wait_log("published 1 events")
        self.deliver(name, CONDEMN)
        self.assertEqual(self.next_event()[0][:13], "ev.criticism.")
        deadline = time.monotonic() + 10
        while os.path.exists(os.path.join(self.inbox, name)) and time.monotonic() < deadline:
            time.sleep(0.02)
        done = os.listdir(os.path.join(self.inbox, "done"))
        self.assertEqual(len(done), 2, done)
        self.assertIn(name, done)
        other = [n for n in done if n != name][0]
        self.assertTrue(other.endswith(".1"), other)
        self.assertEqual(other, "report" + "é" * 123 + ".1")  # cut at a character boundary, within 255 bytes
        self.assertNotIn("cannot move", self.logged())


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
