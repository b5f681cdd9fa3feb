#!/bin/bash
# make demo: heraldd publishes the bundled article at a visible pace while
# herald tail prints it; ends by itself (exit 0) when the article's last event
# has arrived, and leaves no process behind, also on Ctrl-C.
#   tests/demo.sh BUILD_DIR [INTERVAL_MS]
set -u
BUILD=${1:-build/dev} INTERVAL=${2:-400}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export HERALD_DATA_DIR=${HERALD_DATA_DIR:-$ROOT/events}
T=$(mktemp -d /tmp/herald-demo.XXXXXX)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BUILD/heraldd" --bind "ipc://$T/events" --replay-bind "ipc://$T/replay" --interval "$INTERVAL" \
  --log-level warning &
PID=$!
echo "heraldd is publishing the bundled article, one event every $INTERVAL ms; herald tail follows:"
"$BUILD/herald" tail --endpoint "ipc://$T/events" --from-start --until-end --output pretty
