"""What the Python integration tests of one heraldd share: a temporary folder, a
ZeroMQ context and the heraldd process under test (self.proc, its log at
self.log_path), all cleaned up however the test ends; bounded waits; the
process's memory as /proc shows it."""
import json
import re
import shutil
import subprocess
import tempfile
import time
import unittest

import zmq


class DaemonTestCase(unittest.TestCase):
    tmp_prefix = "herald-test-"

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix=self.tmp_prefix)
        self.ctx = zmq.Context()
        self.proc = None

    def tearDown(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.ctx.destroy(linger=0)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def logged(self):
        return read_log(self.log_path)

    def wait_log(self, text, timeout=20):
        wait_logged(self.proc, self.log_path, text, timeout)


def read_log(path):
    with open(path) as f:
        return f.read()


def wait_logged(proc, log_path, text, timeout=20):
    """Returns once `text` is in the log; fails at once, with the log, if the process exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in read_log(log_path):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    raise AssertionError(f"{text!r} not logged; log:\n{read_log(log_path)}")


def wait_for(what, cond, timeout=30):
    """cond()'s first true value, polled every 50 ms; fails naming `what` after timeout s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def wait_published(herald, endpoint, n, timeout=10):
    """Returns once `herald status` at `endpoint` reports sequence n; fails after timeout s."""
    def at_n():
        out = subprocess.run([herald, "status", "--endpoint", endpoint, "--output", "json"],
                             capture_output=True, text=True)
        return out.returncode == 0 and json.loads(out.stdout)["sequence"] == n
    wait_for(f"the daemon to publish {n} events", at_n, timeout)


def vm(pid, field):
    """A memory figure of /proc/PID/status (VmRSS, VmHWM, ...) in bytes."""
    with open(f"/proc/{pid}/status") as f:
        m = re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.M)
    return int(m.group(1)) * 1024
