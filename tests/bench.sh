#!/bin/bash
# make bench: every hot path of herald beside its reference, measured in the same
# run, the median of BENCH_RUNS runs (default 5), each with the command line that
# reproduces it; the last line is machine-readable:
#   bench: replay=.. replay_ipc=.. live=.. live10=.. extract_mbps=.. publish_eps=.. rss_ratio=.. ready_ms=..
# Run with a release build: tests/bench.sh build/release. Nothing here asserts a
# figure; a step that fails says so and the figure reads "fail".
set -u
BUILD=$(cd "${1:-build/release}" && pwd)
HERALDD=$BUILD/heraldd
BENCH=$BUILD/tests
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${BENCH_RUNS:-5}
N=100000 # events in the burst, the journal and the replay
T=$(mktemp -d /tmp/herald-bench.XXXXXX)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
export HERALD_DATA_DIR=$ROOT/events
PORT=$((20000 + RANDOM % 20000)) # tcp: two ports from here; everything else is ipc in $T

median() { sort -g | awk '{ v[NR] = $1 } END { if (!NR) print "fail"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
kv() { sed -n "s/.*[ :]$1=\([^ ]*\).*/\1/p"; } # the value of key=value, for each line
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "fail" || b == "fail" || b == 0) print "fail"; else printf "%.2f", a / b }'; }
num() { awk -v a="$1" 'BEGIN { if (a == "fail") print a; else printf "%.0f", a }'; }
row() { printf '%-34s %14s  %-34s %6s\n' "$1" "$2" "$3" "$4"; }
cmd() { printf '    $ %s\n' "$*" | sed "s|$T|\$T|g; s|$BUILD|build/release|g; s|$ROOT/||g"; }
say() { printf '%s\n' "$*" >&2; } # progress, on stderr

# --- inputs --------------------------------------------------------------------
# The burst: 100 articles of 1000 one-sentence paragraphs, each event about 1 KiB
# (a long title rides in every event). Many short articles, because extraction
# happens when an article is taken in, before its first event is published: by
# the time the burst starts every event is coded, and what is timed is building,
# journaling and sending. Short sentences keep the set-up cheap.
mkdir -p "$T/burst" "$T/inbox" "$T/empty"
/usr/bin/python3 - "$T/burst" "$N" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
title = ("European capitals condemn the plan announced in Brussels on Friday after two days of talks between "
         "the foreign ministers of the member states, the second such plan this year, which the Commission says "
         "will be put to a vote in the Parliament before the end of the month")
