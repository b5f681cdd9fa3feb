#!/usr/bin/env python3
"""heraldd loads its codebook on two threads while its main thread binds the
sockets; what it says and how it exits must read as when everything was done
one step after another: a bad codebook is the only error told (exit 78), even
when the bind or the journal would fail too; with several bad files the first
in load order (lexicon, gazetteer, timex, rules) is named; a journal file is
neither created nor touched for a bad codebook; a good start logs its lines in
the old order.
    test_start_order.py HERALDD
"""
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERALDD = sys.argv[1]
DATA = os.environ["HERALD_DATA_DIR"]
FILES = ["lexicon.txt", "gazetteer.txt", "timex.txt", "rules.txt"]  # load order
RUNS = 3  # each bad pair: the threads may finish in either order


class StartOrder(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-start-")
        self.inbox = os.path.join(self.tmp, "inbox")
        os.mkdir(self.inbox)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def data(self, *bad):
        """A copy of the codebook with a broken section header at the end of each bad file."""
        d = tempfile.mkdtemp(dir=self.tmp)
        for name in os.listdir(DATA):
            if name.endswith(".txt"):
                shutil.copy(os.path.join(DATA, name), d)
        for name in bad:
            with open(os.path.join(d, name), "a") as f:
                f.write("\n[broken\n")
        return d

    def heraldd(self, *args, bind=None):
        bind = bind or f"ipc://{self.tmp}/events"
        return subprocess.run([HERALDD, "--bind", bind, "--replay-bind", f"ipc://{self.tmp}/replay",
                               "--inbox", self.inbox, "--once", *args],
                              capture_output=True, text=True, timeout=30)

    def lines(self, out):
        return [l for l in out.stderr.splitlines() if l.strip()]

    def assert_only_codebook_error(self, out, data, name):
        self.assertEqual(out.returncode, 78, out.stderr)
        lines = self.lines(out)
        self.assertEqual(len(lines), 1, out.stderr)
        self.assertIn(f"{data}/{name}:", lines[0])
        self.assertIn("section header must end with ']'", lines[0])

    def test_each_bad_file_is_named(self):
        for name in FILES:
            data = self.data(name)
            check = subprocess.run([HERALDD, "--check-config", "--data-dir", data], capture_output=True, text=True)
            self.assert_only_codebook_error(check, data, name)
            self.assert_only_codebook_error(self.heraldd("--data-dir", data), data, name)

    def test_of_two_bad_files_the_first_in_load_order_is_named(self):
        for first, second in itertools.combinations(FILES, 2):
            data = self.data(first, second)
            for _ in range(RUNS):
                check = subprocess.run([HERALDD, "--check-config", "--data-dir", data], capture_output=True,
                                       text=True)
                self.assert_only_codebook_error(check, data, first)
                self.assert_only_codebook_error(self.heraldd("--data-dir", data), data, first)

    def test_bad_codebook_wins_over_a_failed_bind(self):
        data = self.data("rules.txt")
        out = self.heraldd("--data-dir", data, bind=f"ipc://{self.tmp}/no/such/dir/events")
        self.assert_only_codebook_error(out, data, "rules.txt")
        self.assertNotIn("cannot bind", out.stderr)

    def test_a_failed_bind_is_told_after_the_lines_before_it(self):
        out = self.heraldd(bind=f"ipc://{self.tmp}/no/such/dir/events")
        self.assertEqual(out.returncode, 69, out.stderr)
        lines = self.lines(out)
        self.assertEqual(len(lines), 2, out.stderr)
        self.assertIn("no journal: new epoch", lines[0])
        self.assertIn(f"cannot bind 'ipc://{self.tmp}/no/such/dir/events'", lines[1])

    def test_bad_codebook_leaves_the_journal_alone(self):
        data = self.data("timex.txt")
        journal = os.path.join(self.tmp, "journal.jsonl")
        out = self.heraldd("--data-dir", data, "--journal", journal)
        self.assert_only_codebook_error(out, data, "timex.txt")
        self.assertFalse(os.path.exists(journal))
        out = self.heraldd("--data-dir", data, "--journal", os.path.join(self.tmp, "no/such/dir/journal"))
        self.assert_only_codebook_error(out, data, "timex.txt")

    def test_a_good_start_logs_in_order(self):
        out = self.heraldd("--log-level", "debug")
        self.assertEqual(out.returncode, 0, out.stderr)
        said = [l.split(": ", 1)[1] for l in self.lines(out) if " heraldd info: " in l]
        self.assertEqual(said[:4], ["no journal: new epoch " + said[0].rsplit(" ", 1)[1],
                                    f"publishing on ipc://{self.tmp}/events", f"replay on ipc://{self.tmp}/replay",
                                    f"watching inbox {self.inbox}"], out.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
