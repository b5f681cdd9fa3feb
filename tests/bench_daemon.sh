#!/bin/bash
# Daemon benchmarks (make bench): publishing 100000 events into a journal, reading
# them back at start, replaying them to one subscriber (against raw libzmq in the
# same run), and the time from an inbox drop to the event at a subscriber.
set -eu
BUILD=${1:-build/release}
HERALDD=$BUILD/heraldd
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d /tmp/herald-bench.XXXXXX)
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
export HERALD_DATA_DIR=$ROOT/events
N=100000

/usr/bin/python3 -c "
import sys
with open('$T/many.txt', 'w') as f:
    f.write('Id: bench\nDate: 2024-09-02\n\n')
    for i in range($N):
        f.write('Germany condemned the plan on Friday. France urged Spain to act.\n' if i % 2 else 'Germany condemned the plan.\n')
" 
# --once publishes, journals (fdatasync per batch) and exits
start=$(date +%s.%N)
"$HERALDD" --journal "$T/journal" --retain $N --max-article-size 16000000 --once \
  --bind "ipc://$T/e0" --replay-bind "ipc://$T/r0" "$T/many.txt" 2>"$T/log0"
end=$(date +%s.%N)
events=$(grep -c '"specversion"' "$T/journal")
printf 'publish: %d events coded, journaled and sent in %.2f s (incl. 1 s linger): %.0f events/s\n' \
  "$events" "$(echo "$end - $start" | bc)" "$(echo "$events / ($end - $start - 1)" | bc -l)"

for transport in ipc tcp; do
  if [ $transport = ipc ]; then ev=ipc://$T/e1 rp=ipc://$T/r1 raw=ipc://$T/raw
  else ev=tcp://127.0.0.1:25560 rp=tcp://127.0.0.1:25561 raw=tcp://127.0.0.1:25562; fi
  mkdir -p "$T/empty-inbox"
  start=$(date +%s.%N)
  "$HERALDD" --journal "$T/journal" --retain $N --inbox "$T/empty-inbox" --bind "$ev" --replay-bind "$rp" \
    2>"$T/log1" & PID=$!
  until grep -q "replay on" "$T/log1"; do sleep 0.01; done
  end=$(date +%s.%N)
  [ $transport = ipc ] && printf 'restore: %d events read back from the journal in %.2f s\n' "$events" \
    "$(echo "$end - $start" | bc)"
  echo "transport: $transport"
  "$BUILD/tests/bench-replay" "$rp" "$T/journal" "$raw"
  kill $PID; wait $PID || true; PID=
done

# inbox drop -> event at a subscriber, without and with a journal (fdatasync on the way)
for journal in none "$T/inbox-journal"; do
inbox=$T/inbox-$(basename "$journal")
mkdir -p "$inbox"
jopt=(); [ "$journal" != none ] && jopt=(--journal "$journal")
"$HERALDD" --inbox "$inbox" "${jopt[@]}" --date 2024-09-02 --bind "ipc://$T/e2" --replay-bind "ipc://$T/r2" \
  2>"$T/log2" & PID=$!
until grep -q "watching inbox" "$T/log2"; do sleep 0.01; done
/usr/bin/python3 - "$T" "$inbox" "$journal" <<'PY'
import os, statistics, sys, time, zmq
tmp, inbox, journal = sys.argv[1:4]
ctx = zmq.Context()
sub = ctx.socket(zmq.SUB); sub.setsockopt(zmq.SUBSCRIBE, b"ev."); sub.setsockopt(zmq.RCVTIMEO, 5000)
sub.connect(f"ipc://{tmp}/e2"); time.sleep(0.5)
lat = []
for i in range(50):
    staged = f"{tmp}/drop{i}.txt"
    with open(staged, "w") as f:
        f.write(f"Date: 2024-09-02\n\nGermany condemned plan number {i}.\n")
    start = time.monotonic()
    os.rename(staged, f"{inbox}/drop{i}.txt")
    sub.recv_multipart()
    lat.append((time.monotonic() - start) * 1000)
lat.sort()
print(f"inbox: drop to first event at a subscriber over 50 drops ({'no journal' if journal == 'none' else 'journal'}): "
      f"median {statistics.median(lat):.2f} ms, p95 {lat[int(len(lat) * 0.95)]:.2f} ms, max {lat[-1]:.2f} ms")
PY
kill $PID; wait $PID || true; PID=
done
