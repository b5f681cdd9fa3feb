#!/usr/bin/python3
"""heraldd and libherald outside the CLI, used the way a hostile user would
(session 6): certificates that are /dev/zero, FIFOs or directories; a
--check-config that must fail where a start fails; codebooks with NUL bytes,
raw bytes and FIFOs; directories, FIFOs and links made inside the inbox;
endpoints without a port or past 65535; a status that must not count itself.
Real heraldd and herald processes, real files; every wait is bounded.

    test_hardening6.py HERALDD HERALD
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

from heraldtest import DaemonTestCase, wait_for

HERALDD, HERALD = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EX_USAGE, EX_IOERR, EX_CONFIG = 64, 74, 78


class StartTest(unittest.TestCase):
    """What a start refuses, and --check-config with it, each at once."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-h6-")
        self.allow = os.path.join(self.tmp, "allow")
        os.mkdir(self.allow)
        self.fifo = os.path.join(self.tmp, "fifo")
        os.mkfifo(self.fifo)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def heraldd(self, *args, stdout=subprocess.PIPE, cwd=None):
        """Bound: a hang is a failure (TimeoutExpired), never a stuck suite."""
        return subprocess.run([HERALDD, "--bind", f"ipc://{self.tmp}/events", "--replay-bind",
                               f"ipc://{self.tmp}/replay", *args], stdout=stdout, stderr=subprocess.PIPE,
                              text=True, timeout=10, stdin=subprocess.DEVNULL, cwd=cwd)

    # ------------------------------------------------------------------ certificates

    def test_a_certificate_that_is_not_a_regular_file_is_refused_at_once(self):
        for path, why in (("/dev/zero", "not a regular file"), (self.fifo, "not a regular file"),
                          (self.allow, "a directory, not a certificate file")):
            for check in ([], ["--check-config"]):
                out = self.heraldd(*check, "--curve-secret", path, "--curve-allow", self.allow)
                self.assertEqual(out.returncode, EX_CONFIG, (path, check, out.stderr))
                self.assertIn(f"--curve-secret{':' if check else ''} {path}: {why}", out.stderr)

    def test_libherald_refuses_a_device_fifo_or_directory_as_a_certificate(self):
        """herald_curve_key_load() itself: the herald CLI looks first, a program linking libherald does not."""
        lib = os.path.join(os.path.dirname(HERALD), "libherald.so.0")
        probe = ("import ctypes, sys\n"
                 f"lib = ctypes.CDLL({lib!r})\n"
                 "lib.herald_last_error.restype = ctypes.c_char_p\n"
                 "pub, sec = ctypes.create_string_buffer(41), ctypes.create_string_buffer(41)\n"
                 "r = lib.herald_curve_key_load(sys.argv[1].encode(), pub, sec)\n"
                 "print(r, lib.herald_last_error().decode())\n")
        env = dict(os.environ)
        for line in subprocess.run(["ldd", lib], capture_output=True, text=True).stdout.splitlines():
            if "asan" in line.split("=>")[0] and "=>" in line:  # the sanitizer build: its runtime goes first
                env["LD_PRELOAD"] = line.split("=>")[1].split()[0]
                env["ASAN_OPTIONS"] = "detect_leaks=0"  # the Python interpreter's own, not libherald's
        for path, why in (("/dev/zero", "not a regular file"), (self.fifo, "not a regular file"),
                          (self.allow, "a directory, not a certificate file")):
            out = subprocess.run(["/usr/bin/python3", "-c", probe, path], capture_output=True, text=True, timeout=10,
                                 env=env)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertNotEqual(out.stdout.split()[0], "0", out.stdout)
            self.assertIn(f"'{path}': {why}", out.stdout)

    # ------------------------------------------------------------------ --check-config agrees with a start

    def test_check_config_fails_where_a_start_fails(self):
        cases = (
            (["--curve-secret", os.path.join(self.tmp, "nonexist"), "--curve-allow", self.allow],
             "--curve-secret: " + os.path.join(self.tmp, "nonexist") + ": No such file or directory"),
            (["--curve-allow", self.allow], "--curve-allow without curve-secret"),
            (["--curve-secret", os.path.join(self.tmp, "nonexist")], "--curve-secret without curve-allow"),
            (["--journal", "/proc/herald-h6"], "--journal: /proc/herald-h6: cannot create it"),
        )
        for args, message in cases:
            start = self.heraldd("--once", *args)
            self.assertNotEqual(start.returncode, 0, (args, start.stderr))
            check = self.heraldd("--check-config", *args)
            self.assertEqual(check.returncode, EX_CONFIG, (args, check.stderr))
            self.assertIn(message, check.stderr)
            self.assertNotIn("is valid", check.stdout)

    def test_check_config_refuses_a_secret_whose_public_key_is_another(self):
        """The server certificate is checked by the code a start uses: its public-key must be its secret-key's."""
        for name in ("a", "b"):
            subprocess.run([HERALD, "keygen", os.path.join(self.tmp, name)], check=True, capture_output=True)
        with open(os.path.join(self.tmp, "a_secret")) as f:
            a = f.read()
        with open(os.path.join(self.tmp, "b")) as f:
            b_public = [l for l in f if "public-key" in l][0]
        mixed = os.path.join(self.tmp, "mixed_secret")
        with open(mixed, "w") as f:
            f.write("".join(b_public if "public-key" in l else l for l in a.splitlines(keepends=True)))
        os.chmod(mixed, 0o600)
        args = ["--curve-secret", mixed, "--curve-allow", self.allow]
        start = self.heraldd("--once", *args)
        self.assertNotEqual(start.returncode, 0, start.stderr)
        self.assertIn("the public-key is not the secret-key's", start.stderr)
        check = self.heraldd("--check-config", *args)
        self.assertEqual(check.returncode, EX_CONFIG, check.stderr)
        self.assertIn(f"--curve-secret: {mixed}: the public-key is not the secret-key's", check.stderr)

    def test_check_config_probe_leaves_nothing_behind(self):
        journal = os.path.join(self.tmp, "journal")
        out = self.heraldd("--check-config", "--journal", journal)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertFalse(os.path.exists(journal))

    def test_check_config_refuses_an_argument(self):
        out = self.heraldd("--check-config", "extra")
        self.assertEqual(out.returncode, EX_USAGE, out.stderr)
        self.assertIn("heraldd err: --check-config takes no ARTICLE: 'extra'", out.stderr)
        self.assertEqual(out.stdout, "")

    def test_help_and_version_into_a_full_disk_fail(self):
        for option in ("--help", "--version"):
            with open("/dev/full", "w") as full:
                out = subprocess.run([HERALDD, option], stdout=full, stderr=subprocess.PIPE, text=True, timeout=10)
            self.assertEqual(out.returncode, 1, option)
            self.assertIn("cannot write to standard output: No space left on device", out.stderr)

    def test_getopt_errors_start_with_the_program_name(self):
        for args, message in ((["--bogus"], "heraldd: unrecognized option '--bogus'"),
                              (["--journal"], "heraldd: option '--journal' requires an argument")):
            out = subprocess.run([HERALDD, *args], capture_output=True, text=True, timeout=10)
            self.assertEqual(out.returncode, EX_USAGE)
            self.assertEqual(out.stderr.splitlines()[0], message)  # not the path heraldd was run by

    # ------------------------------------------------------------------ the codebook

    def data_dir(self):
        data = os.path.join(self.tmp, "data")
        shutil.copytree(os.path.join(SOURCE, "events"), data, ignore=shutil.ignore_patterns("articles", "tools"))
        return data

    def test_a_nul_byte_in_the_gazetteer_is_named_with_its_line(self):
        data = self.data_dir()
        path = os.path.join(data, "gazetteer.txt")
        with open(path, "rb") as f:
            lines = f.read().split(b"\n")
        lines[6] = b"ab\0cd"
        with open(path, "wb") as f:
            f.write(b"\n".join(lines))
        out = self.heraldd("--check-config", "--data-dir", data)
        self.assertEqual(out.returncode, EX_CONFIG)
        self.assertIn(f"{path}:7:3: contains a NUL byte", out.stderr)

    def test_an_unknown_key_of_raw_bytes_is_escaped(self):
        data = self.data_dir()
        path = os.path.join(data, "gazetteer.txt")
        with open(path, "ab") as f:
            f.write(b"\n[entity Somebody]\nty\xffpe\x1b[31m\xc3 = person\nname\xc3\xa9 = x\n")
        out = subprocess.run([HERALDD, "--check-config", "--data-dir", data], capture_output=True, timeout=10)
        self.assertEqual(out.returncode, EX_CONFIG)
        self.assertIn(b"unknown key 'ty\\xffpe\\x1b[31m\\xc3'", out.stderr)
        self.assertNotIn(b"\x1b", out.stderr)
        out.stderr.decode("utf-8")  # nothing but UTF-8 reaches the terminal

    def test_a_fifo_in_the_codebook_is_refused_not_waited_on(self):
        data = self.data_dir()
        path = os.path.join(data, "gazetteer.txt")
        os.unlink(path)
        os.mkfifo(path)
        for args in (["--check-config"], ["--extract", os.path.join(SOURCE, "events", "articles",
                                                                     sorted(os.listdir(os.path.join(SOURCE, "events",
                                                                                                    "articles")))[0])]):
            out = self.heraldd(*args, "--data-dir", data)
            self.assertEqual(out.returncode, EX_CONFIG, args)
            self.assertIn(f"{path}: not a regular file (a FIFO, device or socket)", out.stderr)

    def test_a_fifo_as_the_config_file_is_refused(self):
        out = self.heraldd("--check-config", "--config", self.fifo)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn(f"{self.fifo}: cannot read: not a regular file", out.stderr)
        out = self.heraldd("--config", self.fifo)
        self.assertEqual(out.returncode, EX_CONFIG)
        self.assertIn(f"{self.fifo}: not a regular file", out.stderr)

    # ------------------------------------------------------------------ endpoints

    def test_an_endpoint_port_out_of_range_or_missing_is_named(self):
        for cmd in ("status", "tail"):
            for endpoint, why in (("tcp://127.0.0.1:99999", "the port 99999 is out of range (1 to 65535)"),
                                  ("tcp://127.0.0.1:0", "the port 0 is out of range"),
                                  ("tcp://localhost", "tcp:// needs HOST:PORT: no port given"),
                                  ("tcp://[::1]", "tcp:// needs HOST:PORT: no port given"),
                                  ("tcp://127.0.0.1:55x", "the port '55x' is not a number")):
                for option in ("--endpoint", "--replay-endpoint"):
                    out = subprocess.run([HERALD, cmd, option, endpoint], capture_output=True, text=True,
                                         timeout=10, stdin=subprocess.DEVNULL)
                    self.assertNotEqual(out.returncode, 0, (cmd, option, endpoint))
                    self.assertIn(f"herald {cmd}: {option}: '{endpoint}': {why}", out.stderr)
                    self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)