for a in range(n // 1000):
    with open(f"{out}/burst-{a:03d}.txt", "w") as f:
        f.write(f"Id: burst-{a:03d}\nTitle: {title}\nDate: 2024-09-02\n\n")
        f.write("Germany condemned the plan on Friday.\n" * 1000)
PY
# The extraction corpus: the genre's paragraphs (the bundled article and the
# golden set), repeated to 5 MiB as one article.
/usr/bin/python3 - "$ROOT" "$T/corpus.txt" <<'PY'
import glob, sys
root, out = sys.argv[1], sys.argv[2]
paras = []
for path in sorted(glob.glob(root + "/events/articles/*.txt")) + sorted(glob.glob(root + "/tests/golden/articles/*.txt")):
    body = open(path, encoding="utf-8").read().split("\n\n", 1)[1]
    paras += [p for p in body.splitlines() if p.strip()]
with open(out, "w", encoding="utf-8") as f:
    f.write("Id: corpus\nDate: 2024-09-02\n\n")
    i = 0
    while f.tell() < 5 * 1024 * 1024:
        f.write(paras[i % len(paras)] + "\n")
        i += 1
PY
BURST=("$T"/burst/*.txt)
EV=ipc://$T/events RP=ipc://$T/replay RAW=ipc://$T/raw
DAEMON=("$HERALDD" --bind "$EV" --replay-bind "$RP")

echo "herald bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'); medians of $RUNS runs"
echo "absolute figures follow the machine's load; the ratios to raw libzmq, measured in the same run, are what count"
echo
row "figure" "herald" "reference" "ratio"

# --- 3. publishing: coded, journaled and sent, and its parts --------------------
say "publishing ($RUNS runs of $N events, with a journal)..."
for i in $(seq "$RUNS"); do
  "$BENCH/bench-live" herald "$EV" "$RP" "$N" 1 -- "${DAEMON[@]}" --journal "$T/journal-$i" "${BURST[@]}" \
    2>"$T/publish-$i.log" >>"$T/publish.out"
done
J=$T/journal-1
cp "$J" "$T/journal" && J=$T/journal && rm -f "$T"/journal-*
JSON_BYTES=$(grep '^{"specversion"' "$J" | awk '{ s += length($0) } END { print s }')
publish=$(kv whole_rate <"$T/publish.out" | median)
publish_burst=$(kv rate <"$T/publish.out" | median)
for i in $(seq "$RUNS"); do
  /usr/bin/time -f '%e %U %S' -o "$T/time" "$HERALDD" --extract "${BURST[@]}" >/dev/null
  read -r wall user sys <"$T/time"
  echo "$(echo "$N / $wall" | bc -l) $(echo "$N / ($user + $sys + 0.001)" | bc -l)"
done >"$T/coding.out"
coding=$(cut -d' ' -f1 "$T/coding.out" | median)
coding_cpu=$(cut -d' ' -f2 "$T/coding.out" | median)
"$BENCH/bench-journal" "$J" "$T" "$RUNS" >"$T/journal.out"
journaling=$(kv eps <"$T/journal.out")
for i in $(seq "$RUNS"); do "$BENCH/bench-live" raw "$J" "$RAW" 1; done >"$T/send1.out"
sending=$(kv rate <"$T/send1.out" | median)
row "publish: events/s, start to last" "$(num "$publish")" "slowest part: see below" ""
cmd "$BENCH/bench-live" herald "$EV" "$RP" "$N" 1 -- "${DAEMON[@]}" --journal "$T/j" "$T/burst/*.txt"
row "  the burst alone (events/s)" "$(num "$publish_burst")" "" ""
row "  the burst per CPU-second" "$(kv cpu_rate <"$T/publish.out" | median)" "(heraldd's CPU, all threads)" ""
row "  coding alone (--extract)" "$(num "$coding")" "per CPU-second: $(num "$coding_cpu")" ""
cmd "$HERALDD" --extract "$T/burst/*.txt" ">/dev/null"
row "  journaling alone (fdatasync/1024)" "$(num "$journaling")" "" ""
cmd "$BENCH/bench-journal" "$J" "$T" "$RUNS"
row "  sending alone (raw PUB, 1 SUB)" "$(num "$sending")" "" ""
cmd "$BENCH/bench-live" raw "$J" "$RAW" 1
slowest=$(printf 'coding %s\njournaling %s\nsending %s\n' "$coding" "$journaling" "$sending" | sort -g -k2 | head -1 | cut -d' ' -f1)
row "  the slowest part" "$slowest" "" ""

# --- 2. live fan-out ------------------------------------------------------------
for k in 1 10; do
  say "live fan-out to $k ($RUNS runs each, heraldd and raw alternating)..."
  : >"$T/live$k.out"; : >"$T/raw$k.out"; repairs=0; gaveup=0
  for i in $(seq "$RUNS"); do
    "$BENCH/bench-live" herald "$EV" "$RP" "$N" "$k" -- "${DAEMON[@]}" --log-level debug "${BURST[@]}" \
      2>"$T/live.log" >>"$T/live$k.out"
    repairs=$((repairs + $(grep -c 'REPLAY from peer' "$T/live.log")))
    gaveup=$((gaveup + $(grep -c 'has held the stream' "$T/live.log"))) # a subscriber left out at the deadline
    "$BENCH/bench-live" raw "$J" "$RAW" "$k" >>"$T/raw$k.out"
  done
  h=$(kv rate <"$T/live$k.out" | median); r=$(kv rate <"$T/raw$k.out" | median)
  lost=$(kv lost <"$T/live$k.out" | awk '{ s += $1 } END { print s + 0 }')
  rawlost=$(kv lost <"$T/raw$k.out" | median)
  eval "live$k=\$(ratio \"\$h\" \"\$r\")"
  row "live to $k: events/s per subscriber" "$(num "$h")" "raw PUB to $k SUB: $(num "$r")" "$(ratio "$h" "$r")"
  cmd "$BENCH/bench-live" herald "$EV" "$RP" "$N" "$k" -- "${DAEMON[@]}" --log-level debug "$T/burst/*.txt"
  cmd "$BENCH/bench-live" raw "$J" "$RAW" "$k"
  row "  drops over $RUNS bursts" "$lost lost, $repairs repaired" "raw: $rawlost lost (median)" ""
  row "  subscribers given up on (500 ms)" "$gaveup" "" ""
  row "  events per CPU-second of heraldd" "$(kv cpu_rate <"$T/live$k.out" | median)" "(what an idle core would do)" ""
  # where the CPU of the burst goes, microseconds an event (medians): the part
  # that costs more than its raw counterpart is what holds the ratio down
  m() { kv "$1" <"$T/$2" | median; }
  row "  CPU us/event: heraldd loop, I/O" "$(m main_us_per_event "live$k.out")/$(m io_us_per_event "live$k.out")" \
      "raw sender: $(m send_us_per_event "raw$k.out")" ""
  row "  readers, their libzmq" "$(m reader_us_per_event "live$k.out")/$(m subzmq_us_per_event "live$k.out")" \
      "raw: $(m reader_us_per_event "raw$k.out"), libzmq (both ends) $(m zmq_us_per_event "raw$k.out")" ""
  row "  heraldd page faults per 1000 events" "$(m faults_per_kevent "live$k.out")" "" ""
done
rss_burst=$(kv rss_kb <"$T/live1.out" | median)
hwm_burst=$(kv hwm_kb <"$T/live1.out" | median)

# --- 1. replay to one libherald subscriber, tcp and ipc -------------------------
for transport in tcp ipc; do
  say "replay over $transport ($RUNS runs each)..."
  if [ $transport = tcp ]; then ev=tcp://127.0.0.1:$PORT rp=tcp://127.0.0.1:$((PORT + 1)) raw=tcp://127.0.0.1:$((PORT + 2))
  else ev=$EV rp=$RP raw=$RAW; fi
  "$HERALDD" --journal "$J" --inbox "$T/empty" --heartbeat 100 --bind "$ev" --replay-bind "$rp" 2>"$T/replay.log" &
  PID=$!
  for _ in $(seq 1200); do grep -q "replay on" "$T/replay.log" && break; sleep 0.1; done
  "$BENCH/bench-replay" "$ev" "$rp" "$J" "$raw" "$RUNS" >"$T/replay-$transport.out"
  kill "$PID"; wait "$PID"; PID=
  line=$(tail -1 "$T/replay-$transport.out")
  eval "replay_$transport=\$(echo \"\$line\" | kv ratio)"
  [ -n "$(eval echo "\$replay_$transport")" ] || eval "replay_$transport=fail"
  row "replay $transport: events/s (libherald)" "$(echo "$line" | kv herald_eps)" "raw ROUTER/DEALER: $(echo "$line" | kv raw_eps)" "$(eval echo "\$replay_$transport")"
  row "  heraldd alone (raw DEALER client)" "$(echo "$line" | kv daemon_eps)" "" "$(echo "$line" | kv daemon_ratio)"
  cmd "$HERALDD" --journal "$J" --inbox "$T/empty" --heartbeat 100 --bind "$ev" --replay-bind "$rp" "&"
  cmd "$BENCH/bench-replay" "$ev" "$rp" "$J" "$raw" "$RUNS"
done

# --- 4. extraction ----------------------------------------------------------------
say "extraction ($RUNS runs over 5 MiB)..."
size=$(stat -c %s "$T/corpus.txt")
for i in $(seq "$RUNS"); do
  /usr/bin/time -f '%e %U %S' -o "$T/time" "$HERALDD" --extract --max-article-size 8388608 --max-events 100000 \
    "$T/corpus.txt" >"$T/corpus.out" 2>"$T/extract.log"
  read -r wall user sys <"$T/time"
  echo "$wall $(echo "$user + $sys" | bc -l)"
done >"$T/extract.out"
events=$(wc -l <"$T/corpus.out")
wall=$(cut -d' ' -f1 "$T/extract.out" | median); cpu=$(cut -d' ' -f2 "$T/extract.out" | median)
for i in $(seq "$RUNS"); do
  /usr/bin/time -f '%U %S' -o "$T/time" wc -w "$T/corpus.txt" >/dev/null; read -r user sys <"$T/time"
  echo "$user + $sys + 0.001" | bc -l # time(1) has 10 ms ticks
done >"$T/wc.out"
extract_mbps=$(awk -v s="$size" -v t="$cpu" 'BEGIN { printf "%.1f", (t > 0) ? s / t / 1e6 : 0 }')
row "extraction: MB/s of CPU time" "$extract_mbps" "wc -w: $(awk -v s="$size" -v t="$(median <"$T/wc.out")" 'BEGIN { printf "%.0f", s / t / 1e6 }') MB/s" ""
row "  MB/s and events/s of wall time" "$(awk -v s="$size" -v t="$wall" 'BEGIN { printf "%.1f", s / t / 1e6 }')" "$(awk -v e="$events" -v t="$wall" 'BEGIN { printf "%.0f", e / t }') events/s ($events)" ""
cmd /usr/bin/time "$HERALDD" --extract --max-article-size 8388608 --max-events 100000 "$T/corpus.txt" ">/dev/null"
# a corpus cut short by max-events would overstate MB/s: say so
grep -q "stopped after" "$T/extract.log" && row "  CUT SHORT by --max-events" "$(grep -o 'stopped after [0-9]*' "$T/extract.log" | head -1)" "MB/s above overstated" ""

# --- 6. start-up, and 5. memory -------------------------------------------------
say "start-up ($RUNS runs each of 4 kinds)..."
for i in $(seq "$RUNS"); do
  "$BENCH/bench-start" -- "${DAEMON[@]}" --inbox "$T/empty" >>"$T/start.out"
  "$BENCH/bench-start" -- "$BENCH/bench-start" ref-daemon "$EV" "$RP" >>"$T/start-ref.out"
  "$BENCH/bench-start" -- "${DAEMON[@]}" --inbox "$T/empty" --journal "$J" >>"$T/startj.out"
  "$BENCH/bench-start" -- "$BENCH/bench-start" ref-daemon "$EV" "$RP" "$J" >>"$T/startj-ref.out"
done
# wall to ready, CPU at ready, and wall less the run-queue wait (what an idle
# machine would show): on a loaded machine the wall time is mostly the neighbours
start_rows() { # label, reference label, the two output files
  local h=$3 r=$4 a b
  a=$(kv ready_ms <"$h" | median); b=$(kv ready_ms <"$r" | median)
  row "$1" "$a" "$2: $b" "$(ratio "$a" "$b")"
  a=$(kv cpu_ms <"$h" | median); b=$(kv cpu_ms <"$r" | median)
  row "  CPU time by ready (ms)" "$a" "$2: $b" "$(ratio "$a" "$b")"
  a=$(paste -d' ' <(kv ready_ms <"$h") <(kv wait_ms <"$h") | awk '{ print $1 - $2 }' | median)
  b=$(paste -d' ' <(kv ready_ms <"$r") <(kv wait_ms <"$r") | awk '{ print $1 - $2 }' | median)
  row "  less run-queue wait (ms)" "$a" "$2: $b" "$(ratio "$a" "$b")"
}
ready_ms=$(kv ready_ms <"$T/start.out" | median)
start_rows "start to ready, no journal (ms)" "bind+notify floor" "$T/start.out" "$T/start-ref.out"
cmd "$BENCH/bench-start" -- "${DAEMON[@]}" --inbox "$T/empty"
cmd "$BENCH/bench-start" -- "$BENCH/bench-start" ref-daemon "$EV" "$RP"
row "  ready signalled by" "$(kv marker <"$T/start.out" | sort -u | tr '\n' ' ')" "(log = the 'replay on' line)" ""
start_rows "start to ready, $N events (ms)" "+file kept in memory" "$T/startj.out" "$T/startj-ref.out"
cmd "$BENCH/bench-start" -- "${DAEMON[@]}" --inbox "$T/empty" --journal "$J"
cmd "$BENCH/bench-start" -- "$BENCH/bench-start" ref-daemon "$EV" "$RP" "$J"

# read 300 ms after READY=1, once heraldd has trimmed its heap, as bench-live
# reads the burst's
rss_idle=$(kv idle_kb <"$T/start.out" | median)
rss_restored=$(kv idle_kb <"$T/startj.out" | median)
growth() { awk -v a="$1" -v b="$rss_idle" -v j="$JSON_BYTES" 'BEGIN { if (a == "fail" || b == "fail" || a < 0 || b < 0) print "fail"; else printf "%.2f", (a - b) * 1024 / j }'; }
ratio_restored=$(growth "$rss_restored"); ratio_burst=$(growth "$rss_burst")
rss_ratio=$(printf '%s\n%s\n' "$ratio_restored" "$ratio_burst" | sort -g | tail -1)
row "memory: RSS idle (KiB)" "$rss_idle" "" ""
row "  $N retained, read back (KiB)" "$rss_restored" "JSON: $((JSON_BYTES / 1024)) KiB" "$ratio_restored"
row "  $N retained, after a burst" "$rss_burst" "peak during it: $hwm_burst" "$ratio_burst"

# --- 7. ingest latency ----------------------------------------------------------
# One daemon (or floor) per kind, RUNS rounds of 200 drops each: p50 and p99 of
# each round, the median of the rounds.
say "ingest latency ($RUNS x 200 drops x 4)..."
latency() { # the daemon's command line
  rm -rf "$T/inbox" "$T/lat-journal"; mkdir -p "$T/inbox"
  "$@" 2>"$T/lat.log" &
  PID=$!
  for _ in $(seq 1200); do grep -q "watching inbox" "$T/lat.log" && break; sleep 0.1; done
  /usr/bin/python3 - "$T" "$EV" "$RUNS" <<'PY'
import os, statistics, sys, time, zmq
tmp, endpoint, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
ctx = zmq.Context()
sub = ctx.socket(zmq.SUB); sub.setsockopt(zmq.SUBSCRIBE, b"ev."); sub.setsockopt(zmq.RCVTIMEO, 5000)
sub.connect(endpoint); time.sleep(0.5)
for run in range(runs):
    lat = []
    for i in range(200):
        staged = f"{tmp}/drop{run}-{i}.txt"
        with open(staged, "w") as f:
            f.write(f"Date: 2024-09-02\n\nGermany condemned plan number {run * 1000 + i}.\n")
        start = time.monotonic()
        os.rename(staged, f"{tmp}/inbox/drop{run}-{i}.txt")
        try:
            sub.recv_multipart()
        except zmq.Again:
            print("latency: p50=fail p99=fail"); sys.exit(0)
        lat.append((time.monotonic() - start) * 1000)
    lat.sort()
    print(f"latency: p50={statistics.median(lat):.2f} p99={lat[int(len(lat) * 0.99) - 1]:.2f}")
PY
  kill "$PID"; wait "$PID"; PID=
}
latency "${DAEMON[@]}" --inbox "$T/inbox" --date 2024-09-02 >"$T/lat-h.out"
latency "$BENCH/bench-start" ref-inbox "$T/inbox" "$EV" >"$T/lat-r.out"
latency "${DAEMON[@]}" --inbox "$T/inbox" --date 2024-09-02 --journal "$T/lat-journal" >"$T/lat-hj.out"
latency "$BENCH/bench-start" ref-inbox "$T/inbox" "$EV" "$T/lat-journal" >"$T/lat-rj.out"
for m in "no journal:lat-h:lat-r:" "journal:lat-hj:lat-rj: + fdatasync"; do
  IFS=: read -r label h r extra <<<"$m"
  for q in p50 p99; do
    eval "${q}h=\$(kv $q <\"\$T/\$h.out\" | median)"; eval "${q}r=\$(kv $q <\"\$T/\$r.out\" | median)"
  done
  row "drop to event, $label: p50/p99 ms" "$p50h/$p99h" "inotify+read+PUB$extra: $p50r/$p99r" "$(ratio "$p50h" "$p50r")"
done
cmd "${DAEMON[@]}" --inbox "$T/inbox" --date 2024-09-02 "[--journal $T/lat-journal] &  # then $RUNS x 200 renames into the inbox, a SUB on $EV"
cmd "$BENCH/bench-start" ref-inbox "$T/inbox" "$EV" "[$T/lat-journal] &  # the floor: the same drops"

echo
echo "bench: replay=$replay_tcp replay_ipc=$replay_ipc live=$live1 live10=$live10 extract_mbps=$extract_mbps publish_eps=$(num "$publish") rss_ratio=$rss_ratio ready_ms=$ready_ms"
