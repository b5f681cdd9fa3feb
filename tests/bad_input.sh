#!/bin/bash
# Hostile and broken articles: each gets a clean result or a one-line error that
# names the file (exit 65), never a crash, hang or leak (this runs under ASan),
# and the good article given after it is still coded.
set -u
HERALDD=$1
T=$(mktemp -d /tmp/herald-bad.XXXXXX); trap 'rm -rf "$T"' EXIT
fails=0; passes=0
good=$HERALD_DATA_DIR/articles/putin-mongolia.txt
n_good=$("$HERALDD" --extract "$good" | wc -l)

: >"$T/empty.txt"
printf 'Id: only-header\nTitle: Nothing\nDate: 2024-09-02\n' >"$T/only-header.txt"
printf 'Date: 2024-09-02\n\nPutin arrived in \xff\xfe Mongolia.\n' >"$T/invalid-utf8.txt"
printf 'Date: 2024-09-02\n\nPutin \xc0\x80 arrived.\n' >"$T/overlong-utf8.txt"
printf 'Date: 2024-09-02\n\nPutin arrived\x00 in Mongolia.\n' >"$T/nul-byte.txt"
printf 'Date: 2024-09-02\n\nPutin said “we will come. He arrived in Mongolia. It ended.\n' >"$T/unbalanced-quotes.txt"
printf 'Date: 2024-02-30\n\nPutin arrived in Mongolia.\n' >"$T/bad-date.txt"
printf 'Title: %s\nDate: 2024-09-02\n\nPutin arrived.\n' "$(head -c 2000 /dev/zero | tr '\0' 'x')" >"$T/long-header.txt"
head -c 10485760 /dev/zero | tr '\0' 'a' >"$T/ten-mib-line.txt"
cp /bin/ls "$T/binary.txt"
mkdir "$T/a-directory.txt"
# a 5 MiB article of real sentences, over the default 1 MiB limit
/usr/bin/python3 - "$T/five-mib.txt" <<'PY'
import sys

para = ("Vladimir Putin arrived in Mongolia on Monday evening. Kyiv accused Mongolia of “shielding him.” "
        "The Kremlin had assured last week that it had “no concerns”. Germany condemned the visit.\n")
with open(sys.argv[1], "w") as f:
    f.write("Date: 2024-09-02\n\n")
    while f.tell() < 5 * 1024 * 1024:
        f.write(para)
PY

# every bad file: exit 65, one line on stderr naming it, the good article's events printed
for f in empty only-header invalid-utf8 overlong-utf8 nul-byte bad-date long-header ten-mib-line binary \
         a-directory five-mib; do
  timeout 60 "$HERALDD" --extract "$T/$f.txt" "$good" >"$T/out" 2>"$T/err"; rc=$?
  lines=$(wc -l <"$T/err"); events=$(wc -l <"$T/out")
  if [ $rc = 65 ] && [ "$lines" = 1 ] && grep -q "$f.txt" "$T/err" && [ "$events" = "$n_good" ]; then
    passes=$((passes + 1)); echo "ok   $f: $(cat "$T/err")"
  else
    fails=$((fails + 1)); echo "FAIL $f: exit $rc, $events events, stderr: $(head -c 300 "$T/err")"
  fi
done

# unbalanced quotes are not an error: the sentences are still found and coded
timeout 60 "$HERALDD" --extract "$T/unbalanced-quotes.txt" >"$T/out" 2>"$T/err"; rc=$?
if [ $rc = 0 ] && grep -q '"kind":"arrival"' "$T/out"; then passes=$((passes + 1)); echo "ok   unbalanced-quotes"
else fails=$((fails + 1)); echo "FAIL unbalanced-quotes: exit $rc $(cat "$T/err")"; fi

