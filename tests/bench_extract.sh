#!/bin/bash
# Extraction speed: codes a generated 5 MiB article of news prose (the bundled and
# genre articles' paragraphs, repeated) and prints MB/s and events/s, best of 3.
# Run with a release build: make bench.
set -eu
HERALDD=${1:-build/release/heraldd}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d /tmp/herald-bench.XXXXXX); trap 'rm -rf "$T"' EXIT
/usr/bin/python3 - "$ROOT" "$T/five-mib.txt" <<'PY'
import glob, sys
root, out = sys.argv[1], sys.argv[2]
paras = []
for path in [root + "/events/articles/putin-mongolia.txt"] + sorted(glob.glob(root + "/tests/golden/articles/*.txt")):
    body = open(path, encoding="utf-8").read().split("\n\n", 1)[1]
    paras += [p for p in body.splitlines() if p.strip()]
with open(out, "w", encoding="utf-8") as f:
    f.write("Id: bench\nDate: 2024-09-02\n\n")
    i = 0
    while f.tell() < 5 * 1024 * 1024:
        f.write(paras[i % len(paras)] + "\n")
        i += 1
PY
size=$(stat -c %s "$T/five-mib.txt")
best=
for run in 1 2 3; do
  start=$(date +%s.%N)
  "$HERALDD" --extract --max-article-size 8388608 "$T/five-mib.txt" >"$T/out"
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc -l)" = 1 ]; then best=$secs; fi
done
events=$(wc -l <"$T/out")
printf 'extract: %d bytes, %d events, best of 3: %.3f s, %.1f MB/s, %.0f events/s\n' \
  "$size" "$events" "$best" "$(echo "$size / $best / 1000000" | bc -l)" "$(echo "$events / $best" | bc -l)"