class LiveTest(DaemonTestCase):
    """A running daemon: its inbox, and what herald status says of it."""

    tmp_prefix = "herald-h6-live-"

    def start(self, *args):
        self.inbox = os.path.join(self.tmp, "inbox")
        os.mkdir(self.inbox)
        self.events = f"ipc://{self.tmp}/events"
        self.log_path = os.path.join(self.tmp, "log")
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen([HERALDD, "--bind", self.events, "--replay-bind", f"ipc://{self.tmp}/replay",
                                          "--inbox", self.inbox, "--heartbeat", "50", *args],
                                         stdout=log, stderr=subprocess.STDOUT)
        self.wait_log("watching inbox", timeout=10)

    def test_directory_fifo_and_links_made_in_the_inbox_are_filed_away(self):
        self.start()
        article = os.path.join(self.tmp, "outside.txt")
        with open(article, "w") as f:
            f.write("Date: 2024-09-02\n\nVladimir Putin arrived in Mongolia on Monday evening.\n")
        os.mkdir(os.path.join(self.inbox, "folder"))
        os.mkfifo(os.path.join(self.inbox, "pipe.txt"))
        os.symlink(article, os.path.join(self.inbox, "link.txt"))
        self.wait_log("folder: a directory, not a regular file: filed in failed/ unread", timeout=10)
        self.wait_log("pipe.txt: a FIFO, not a regular file: filed in failed/ unread", timeout=10)
        self.wait_log("link.txt: a symbolic link (never followed), not a regular file: filed in failed/ unread",
                      timeout=10)
        os.link(article, os.path.join(self.inbox, "hard.txt"))  # a hard link is complete when made
        self.wait_log("hard.txt: published 1 events", timeout=10)
        wait_for("the inbox to empty", lambda: sorted(os.listdir(self.inbox)) == ["done", "failed"], timeout=10)
        self.assertEqual(sorted(os.listdir(os.path.join(self.inbox, "failed"))), ["folder", "link.txt", "pipe.txt"])
        self.assertEqual(self.logged().count("folder:"), 1, self.logged())
        self.assertTrue(os.path.exists(article))

    def test_a_regular_file_still_being_written_is_not_taken_early(self):
        self.start()
        path = os.path.join(self.inbox, "slow.txt")
        with open(path, "w") as f:
            f.write("Date: 2024-09-02\n\n")
            f.flush()
            time.sleep(0.3)  # the IN_CREATE has been read by now; the article must wait for the close
            f.write("Vladimir Putin arrived in Mongolia on Monday evening.\n")
        self.wait_log("slow.txt: published 1 events", timeout=10)
        self.assertNotIn("slow.txt: no events", self.logged())

    def test_status_does_not_count_itself(self):
        self.start()
        out = subprocess.run([HERALD, "status", "--endpoint", self.events, "--output", "json"], capture_output=True,
                             text=True, timeout=10)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["subscribers"], 0)
        sub = self.ctx.socket(zmq.SUB)
        sub.setsockopt(zmq.LINGER, 0)
        sub.setsockopt(zmq.SUBSCRIBE, b"hb")
        sub.connect(self.events)
        self.assertTrue(sub.poll(5000), "no heartbeat")  # connected, and counted
        out = subprocess.run([HERALD, "status", "--endpoint", self.events, "--output", "json"], capture_output=True,
                             text=True, timeout=10)
        self.assertEqual(json.loads(out.stdout)["subscribers"], 1)
        sub.close()


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v", *sys.argv[3:]], verbosity=2)  # then test names, to run a few
