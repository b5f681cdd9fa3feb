#!/usr/bin/env python3
"""heraldd's start opens no NSS module: libzmq's context starts OpenPGM, which
looks the "pgm" protocol up through NSS, and with Debian's "protocols: db files"
glibc tries to load libnss_db.so.2 from every library directory first (44 failed
opens, about 1 ms of each start). heraldd binds only tcp:// and ipc://, so it
reads /etc/protocols alone. Run under strace until "replay on", then stopped.
Where nsswitch.conf already says "protocols: files" the test cannot tell.
    test_start_nss.py HERALDD
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERALDD = sys.argv[1]
WAIT_S = 20


class StartNss(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-nss-")
        os.mkdir(os.path.join(self.tmp, "inbox"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_no_nss_module_at_start(self):
        strace = shutil.which("strace")
        self.assertIsNotNone(strace, "strace is needed (make deps installs it)")
        trace = os.path.join(self.tmp, "trace")
        p = subprocess.Popen([strace, "-f", "-qq", "-e", "trace=open,openat", "-o", trace, HERALDD,
                              "--bind", f"ipc://{self.tmp}/events", "--replay-bind", f"ipc://{self.tmp}/replay",
                              "--inbox", os.path.join(self.tmp, "inbox")],
                             stderr=subprocess.PIPE, text=True)
        log = ""
        deadline = time.monotonic() + WAIT_S
        try:
            while "replay on" not in log and time.monotonic() < deadline:
                line = p.stderr.readline()
                if not line:
                    break
                log += line
        finally:
            with open(f"/proc/{p.pid}/task/{p.pid}/children") as f:  # heraldd, strace's child
                for pid in f.read().split():
                    os.kill(int(pid), signal.SIGTERM)
            p.communicate(timeout=WAIT_S)
        self.assertIn("replay on", log)
        with open(trace) as f:
            opens = f.read()
        self.assertIn("rules.txt", opens)  # the trace saw heraldd's own opens
        nss = [line for line in opens.splitlines() if "libnss_" in line]
        self.assertEqual(nss, [], f"{len(nss)} opens of NSS modules at start, e.g. {nss[:1]}")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
