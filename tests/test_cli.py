#!/usr/bin/python3
"""The herald command line against real heraldd processes.

    test_cli.py HERALDD HERALD
"""
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import struct
import tempfile
import threading
import time
import unittest

import zmq

from heraldtest import wait_published

HERALDD, HERALD = sys.argv[1], sys.argv[2]
N = 18


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-cli-")
        self.events = f"ipc://{self.tmp}/events"
        self.replay = f"ipc://{self.tmp}/replay"
        self.journal = os.path.join(self.tmp, "journal")
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def daemon(self, *args):
        p = subprocess.Popen([HERALDD, "--bind", self.events, "--replay-bind", self.replay, "--journal",
                              self.journal, "--log-level", "warning", *args])
        self.procs.append(p)
        return p

    def published(self, n=N):
        wait_published(HERALD, self.events, n)

    def tail(self, *args, timeout=20):
        return subprocess.run([HERALD, "tail", "--endpoint", self.events, *args], capture_output=True, text=True,
                              timeout=timeout)

    def journal_events(self):
        with open(self.journal) as f:
            return [l.rstrip("\n") for l in f if l.startswith('{"specversion"')]

    # ------------------------------------------------------------------ formats

    def test_jsonl_lines_are_what_the_daemon_sent(self):
        self.daemon()
        self.published()
        out = self.tail("--from-start", "--no-follow")
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.splitlines()
        self.assertEqual(lines, self.journal_events())  # jsonl is the default when piped
        for line in lines:
            json.loads(line)

    def test_json_output_is_indented_json(self):
        self.daemon()
        self.published()
        out = self.tail("--from-start", "--no-follow", "--output", "json")
        decoder, text, events = json.JSONDecoder(), out.stdout, []
        while text.strip():
            ev, end = decoder.raw_decode(text.lstrip())
            events.append(ev)
            text = text.lstrip()[end:]
        self.assertEqual([e["sequence"] for e in events], [f"{i:020d}" for i in range(1, N + 1)])
        self.assertIn('\n  "specversion": "1.0"', out.stdout)

    def test_raw_and_pretty_and_template(self):
        self.daemon()
        self.published()
        raw = self.tail("--from-start", "--no-follow", "--output", "raw").stdout.splitlines()
        self.assertTrue(raw[0].startswith("ev.arrival.putin-mongolia 1 {"))
        pretty = self.tail("--from-start", "--no-follow", "--output", "pretty").stdout.splitlines()
        self.assertEqual(len(pretty), N)
        self.assertRegex(pretty[0], r"^\s+1  2024-09-02TEV\s+arrival\s+Vladimir Putin arrives in Mongolia")
        self.assertNotIn("\033[", "".join(pretty))  # no colour when not on a terminal
        quoted = [l for l in pretty if "accusation" in l][0]
        self.assertIn("\u201callowing the indicted criminal", quoted)
        self.assertIn("\u2026\u201d", quoted)  # shortened
        fmt = self.tail("--from-start", "--no-follow", "--format", "%s|%k|%w|%i|%%|%h").stdout.splitlines()
        self.assertEqual(fmt[0], "1|arrival|2024-09-02TEV|putin-mongolia/1|%|Vladimir Putin arrives in Mongolia")

    # ------------------------------------------------------------------ stopping

    def test_count_stops_after_n(self):
        self.daemon()
        self.published()
        out = self.tail("--from-start", "--count", "3")
        self.assertEqual(out.returncode, 0)
        self.assertEqual(len(out.stdout.splitlines()), 3)

    def test_last_n_and_from_seq(self):
        self.daemon()
        self.published()
        last = self.tail("--last", "2", "--no-follow", "--format", "%s").stdout.split()
        self.assertEqual(last, ["17", "18"])
        seq = self.tail("--from-seq", "15", "--no-follow", "--format", "%s").stdout.split()
        self.assertEqual(seq, ["15", "16", "17", "18"])
        topic = self.tail("--from-start", "--no-follow", "--topic", "ev.commemoration.", "--format", "%s").stdout
        self.assertEqual(topic.split(), ["12", "13"])

    def test_no_daemon_is_exit_2_within_the_connect_timeout(self):
        start = time.monotonic()
        out = self.tail("--connect-timeout", "1")
        took = time.monotonic() - start
        print(f"no daemon: exit {out.returncode} after {took:.2f} s (connect timeout 1 s)")
        self.assertEqual(out.returncode, 2)
        self.assertIn(f"no answer from the daemon at '{self.events}'", out.stderr)
        status = subprocess.run([HERALD, "status", "--endpoint", self.events, "--connect-timeout", "1"],
                                capture_output=True, text=True)
        self.assertEqual(status.returncode, 2)

    def test_unreachable_replay_endpoint_does_not_hang(self):
        self.daemon()
        self.published()
        out = self.tail("--replay-endpoint", f"ipc://{self.tmp}/nothing", "--from-start", "--no-follow",
                        "--connect-timeout", "0.3")
        self.assertEqual(out.returncode, 2)

    def test_write_error_is_exit_1(self):
        self.daemon()
        self.published()
        with open("/dev/full", "w") as full:
            out = subprocess.run([HERALD, "tail", "--endpoint", self.events, "--from-start", "--no-follow"],
                                 stdout=full, stderr=subprocess.PIPE, text=True, timeout=20)
        self.assertEqual(out.returncode, 1)
        self.assertIn("cannot write the output", out.stderr)

    def test_idle_daemon_with_timeout_is_exit_27(self):
        self.daemon()
        self.published()
        out = self.tail("--last", "0", "--timeout", "1")
        self.assertEqual(out.returncode, 27)
        self.assertEqual(out.stdout, "")

    def test_output_streams_line_by_line(self):
        self.daemon("--interval", "300")
        p = subprocess.Popen([HERALD, "tail", "--endpoint", self.events, "--from-start", "--until-end"],
                             stdout=subprocess.PIPE, text=True)
        self.procs.append(p)
        ready, _, _ = select.select([p.stdout], [], [], 10)
        self.assertTrue(ready)
        first = p.stdout.readline()  # arrives while the daemon is still publishing
        self.assertIn('"id":"putin-mongolia/1"', first)
        self.assertIsNone(p.poll())
        rest = p.stdout.read()
        self.assertEqual(p.wait(20), 0)  # --until-end: the article's last event ends it
        self.assertEqual(len(rest.splitlines()), N - 1)

    def test_sigint_exits_0(self):
        self.daemon()
        p = subprocess.Popen([HERALD, "tail", "--endpoint", self.events], stdout=subprocess.DEVNULL)
        self.procs.append(p)
        time.sleep(0.5)
        p.send_signal(signal.SIGINT)
        self.assertEqual(p.wait(5), 0)

    # ------------------------------------------------------------------ terminal

    def run_in_tty(self, *args, env=None):
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(HERALD, [HERALD, "tail", "--endpoint", self.events, *args], env or dict(os.environ))
        out = b""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status), out.decode()

    def test_terminal_defaults_last_10_pretty_colour_and_no_color(self):
        self.daemon()
        self.published()
        code, out = self.run_in_tty("--no-follow")
        self.assertEqual(code, 0)
        lines = [l for l in out.splitlines() if l.strip()]
        self.assertEqual(len(lines), 10)  # the last 10 by default on a terminal
        self.assertIn("\033[1m", out)  # colour
        self.assertIn("Vladimir Putin travels with a delegation to Mongolia", out)
        env = dict(os.environ, NO_COLOR="1")
        code, out = self.run_in_tty("--no-follow", env=env)
        self.assertNotIn("\033[", out)

    # ------------------------------------------------------------------ make demo

    def demo(self):
        build = os.path.dirname(HERALDD)
        return subprocess.Popen([os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo.sh"), build, "50"],
                                stdout=subprocess.PIPE, text=True, start_new_session=True)

    def assert_no_daemon_left(self, demo):
        left = subprocess.run(["pgrep", "-s", str(demo.pid)], capture_output=True, text=True).stdout.split()
        self.assertEqual(left, [], "processes left behind by the demo")

    def test_demo_ends_by_itself_and_leaves_nothing(self):
        demo = self.demo()
        out, _ = demo.communicate(timeout=60)
        self.assertEqual(demo.returncode, 0)
        sequences = [int(l.split()[0]) for l in out.splitlines() if l[:6].strip().isdigit()]
        self.assertEqual(sequences, list(range(1, N + 1)))
        self.assert_no_daemon_left(demo)

    def test_demo_ctrl_c_leaves_nothing(self):
        demo = self.demo()
        time.sleep(0.5)
        os.killpg(demo.pid, signal.SIGINT)  # what Ctrl-C does to the terminal's process group
        demo.communicate(timeout=10)
        time.sleep(0.2)
        self.assert_no_daemon_left(demo)

    # ------------------------------------------------------------------ issue 11: habits, messages, gaps

    def test_short_options_as_mosquitto_sub_and_kcat(self):
        self.daemon()
        self.published()
        fmt = ["-e", "-F", "%s"]
        self.assertEqual(self.tail("-t", "ev.commemoration.", "-o", "beginning", *fmt).stdout.split(), ["12", "13"])
        self.assertEqual(self.tail("-n", "2", *fmt).stdout.split(), ["17", "18"])
        self.assertEqual(self.tail("-o", "-2", *fmt).stdout.split(), ["17", "18"])
        self.assertEqual(self.tail("-o", "16", *fmt).stdout.split(), ["16", "17", "18"])
        self.assertEqual(self.tail("-o", "beginning", "-C", "3", "-F", "%s").stdout.split(), ["1", "2", "3"])
        self.assertEqual(self.tail("-o", "beginning", "-c", "2", "-F", "%s").stdout.split(), ["1", "2"])
        out = subprocess.run([HERALD, "tail", "-b", self.events, "-o", "beginning", "-e", "-J"], capture_output=True,
                             text=True)
        self.assertEqual(out.stdout.splitlines(), self.journal_events())
        idle = self.tail("-n", "0", "-W", "0.5")
        self.assertEqual(idle.returncode, 27)
        self.assertRegex(subprocess.run([HERALD, "tail", "-V"], capture_output=True, text=True).stdout,
                         r"^herald \d+\.\d+\.\d+ \(libherald")
        self.assertIn("Usage: herald tail", subprocess.run([HERALD, "tail", "-h"], capture_output=True, text=True).stdout)
        status = subprocess.run([HERALD, "status", "-b", self.events, "-J"], capture_output=True, text=True)
        self.assertEqual(json.loads(status.stdout)["sequence"], N)

    def test_short_options_are_in_the_help_and_the_man_page(self):
        help_text = subprocess.run([HERALD, "tail", "--help"], capture_output=True, text=True).stdout
        man = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "man", "herald.1")).read()
        for letter in "btnoeCcWJFvqVh":
            self.assertRegex(help_text, rf"(?m)^\s+(.*, )?-{letter}\b", letter)
            self.assertIn(f"\\-{letter}", man, letter)

    def test_getopt_errors_keep_the_herald_prefix(self):
        for args, message in ((["tail", "-x"], "herald tail: invalid option -- 'x'"),
                              (["tail", "--bogus"], "herald tail: unrecognized option '--bogus'"),
                              (["tail", "--count"], "herald tail: option '--count' requires an argument"),
                              (["status", "-x"], "herald status: invalid option -- 'x'")):
            out = subprocess.run([HERALD, *args], capture_output=True, text=True)
            self.assertEqual(out.returncode, 1, args)
            self.assertEqual(out.stderr.splitlines()[0], message)

    def test_color_option_and_no_color(self):
        self.daemon()
        self.published()
        piped = self.tail("-n", "1", "-e", "--output", "pretty", "--color=always").stdout
        self.assertIn("\033[1m", piped)  # always: even into a pipe
        self.assertNotIn("\033[", self.tail("-n", "1", "-e", "--output", "pretty", "--color=auto").stdout)
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        _, out = self.run_in_tty("-n", "1", "-e", "--color=never", env=env)
        self.assertNotIn("\033[", out)
        _, out = self.run_in_tty("-n", "1", "-e", env=dict(env, NO_COLOR=""))
        self.assertIn("\033[1m", out)  # an empty NO_COLOR is not a request
        _, out = self.run_in_tty("-n", "1", "-e", env=dict(env, NO_COLOR="1"))
        self.assertNotIn("\033[", out)
        _, out = self.run_in_tty("-n", "1", "-e", "--color=always", env=dict(env, NO_COLOR="1"))
        self.assertIn("\033[1m", out)  # the option wins over the environment
        bad = self.tail("--color=sometimes")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("--color: not auto, always or never: 'sometimes'", bad.stderr)

    def test_messages_say_what_is_wrong(self):
        for args, message in (
                (["tail", "--endpoint", "localhost:5556"],
                 "herald tail: --endpoint: 'localhost:5556' is not an endpoint: use tcp://HOST:PORT"),
                (["status", "--endpoint", "foo"], "herald status: --endpoint: 'foo' is not an endpoint"),
                (["tail", "--format", "%x"], "herald tail: --format: unknown field '%x'"),
                (["tail", "--topic", "arrival."], "herald tail: --topic: topic 'arrival.' can never match"),
                (["tail", "-t", "hb"], "herald tail: --topic: topic 'hb' can never match"),
                (["tail", "-o", "middle"], "herald tail: -o: not beginning, end, a sequence or -N: 'middle'")):
            out = subprocess.run([HERALD, *args], capture_output=True, text=True)
            self.assertEqual(out.returncode, 1, args)
            self.assertIn(message, out.stderr)
        down = subprocess.run([HERALD, "status", "--endpoint", self.events, "--connect-timeout", "0.3"],
                              capture_output=True, text=True)
        self.assertEqual(down.returncode, 2)
        self.assertIn(f"'{self.replay}'", down.stderr)  # which endpoint did not answer

    def test_gap_past_the_retained_window_prints_what_is_kept(self):
        self.daemon("--retain", "5")
        self.published()
        out = self.tail("--from-seq", "1", "--no-follow", "--format", "%s")
        self.assertEqual(out.stdout.split(), ["14", "15", "16", "17", "18"])
        self.assertIn("events 1 to 13 are gone (older than the daemon keeps); the oldest kept is 14", out.stderr)
        self.assertEqual(out.returncode, 3)  # events lost for good
        quiet = self.tail("--from-seq", "1", "--no-follow", "--format", "%s", "-q")
        self.assertEqual((quiet.returncode, quiet.stderr, quiet.stdout), (3, "", out.stdout))  # -q: nothing said

    def test_last_n_counts_the_matching_events(self):
        self.daemon()
        self.published()
        out = self.tail("--last", "1", "--topic", "ev.commemoration.", "--no-follow", "--format", "%s")
        self.assertEqual(out.stdout.split(), ["13"])  # not the stream's last, filtered away
        out = self.tail("--last", "3", "--topic", "ev.commemoration.", "--topic", "ev.arrival.", "--no-follow",
                        "--format", "%s")
        self.assertEqual(out.stdout.split(), ["1", "12", "13"])

    def test_replay_that_never_answers_live_still_flows(self):
        self.daemon("--interval", "300", "--heartbeat", "100")
        for _ in range(200):  # publishing has begun
            st = subprocess.run([HERALD, "status", "--endpoint", self.events, "--output", "json"],
                                capture_output=True, text=True)
            if st.returncode == 0 and json.loads(st.stdout)["sequence"] >= 1:
                break
            time.sleep(0.05)
        nowhere = f"ipc://{self.tmp}/nowhere"
        out = self.tail("--last", "3", "--replay-endpoint", nowhere, "--connect-timeout", "0.5", "--verbose",
                        "--count", "3", "--format", "%s")
        self.assertEqual(out.returncode, 3, out.stderr)  # printed 3 live events, and says events were lost
        seqs = [int(x) for x in out.stdout.split()]
        self.assertEqual(len(seqs), 3)
        self.assertEqual(seqs, list(range(seqs[0], seqs[0] + 3)))
        self.assertIn(f"no answer from the replay endpoint '{nowhere}'", out.stderr)
        self.assertNotIn("went quiet", out.stderr)
        self.assertNotIn("nothing heard", out.stderr)

    # A stand-in daemon (pyzmq) whose replay socket is not at port + 1 and whose
    # heartbeat names it with a wildcard host, as the README's wire protocol asks of heraldd (which
    # may not do it yet).
    def test_endpoint_alone_is_enough_when_the_heartbeat_names_replay(self):
        ctx = zmq.Context()
        router, pub = ctx.socket(zmq.ROUTER), ctx.socket(zmq.PUB)
        router.bind("tcp://127.0.0.1:*")
        pub.bind("tcp://127.0.0.1:*")
        events = pub.getsockopt_string(zmq.LAST_ENDPOINT)
        rport = int(router.getsockopt_string(zmq.LAST_ENDPOINT).rsplit(":", 1)[1])
        self.assertNotEqual(rport, int(events.rsplit(":", 1)[1]) + 1)
        stop = threading.Event()

        def serve():
            hb = json.dumps({"time": "2026-01-01T00:00:00Z", "interval_ms": 50, "replay": f"tcp://*:{rport}"})
            while not stop.is_set():
                if router.poll(50):
                    peer, _, req, _, _, _ = router.recv_multipart()
                    for seq in (1, 2):
                        body = json.dumps({"id": f"x/{seq}", "data": {"kind": "arrival", "headline": f"h{seq}"}})
                        router.send_multipart([peer, b"EVENT", req, b"ev.arrival.x", struct.pack(">QQ", 5, seq),
                                               body.encode()])
                    router.send_multipart([peer, b"END", req, struct.pack(">QQ", 5, 2), b'{"count":2,"oldest":1}'])
                else:
                    pub.send_multipart([b"hb", struct.pack(">QQ", 5, 2), hb.encode()])

        t = threading.Thread(target=serve)
        t.start()
        try:
            out = subprocess.run([HERALD, "tail", "--endpoint", events, "--from-start", "--no-follow", "--format",
                                  "%s %h"], capture_output=True, text=True, timeout=20)
        finally:
            stop.set()
            t.join()
            ctx.destroy(linger=0)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.splitlines(), ["1 h1", "2 h2"])

    def test_readme_jq_sample_matches_the_output(self):
        readme = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "README.md")).read()
        section = readme.split("## herald tail and herald status\n", 1)[1].split("\n## ", 1)[0]
        block = section.split("```\n", 2)[1].splitlines()
        at = [i for i, line in enumerate(block) if line.startswith("$ herald tail") and "| jq" in line][0]
        rows = []
        for line in block[at + 1:]:
            if line.startswith("$ "):
                break
            rows.append(line)
        self.assertTrue(rows)
        self.daemon()
        self.published()
        command = block[at][2:].replace("herald tail", f"{HERALD} tail --endpoint {self.events}", 1)
        out = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=20)
        self.assertEqual(out.stdout.splitlines(), rows, command)

    # ------------------------------------------------------------------ status, help, usage

    def test_status(self):
        self.daemon()
        self.published()
        human = subprocess.run([HERALD, "status", "--endpoint", self.events], capture_output=True, text=True)
        self.assertEqual(human.returncode, 0)
        self.assertRegex(human.stdout, r"(?m)^sequence\s+18$")
        self.assertRegex(human.stdout, r"(?m)^epoch\s+[0-9a-f]{16}$")
        js = json.loads(subprocess.run([HERALD, "status", "--endpoint", self.events, "--output", "json"],
                                       capture_output=True, text=True).stdout)
        self.assertEqual(js["articles"], 1)

    def test_help_version_and_usage_errors(self):
        top = subprocess.run([HERALD, "--help"], capture_output=True, text=True)
        self.assertEqual(top.returncode, 0)
        self.assertIn("tail", top.stdout)
        self.assertIn("status", top.stdout)
        self.assertRegex(subprocess.run([HERALD, "--version"], capture_output=True, text=True).stdout,
                         r"^herald \d+\.\d+\.\d+ \(libherald \d+\.\d+\.\d+\)$")
        help_text = subprocess.run([HERALD, "tail", "--help"], capture_output=True, text=True).stdout
        for option in ("--endpoint", "--replay-endpoint", "--topic", "--last", "--from-start", "--from-seq",
                       "--no-follow", "--count", "--timeout", "--output", "--format", "--verbose", "--until-end",
                       "--connect-timeout"):
            self.assertIn(option, help_text)
        for args, message in ((["tail", "--output", "xml"], "--output: not pretty, json, jsonl or raw: 'xml'"),
                              (["tail", "--topic", "ev.arrival"], "--topic: topic 'ev.arrival' can never match"),
                              (["tail", "--count", "-1"], "--count: not a positive count"),
                              (["tail", "--format", "%q"], "unknown field"),
                              (["tail", "--connect-timeout", "5000000"], "--connect-timeout: not a number"),
                              (["frobnicate"], "unknown command 'frobnicate'")):
            out = subprocess.run([HERALD, *args], capture_output=True, text=True)
            self.assertEqual(out.returncode, 1, args)
            self.assertIn(message, out.stderr)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"], verbosity=2)