# the 5 MiB article, allowed in: coded up to max-events (default 10000), with a warning
timeout 120 "$HERALDD" --extract --max-article-size 8388608 "$T/five-mib.txt" >"$T/out" 2>"$T/err"; rc=$?
events=$(wc -l <"$T/out")
if [ $rc = 0 ] && [ "$events" = 10000 ] && grep -q "stopped after 10000 events" "$T/err"; then
  passes=$((passes + 1)); echo "ok   five-mib coded: $events events, $(cat "$T/err")"
else fails=$((fails + 1)); echo "FAIL five-mib: exit $rc, $events events, $(head -c 300 "$T/err")"; fi

# max-events at its edge: an article of exactly N events is whole and silent, N+1 stops at N with a warning
n_art=$("$HERALDD" --extract "$good" | wc -l)
for limit in "$n_art" $((n_art - 1)) 100000 100001 0; do
  timeout 60 "$HERALDD" --extract --max-events "$limit" "$good" >"$T/out" 2>"$T/err"; rc=$?
  events=$(wc -l <"$T/out")
  case $limit in
    "$n_art"|100000) ok=$([ $rc = 0 ] && [ "$events" = "$n_art" ] && [ ! -s "$T/err" ] && echo y) ;;
    $((n_art - 1))) ok=$([ $rc = 0 ] && [ "$events" = "$limit" ] &&
                         grep -q "stopped after $limit events (max-events)" "$T/err" && echo y) ;;
    *) ok=$([ $rc = 64 ] && grep -q "max-events: '$limit' is not a number from 1 to 100000" "$T/err" && echo y) ;;
  esac
  if [ "$ok" = y ]; then passes=$((passes + 1)); echo "ok   --max-events $limit: exit $rc, $events events"
  else fails=$((fails + 1)); echo "FAIL --max-events $limit: exit $rc, $events events, $(head -c 300 "$T/err")"; fi
done

# max-article-size at its edge: an article of exactly N bytes is taken, N+1 is refused
size=$(stat -c %s "$good")
for limit in "$size" $((size - 1)); do
  timeout 60 "$HERALDD" --extract --max-article-size "$limit" "$good" >"$T/out" 2>"$T/err"; rc=$?
  events=$(wc -l <"$T/out")
  if { [ "$limit" = "$size" ] && [ $rc = 0 ] && [ "$events" = "$n_art" ]; } ||
     { [ "$limit" != "$size" ] && [ $rc = 65 ] && [ "$events" = 0 ] && grep -q putin-mongolia "$T/err"; }; then
    passes=$((passes + 1)); echo "ok   --max-article-size $limit ($size-byte article): exit $rc"
  else fails=$((fails + 1)); echo "FAIL --max-article-size $limit: exit $rc, $events events, $(head -c 300 "$T/err")"; fi
done

# the 10 MiB single line, allowed in: one sentence too long to code, a notice, exit 0
timeout 120 "$HERALDD" --extract --max-article-size 16777216 --date 2024-09-02 "$T/ten-mib-line.txt" \
  >"$T/out" 2>"$T/err"; rc=$?
if [ $rc = 0 ] && [ ! -s "$T/out" ] && grep -q "sentences not coded (over 4096 bytes, max-sentence): 1" "$T/err"; then
  passes=$((passes + 1)); echo "ok   ten-mib-line allowed: $(cat "$T/err")"
else fails=$((fails + 1)); echo "FAIL ten-mib-line allowed: exit $rc $(head -c 300 "$T/err")"; fi

