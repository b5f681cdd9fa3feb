#!/usr/bin/python3
"""herald tail and herald status used the way a careless or hostile user would:
piped into head, writing to a full disk, numbers past 2^64, seconds written as
hex, certificates that are devices, FIFOs or directories. Each ends at once with
one line naming the option, never hangs.

    test_cli_hostile.py HERALDD HERALD
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

from heraldtest import wait_published

HERALDD, HERALD = sys.argv[1], os.path.abspath(sys.argv[2])
N = 18  # events of the bundled article


class CliHostileTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-cli-hostile-")
        self.events = f"ipc://{self.tmp}/events"
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def daemon(self, *articles, n=N):
        p = subprocess.Popen([HERALDD, "--bind", self.events, "--replay-bind", f"ipc://{self.tmp}/replay",
                              "--log-level", "warning", *articles])
        self.procs.append(p)
        wait_published(HERALD, self.events, n)

    def herald(self, *args, timeout=10):
        return subprocess.run([HERALD, *args], capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)

    def refused(self, args, message):
        out = self.herald(*args)
        self.assertEqual(out.returncode, 1, (args, out.stderr))
        self.assertEqual(out.stdout, "", args)
        self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)
        self.assertIn(message, out.stderr, args)

    # ------------------------------------------------------------------ the output goes away

    def tail_into_a_reader_that_leaves(self, restore_signals):
        """herald tail -n 3 | head -1: three lines fit the pipe, then the stream is quiet."""
        p = subprocess.Popen([HERALD, "tail", "--endpoint", self.events, "-n", "3"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, restore_signals=restore_signals)
        self.procs.append(p)
        self.assertIn('"specversion"', p.stdout.readline().decode())
        p.stdout.close()  # head -1 has its line and exits
        try:
            code = p.wait(5)
        except subprocess.TimeoutExpired:
            self.fail("herald tail still runs after its reader has gone")
        err = p.stderr.read().decode()
        p.stderr.close()
        return code, err

    def test_tail_piped_into_head_ends_when_head_does(self):
        self.daemon()
        code, err = self.tail_into_a_reader_that_leaves(restore_signals=True)
        self.assertEqual(code, -signal.SIGPIPE)  # as any filter in a pipe: the shell sees 141
        self.assertEqual(err, "")

    def test_tail_with_sigpipe_ignored_says_broken_pipe(self):
        self.daemon()
        code, err = self.tail_into_a_reader_that_leaves(restore_signals=False)  # Python ignores SIGPIPE
        self.assertEqual(code, 1)
        self.assertEqual(err, "herald tail: cannot write the output: Broken pipe\n")

    def test_following_into_a_full_disk_stops_at_the_first_failed_line(self):
        self.daemon()
        with open("/dev/full", "w") as full:
            p = subprocess.Popen([HERALD, "tail", "--endpoint", self.events, "--from-start"], stdout=full,
                                 stderr=subprocess.PIPE, text=True)
            self.procs.append(p)
            try:
                code = p.wait(5)
            except subprocess.TimeoutExpired:
                self.fail("herald tail follows on although nothing it prints can be written")
        err = p.stderr.read()
        p.stderr.close()
        self.assertEqual(code, 1)
        self.assertEqual(err, "herald tail: cannot write the output: No space left on device\n")

    def test_status_help_and_version_into_a_full_disk_are_errors(self):
        self.daemon()
        for args in (["status", "--endpoint", self.events], ["--help"], ["--version"], ["tail", "--help"],
                     ["status", "--help"]):
            with open("/dev/full", "w") as full:
                out = subprocess.run([HERALD, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=10)
            self.assertEqual(out.returncode, 1, args)
            self.assertIn("cannot write the output: No space left on device", out.stderr, args)

    # ------------------------------------------------------------------ what an article may hold

    def test_control_characters_of_an_article_never_reach_the_terminal(self):
        """A quote with an OSC title, a clear-screen and a C1 CSI: escaped on pretty lines and in templates."""
        article = os.path.join(self.tmp, "esc.txt")
        with open(article, "wb") as f:
            f.write(b"Id: esc\nDate: 2024-09-02\n\nForeign Ministry spokesman Georgiy Tykhiy accused Mongolia of "
                    b"\xe2\x80\x9callowing \x1b]0;pwned\x07\x1b[2J\xc2\x9b31mthe\tcriminal to escape.\xe2\x80\x9d\n")
        self.daemon(article, n=1)
        raw = self.herald("tail", "--endpoint", self.events, "--from-start", "-e").stdout
        self.assertIn("\\u001b]0;pwned\\u0007", raw.lower())  # the event carries them (JSON-escaped, as sent)
        escaped = "allowing \\x1b]0;pwned\\x07\\x1b[2J\\u009b31mthe\\tcriminal to escape."
        for args in (["--output", "pretty", "--color", "never"], ["-F", "%s %k %h %j"], ["--output", "json"]):
            out = self.herald("tail", "--endpoint", self.events, "--from-start", "-e", *args)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertFalse(any(c < " " and c not in "\n " or "\x7f" <= c <= "\x9f" for c in out.stdout), repr(out.stdout))
            if args[0] == "-F":
                self.assertEqual(len(out.stdout.splitlines()), 1, out.stdout)
                self.assertEqual(json.loads(out.stdout.split(" ", 6)[6]), json.loads(raw))  # %j: still the same JSON
            elif args[1] == "json":
                self.assertEqual(json.loads(out.stdout), json.loads(raw))
        pretty = self.herald("tail", "--endpoint", self.events, "--from-start", "-e", "--output", "pretty").stdout
        self.assertIn(escaped, pretty)
        quote = self.herald("tail", "--endpoint", self.events, "--from-start", "-e", "-F", "%h|%i|%k").stdout
        self.assertEqual(quote, "Georgiy Tykhiy accuses Mongolia|esc/1|accusation\n")

    # ------------------------------------------------------------------ option values

    def test_numbers_past_2_to_the_64_are_refused_not_clamped(self):
        down = ["--endpoint", self.events, "--connect-timeout", "0.2"]  # no daemon: exit 2 if taken
        for option, message in (("--last", "--last: not a count"), ("-n", "--last: not a count"),
                                ("--from-seq", "--from-seq: not a sequence number"),
                                ("--count", "--count: not a positive count"), ("-c", "--count: not a positive count")):
            for value in ("18446744073709551616", "99999999999999999999999"):
                self.refused(["tail", *down, option, value], f"herald tail: {message}: '{value}'")
        for value in ("18446744073709551616", "-18446744073709551616"):
            self.refused(["tail", *down, "-o", value], f"herald tail: -o: not beginning, end, a sequence or -N")

    def test_seconds_are_plain_decimals_of_at_least_a_millisecond(self):
        range_ = "not a number of seconds from 0.001 to 2000000"
        for value in ("0x10", "1e3", " 5", "5 ", "inf", "nan", "-1", "0", "0.0001", "0.0009", ".", "", "1,5"):
            self.refused(["tail", "--connect-timeout", value], f"herald tail: --connect-timeout: {range_}: '{value}'")
            self.refused(["tail", "--timeout", value], f"herald tail: --timeout: {range_}: '{value}'")
            self.refused(["status", "--connect-timeout", value],
                         f"herald status: --connect-timeout: {range_}: '{value}'")
        for value in ("0.001", "5.", ".5", "2000000"):  # taken (the last -W wins): no daemon, so exit 2
            out = self.herald("status", "--endpoint", self.events, "-W", value, "--connect-timeout", "0.2")
            self.assertEqual(out.returncode, 2, (value, out.stderr))

    # ------------------------------------------------------------------ certificates

    def test_certificates_that_are_not_files_are_refused_at_once(self):
        fifo = os.path.join(self.tmp, "fifo")
        os.mkfifo(fifo)
        key = os.path.join(self.tmp, "key")
        self.assertEqual(self.herald("keygen", key).returncode, 0)
        big = os.path.join(self.tmp, "big")
        with open(big, "w") as f:
            f.write("#" * 70000 + "\n")
        for cmd in ("tail", "status"):
            for option, args in (("--server-key", []), ("--cert", ["--server-key", key])):
                for path, why in (("/dev/zero", "not a regular file"), (fifo, "not a regular file"),
                                  (self.tmp, "Is a directory"), (big, "70001 bytes: too large for a certificate")):
                    try:
                        self.refused([cmd, "--endpoint", self.events, *args, option, path],
                                     f"herald {cmd}: {option} '{path}': {why}")
                    except subprocess.TimeoutExpired:
                        self.fail(f"herald {cmd} {option} {path} hangs")

    def test_a_missing_certificate_is_named_with_the_command(self):
        missing = os.path.join(self.tmp, "no-such-certificate")
        self.refused(["tail", "--server-key", missing], f"herald tail: --server-key '{missing}': No such file")
        self.refused(["status", "--cert", missing], "herald status: --cert needs --server-key")

    def test_a_certificate_whose_path_is_40_z85_characters_is_read_as_a_file(self):
        """libherald takes 40 Z85 characters for the key itself; a file of that name is meant, and read."""
        name = "curve/herald/news-host-1234567890.public"  # 40 characters, every one of them Z85
        self.assertEqual(len(name), 40)
        os.makedirs(os.path.join(self.tmp, os.path.dirname(name)))
        with open(os.path.join(self.tmp, name), "w") as f:
            f.write("not a certificate\n")
        for cmd in ("tail", "status"):
            out = subprocess.run([HERALD, cmd, "--endpoint", self.events, "--connect-timeout", "0.2", "--server-key",
                                  name], capture_output=True, text=True, timeout=10, cwd=self.tmp)
            self.assertEqual(out.returncode, 1, out.stderr)  # not 2: no daemon was tried with a made-up key
            self.assertIn("no public-key in a curve section: not a CURVE certificate", out.stderr)

    # ------------------------------------------------------------------ keygen

    def test_keygen_into_a_missing_directory_names_the_directory(self):
        alice = os.path.join(self.tmp, ".curve", "alice")  # README: herald keygen ~/.curve/alice
        self.refused(["keygen", alice], f"herald keygen: '{alice}_secret': the directory "
                                        f"'{os.path.dirname(alice)}' does not exist (mkdir -p it first)")

    def test_keygen_of_a_directory_writes_nothing(self):
        for path in (self.tmp, self.tmp + "/", os.path.join(self.tmp, "new") + "/"):
            self.refused(["keygen", path], f"herald keygen: '{path}' names a directory: give the certificate's "
                                           f"own name ({path.rstrip('/')}/server)")
            self.assertEqual(os.listdir(self.tmp), [], path)  # not even a _secret made and removed


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
