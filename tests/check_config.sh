#!/bin/bash
# heraldd --check-config reports every setting that cannot work, each where it
# comes from (file:line:col, or --option), not only the first, and exits 78;
# good settings still pass (exit 0).
set -u
HERALDD=$1
T=$(mktemp -d /tmp/herald-check.XXXXXX); trap 'rm -rf "$T"' EXIT
fails=0; passes=0
ok()   { passes=$((passes + 1)); echo "ok   $1"; }
fail() { fails=$((fails + 1)); echo "FAIL $1"; }
# expect NAME RC PATTERN...: the last run exited RC and its stderr has each pattern
expect() {
  local name=$1 want=$2; shift 2
  [ "$rc" = "$want" ] || { fail "$name: exit $rc, want $want: $(head -c 600 "$T/err")"; return; }
  for p in "$@"; do
    grep -qF -- "$p" "$T/err" || { fail "$name: no '$p' in: $(head -c 600 "$T/err")"; return; }
  done
  ok "$name"
}

mkdir "$T/inbox" "$T/run"
cat >"$T/bad.conf" <<CONF
bind = tcp://127.0.0.1:notaport
bind = tcp://256.1.1.1:1
this line does not parse
bind = ipc://$T/no-such-dir/events
replay-bind = tcp://127.0.0.1:5557
inbox = $T/no-such-inbox
journal = $T/no-such-dir/journal.jsonl
retain = 0
CONF
"$HERALDD" --config "$T/bad.conf" --check-config >"$T/out" 2>"$T/err"; rc=$?
expect "every error of a file, each with file:line:col" 78 \
  "$T/bad.conf:1:1: bind: 'tcp://127.0.0.1:notaport': port must be a number from 0 to 65535 or *" \
  "$T/bad.conf:2:1: bind: 'tcp://256.1.1.1:1': the host is not an IPv4 address" \
  "$T/bad.conf:3:1: expected 'key = value'" \
  "$T/bad.conf:4:1: bind: 'ipc://$T/no-such-dir/events': the directory $T/no-such-dir does not exist" \
  "$T/bad.conf:6:1: inbox: $T/no-such-inbox: No such file or directory" \
  "$T/bad.conf:7:1: journal: $T/no-such-dir/journal.jsonl: cannot create it: No such file or directory" \
  "$T/bad.conf:8:1: retain: '0' is not a number from 1 to 10000000" \
  "7 errors in the settings"

"$HERALDD" --check-config --bind tcp://127.0.0.1:7000 --replay-bind tcp://127.0.0.1:7000 --journal "$T" \
  --inbox "$T/bad.conf" --retain x >"$T/out" 2>"$T/err"; rc=$?
expect "every error of the command line, each naming its option" 78 \
  "--replay-bind: 'tcp://127.0.0.1:7000' is also a bind endpoint: they must differ" \
  "--journal: $T: not a regular file" "--inbox: $T/bad.conf: not a directory" \
  "--retain: 'x' is not a number from 1 to 10000000" "4 errors in the settings"

printf 'bind = tcp://127.0.0.1:5557\n' >"$T/same.conf"
"$HERALDD" --config "$T/same.conf" --check-config >"$T/out" 2>"$T/err"; rc=$?
expect "bind equal to the default replay-bind, named at the file's line" 78 \
  "$T/same.conf:1:1: replay-bind: 'tcp://127.0.0.1:5557' is also a bind endpoint: they must differ"

if [ "$(id -u)" != 0 ]; then # root writes anywhere: only a user can be refused
  mkdir "$T/ro" && chmod 555 "$T/ro"
  "$HERALDD" --check-config --journal "$T/ro/journal.jsonl" >"$T/out" 2>"$T/err"; rc=$?
  expect "a journal in a directory that cannot be written" 78 "--journal: $T/ro/journal.jsonl: cannot create it"
fi

cat >"$T/good.conf" <<CONF
bind = ipc://$T/run/events
bind = tcp://[::1]:0
bind = tcp://*:*
replay-bind = ipc://$T/run/replay
inbox = $T/inbox
journal = $T/run/journal.jsonl
CONF
"$HERALDD" --config "$T/good.conf" --check-config >"$T/out" 2>"$T/err"; rc=$?
expect "settings that can work pass" 0
[ ! -e "$T/run/journal.jsonl" ] && ok "checking the journal leaves no file" || fail "the check created the journal"

"$HERALDD" --check-config --retain 0 --bind tcp://256.1.1.1:1 >"$T/out" 2>"$T/err"; rc=$?
expect "only bad option values: a usage error, each reported" 64 \
  "--retain: '0' is not a number from 1 to 10000000" "--bind: 'tcp://256.1.1.1:1': the host is not an IPv4 address" \
  "2 errors in the settings"

# the daemon itself refuses an endpoint that cannot be bound, naming it (usage error)
timeout 10 "$HERALDD" --bind tcp://256.1.1.1:1 --once >"$T/out" 2>"$T/err"; rc=$?
expect "heraldd refuses a bad address at start" 64 "--bind: 'tcp://256.1.1.1:1': the host is not an IPv4 address"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