# --max-sentence at its edge: a sentence of exactly N bytes is coded, one of N + 1
# is not (and said so); outside 256..4096 the setting is refused
pad=$(printf 'x%.0s' $(seq 300))
printf 'Date: 2024-09-02\n\nGermany condemned the plan %s.\n' "$pad" >"$T/long-sentence.txt"
n=$(( $(printf 'Germany condemned the plan %s.' "$pad" | wc -c) ))
for limit in $n $((n - 1)); do
  "$HERALDD" --extract --max-sentence "$limit" "$T/long-sentence.txt" >"$T/out" 2>"$T/err"; rc=$?
  events=$(wc -l <"$T/out")
  if { [ "$limit" = "$n" ] && [ $rc = 0 ] && [ "$events" = 1 ]; } ||
     { [ "$limit" != "$n" ] && [ $rc = 0 ] && [ "$events" = 0 ] &&
       grep -q "sentences not coded (over $limit bytes, max-sentence): 1" "$T/err"; }; then
    passes=$((passes + 1)); echo "ok   --max-sentence $limit ($n-byte sentence): $events events"
  else fails=$((fails + 1)); echo "FAIL --max-sentence $limit ($n-byte sentence): exit $rc, $events events, $(cat "$T/err")"; fi
done
for limit in 255 4097 8192; do
  "$HERALDD" --extract --max-sentence "$limit" "$T/long-sentence.txt" >/dev/null 2>&1; rc=$?
  [ $rc = 64 ] && { passes=$((passes + 1)); echo "ok   --max-sentence $limit refused"; } ||
    { fails=$((fails + 1)); echo "FAIL --max-sentence $limit: exit $rc"; }
done

# the worst sentence the limit lets in: a quotation of control bytes, which JSON
# writes six bytes each, in the evidence and again in the quote, under a title of
# quotes; its event stays under 64 KiB (at 8192 bytes it was 97 KB)
python3 - "$T/control-quote.txt" <<'PY'
import sys
head = 'Vladimir Putin visited Mongolia on Monday and said: \u201c'.encode()
tail = '\u201d to reporters.'.encode()
fill = bytes([1, 2, 31]) * 4096
body = head + fill[:4096 - len(head) - len(tail)] + tail
title = ('\u00e9"' * 100).encode()
open(sys.argv[1], 'wb').write(b'Id: control-quote\nTitle: ' + title + b'\nDate: 2024-09-02\n\n' + body + b'\n')
PY
"$HERALDD" --extract --max-sentence 4096 "$T/control-quote.txt" >"$T/out" 2>"$T/err"; rc=$?
longest=$(awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' "$T/out")
if [ $rc = 0 ] && [ -s "$T/out" ] && [ "$longest" -gt 40000 ] && [ "$longest" -lt 65536 ]; then
  passes=$((passes + 1)); echo "ok   a 4096-byte quotation of control bytes: longest event $longest bytes"
else fails=$((fails + 1)); echo "FAIL a 4096-byte quotation of control bytes: exit $rc, longest event $longest bytes $(head -c 300 "$T/err")"; fi

# a lead of 900 KB that tells no event, then 2 500 undated reactions, within the
# default 1 MiB: each reaction takes the story's day, which reads the lead; read
# once, the article is coded in well under a second of CPU (reading the lead
# again for each reaction took about 50 s, 150 under ASan). The bound is CPU
# time (ulimit -t), not wall time, so a loaded machine does not trip it.
/usr/bin/python3 - "$T/long-lead.txt" <<'PY2'
import sys

states = ["Germany", "France", "Italy", "Spain", "Poland", "Austria", "Chile", "Peru", "Kenya", "Ghana"]
with open(sys.argv[1], "w") as f:
    f.write("Date: 2024-09-02\n\n" + " ".join(["The room was quiet and the weather was fine that day."] * 16500) + "\n")
    for i in range(2500):
        f.write(f"{states[i % 10]} condemned the plan of {states[(i + 3) % 10]}.\n")
PY2
(ulimit -t 30; "$HERALDD" --extract "$T/long-lead.txt" >"$T/out" 2>"$T/err"); rc=$?
events=$(wc -l <"$T/out")
if [ $rc = 0 ] && [ "$events" = 2500 ]; then passes=$((passes + 1)); echo "ok   long-lead: $events events"
else fails=$((fails + 1)); echo "FAIL long-lead: exit $rc (137 or 152: over 30 s of CPU), $events events, $(head -c 300 "$T/err")"; fi

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
