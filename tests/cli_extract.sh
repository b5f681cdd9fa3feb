#!/bin/bash
# heraldd --extract and --check-config as a user runs them: exit codes (sysexits),
# one-line errors naming the file, events of the good files still printed, and
# sequence numbers running on across articles.
set -u
HERALDD=$1
T=$(mktemp -d /tmp/herald-cli.XXXXXX); trap 'rm -rf "$T"' EXIT
fails=0; passes=0
ok()   { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect_rc() { # want, got, what
  if [ "$1" = "$2" ]; then ok; else fail "$3: exit $2, want $1"; fi
}
bundled=$HERALD_DATA_DIR/articles/putin-mongolia.txt

# the bundled article, by default and by path
"$HERALDD" --extract >"$T/default.jsonl" 2>"$T/err"; expect_rc 0 $? "default extract"
n=$(wc -l <"$T/default.jsonl")
[ "$n" -ge 16 ] && ok || fail "default extract printed $n events"
"$HERALDD" --extract "$bundled" >"$T/one.jsonl"; expect_rc 0 $? "extract by path"
cmp -s <(sed 's/"time":"[^"]*",//' "$T/default.jsonl") <(sed 's/"time":"[^"]*",//' "$T/one.jsonl") \
  && ok || fail "default and by-path output differ"

# sequence numbers run on across articles; ids are <article>/<index>
"$HERALDD" --extract "$bundled" "$bundled" >"$T/two.jsonl"; expect_rc 0 $? "two articles"
/usr/bin/python3 - "$T/two.jsonl" "$n" <<'PY' && ok || fail "sequence numbering across articles"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
assert len(ev) == 2 * n, len(ev)
assert [int(e["sequence"]) for e in ev] == list(range(1, 2 * n + 1))
assert all(e["epoch"] == "0" * 16 for e in ev)
assert ev[n]["id"] == "putin-mongolia/1" and ev[n]["data"]["index"] == 1 and ev[n]["data"]["count"] == n
PY

# a missing file: its error names it, the good file's events are printed, exit 66
"$HERALDD" --extract "$T/nope.txt" "$bundled" >"$T/out" 2>"$T/err"; expect_rc 66 $? "missing file"
[ "$(wc -l <"$T/out")" = "$n" ] && ok || fail "events of the good file not printed after a missing one"
grep -q "nope.txt" "$T/err" && [ "$(wc -l <"$T/err")" = 1 ] && ok || fail "missing file error: $(cat "$T/err")"

# bad data: exit 65 and a one-line reason with the file name (and line)
printf 'Date: 2024-13-45\n\nGermany condemned it.\n' >"$T/baddate.txt"
"$HERALDD" --extract "$bundled" "$T/baddate.txt" >"$T/out" 2>"$T/err"; expect_rc 65 $? "bad date"
[ "$(wc -l <"$T/out")" = "$n" ] && ok || fail "events of the good file not printed before a bad one"
grep -q "baddate.txt:1:.*bad date '2024-13-45'" "$T/err" && ok || fail "bad date message: $(cat "$T/err")"

# no Date: header: --date, else the file's modification time
printf 'Germany condemned the plan on Friday.\n' >"$T/My Story.txt"
"$HERALDD" --extract --date 2024-09-02 "$T/My Story.txt" >"$T/out"; expect_rc 0 $? "--date"
grep -q '"id":"my-story/1"' "$T/out" && grep -q '"value":"2024-08-30"' "$T/out" && ok \
  || fail "--date or id from file name: $(cat "$T/out")"
touch -d 2023-05-10T12:00:00Z "$T/My Story.txt"
"$HERALDD" --extract "$T/My Story.txt" >"$T/out"; expect_rc 0 $? "mtime date"
grep -q '"date":"2023-05-10"' "$T/out" && ok || fail "mtime as document date: $(cat "$T/out")"

# stdin
"$HERALDD" --extract --date 2024-09-02 - <"$T/My Story.txt" >"$T/out"; expect_rc 0 $? "stdin"
grep -q '"id":"stdin/1"' "$T/out" && ok || fail "stdin id"

# usage errors say the one thing that is wrong
"$HERALDD" --extract --date yesterday >/dev/null 2>"$T/err"; expect_rc 64 $? "bad --date"
grep -q "\-\-date: 'yesterday'" "$T/err" && ok || fail "bad --date message: $(cat "$T/err")"
"$HERALDD" --frobnicate >/dev/null 2>&1; expect_rc 64 $? "unknown option"
"$HERALDD" --help | grep -q -- "--extract" && ok || fail "--help"
"$HERALDD" --help | grep -q -- "codebook is the first of: --data-dir, \$HERALD_DATA_DIR, /" && ok || fail "--help names the installed codebook directory"
"$HERALDD" --version | grep -Eq '^heraldd [0-9]+\.[0-9]+\.[0-9]+$' && ok || fail "--version"

# --check-config: 0 on the shipped data and example config, 78 with file:line on a broken copy
"$HERALDD" --check-config >/dev/null 2>&1; expect_rc 0 $? "check-config"
mkdir -p "$T/state/inbox" # the service's state directory, which systemd makes at start
"$HERALDD" --config "$HERALD_SOURCE_DIR/systemd/heraldd.conf" --inbox "$T/state/inbox" --journal "$T/state/journal" \
  --check-config >/dev/null 2>&1
expect_rc 0 $? "check-config of systemd/heraldd.conf"
cp -r "$HERALD_DATA_DIR" "$T/data"
printf '\n[rule broken]\ncameo = 04x\n' >>"$T/data/rules.txt"
line=$(grep -n 'cameo = 04x' "$T/data/rules.txt" | cut -d: -f1)
"$HERALDD" --check-config --data-dir "$T/data" 2>"$T/err"; expect_rc 78 $? "broken rules"
grep -q "rules.txt:$line:1: '04x' is not a CAMEO code" "$T/err" && ok || fail "rules error: $(cat "$T/err")"
cp "$HERALD_DATA_DIR/rules.txt" "$T/data/rules.txt"
printf '[entity Nowhere]\ntype = planet\n' >>"$T/data/gazetteer.txt"
"$HERALDD" --extract --data-dir "$T/data" >/dev/null 2>"$T/err"; expect_rc 78 $? "broken gazetteer"
grep -q "gazetteer.txt:[0-9]*:1: unknown type 'planet'" "$T/err" && ok || fail "gazetteer error: $(cat "$T/err")"

# The README's opening sample: its command, run as written, prints its rows.
readme=$HERALD_SOURCE_DIR/README.md
sample_cmd=$(grep -m1 '^\$ heraldd --extract events/articles/putin-mongolia.txt | jq' "$readme" | sed 's/^\$ heraldd //')
sed -n "/^\\$ heraldd --extract events\/articles\/putin-mongolia.txt | jq/,/^\\.\\.\\.\$/p" "$readme" | sed '1d;$d' >"$T/sample"
(cd "$HERALD_SOURCE_DIR" && bash -c "\"\$0\" $sample_cmd" "$HERALDD") | head -n "$(wc -l <"$T/sample")" >"$T/sample.out"
[ -s "$T/sample" ] && diff -u "$T/sample" "$T/sample.out" >"$T/sample.diff" && ok ||
  fail "README sample differs from the output: $(cat "$T/sample.diff")"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
