#!/usr/bin/python3
"""heraldd on a full disk (issue 10, defect 6): the journal cannot be written,
so heraldd takes no articles in and publishes nothing, says why in STATUS, and
goes on serving STATUS and REPLAY; when space returns it resumes by itself, and
every event published is one the journal holds, once.

The disk is made full by tests/helpers/fullfs.c (LD_PRELOAD): while a flag file
exists, writes to the journal fail with ENOSPC.

    test_full_disk.py HERALDD FULLFS_SO
"""
import json
import os
import subprocess
import sys
import time
import unittest

import zmq

from heraldtest import DaemonTestCase, wait_for

HERALDD, FULLFS = sys.argv[1], sys.argv[2]


class FullDiskTest(DaemonTestCase):
    tmp_prefix = "herald-full-"

    def deliver(self, inbox, name, n):
        tmp = os.path.join(inbox, f".{name}.tmp")
        with open(tmp, "w") as f:
            f.write(f"Id: {name}\nDate: 2024-09-02\n\n" + "\n".join([f"Germany condemned the plan {name}."] * n) + "\n")
        os.rename(tmp, os.path.join(inbox, f"{name}.txt"))

    def status(self):
        self.client.send_multipart([b"STATUS", b"s"])
        self.assertTrue(self.client.poll(10000), f"no STATUS answer; log:\n{self.logged()}")
        return json.loads(self.client.recv_multipart()[2])

    def replay(self):
        self.client.send_multipart([b"REPLAY", b"r", b"", b"0", b"0"])
        bodies = []
        while True:
            self.assertTrue(self.client.poll(10000), "replay stopped")
            f = self.client.recv_multipart()
            if f[0] == b"END":
                return bodies
            bodies.append(f[4])

    def journal_events(self):
        with open(self.journal, "rb") as f:
            return [line for line in f.read().split(b"\n") if line.startswith(b'{"specversion"')]

    def start(self):
        """heraldd under the shim, a subscriber and a replay client; returns the
        inbox, the flag files (full, sync fails) and the live events' list."""
        self.journal = os.path.join(self.tmp, "journal.jsonl")
        inbox = os.path.join(self.tmp, "inbox")
        os.mkdir(inbox)
        flag, sync_flag = os.path.join(self.tmp, "disk-is-full"), os.path.join(self.tmp, "sync-fails")
        events, replay = f"ipc://{self.tmp}/events", f"ipc://{self.tmp}/replay"
        env = dict(os.environ, LD_PRELOAD=FULLFS, FULLFS_FLAG=flag, FULLFS_SYNC_FLAG=sync_flag,
                   FULLFS_MATCH="/journal.jsonl",
                   ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0")
        self.log_path = os.path.join(self.tmp, "d.log")
        self.sub = self.ctx.socket(zmq.SUB)
        self.sub.setsockopt(zmq.LINGER, 0)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"ev.")
        self.sub.connect(events)  # before the daemon: it waits 300 ms for subscribers like this one
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen([HERALDD, "--bind", events, "--replay-bind", replay, "--journal", self.journal,
                                          "--inbox", inbox], stdout=log, stderr=subprocess.STDOUT, env=env)
        self.client = self.ctx.socket(zmq.DEALER)
        self.client.setsockopt(zmq.LINGER, 0)
        self.client.connect(replay)
        self.live = []
        return inbox, flag, sync_flag, self.live

    def drain(self):
        while self.sub.poll(0):
            self.live.append(self.sub.recv_multipart()[2])

    def test_full_disk_pauses_intake_and_resumes_by_itself(self):
        inbox, flag, _, live = self.start()
        drain = self.drain

        self.deliver(inbox, "before", 5)
        wait_for("the first article", lambda: self.status()["sequence"] == 5)

        open(flag, "w").close()  # the disk is full from now on
        self.deliver(inbox, "during", 7)
        st = wait_for("the pause", lambda: (lambda s: s if "paused" in s else None)(self.status()))
        self.assertEqual(st["paused"], "journal: No space left on device")
        self.assertIn("cannot write the journal: No space left on device; taking no articles in", self.logged())
        self.deliver(inbox, "while-paused", 4)
        time.sleep(0.5)  # retries come and fail meanwhile
        self.assertIsNone(self.proc.poll(), f"heraldd exited; log:\n{self.logged()}")
        st = self.status()
        self.assertEqual(st["sequence"], 5)
        self.assertEqual(st["paused"], "journal: No space left on device")
        self.assertEqual(self.replay(), self.journal_events())  # replay is served, and is the journal
        self.assertEqual(len(self.journal_events()), 5)
        self.assertIn("while-paused.txt", os.listdir(inbox))  # not taken in
        drain()
        self.assertEqual(live, self.journal_events())  # nothing published that is not journaled

        os.unlink(flag)  # space returns
        wait_for("the resumption", lambda: self.status()["sequence"] == 16)
        self.assertNotIn("paused", self.status())
        self.assertIn("the journal can be written again: resuming", self.logged())
        journaled = self.journal_events()
        self.assertEqual([int(json.loads(e)["sequence"]) for e in journaled], list(range(1, 17)))
        self.assertEqual(sorted(json.loads(e)["subject"] for e in journaled),
                         ["before"] * 5 + ["during"] * 7 + ["while-paused"] * 4)
        self.assertEqual(self.replay(), journaled)
        wait_for("the live events", lambda: (drain(), len(live) >= 16)[1], timeout=10)
        self.assertEqual(live, journaled)
        wait_for("the files filed", lambda: not [n for n in os.listdir(inbox) if n.endswith(".txt")])

    def test_a_failed_sync_is_synced_again_before_anything_is_published(self):
        # the write goes through but fdatasync fails: the retry must sync, not
        # take "nothing left to write" for "on disk"
        inbox, _, sync_flag, live = self.start()
        self.deliver(inbox, "before", 3)
        wait_for("the first article", lambda: self.status()["sequence"] == 3)
        open(sync_flag, "w").close()
        self.deliver(inbox, "during", 6)
        st = wait_for("the pause", lambda: (lambda s: s if "paused" in s else None)(self.status()))
        self.assertEqual(st["paused"], "journal: Input/output error")
        time.sleep(0.5)  # several retries, each failing to sync
        self.assertEqual(self.status()["sequence"], 3)
        self.assertIn("paused", self.status())
        self.drain()
        self.assertEqual(len(live), 3)
        os.unlink(sync_flag)
        wait_for("the resumption", lambda: self.status()["sequence"] == 9)
        self.assertNotIn("paused", self.status())
        wait_for("the live events", lambda: (self.drain(), len(live) >= 9)[1], timeout=10)
        self.assertEqual(live, self.journal_events())

    def test_an_article_without_events_on_a_full_disk_pauses_and_is_recorded_later(self):
        # recording "no events" is a journal write too: it pauses like an event's,
        # heraldd does not exit, and the record goes to disk with the retry
        inbox, flag, _, live = self.start()
        self.deliver(inbox, "before", 2)
        wait_for("the first article", lambda: self.status()["sequence"] == 2)
        open(flag, "w").close()
        with open(os.path.join(inbox, ".quiet.tmp"), "w") as f:
            f.write("Id: quiet\nDate: 2024-09-02\n\nThe weather in the capital was mild.\n")
        os.rename(os.path.join(inbox, ".quiet.tmp"), os.path.join(inbox, "quiet.txt"))
        st = wait_for("the pause", lambda: (lambda s: s if "paused" in s else None)(self.status()))
        self.assertEqual(st["paused"], "journal: No space left on device")
        time.sleep(0.3)
        self.assertIsNone(self.proc.poll(), f"heraldd exited; log:\n{self.logged()}")
        self.assertIn("quiet.txt", os.listdir(os.path.join(inbox, "done")))  # read: nothing to lose
        with open(self.journal, "rb") as f:
            self.assertNotIn(b'"quiet"', f.read())
        os.unlink(flag)
        wait_for("the resumption", lambda: "paused" not in self.status())
        self.deliver(inbox, "after", 3)
        wait_for("the next article", lambda: self.status()["sequence"] == 5)
        with open(self.journal, "rb") as f:
            self.assertIn(b'"quiet"', f.read())  # recorded, so it is not read again


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
