#!/bin/bash
# heraldd.service under a real systemd 252, booted as PID 1 of private
# namespaces (harness.sh): the units exactly as `make install` puts them (only
# ExecStart= points at the built heraldd, copied into /run) go active through
# the socket; a subscriber gets the bundled article's events; a reload applies a
# changed setting; the watchdog kills a stopped heraldd and systemd restarts it
# on the same epoch and sequence; stop is clean; journalctl shows the lines
# with their priorities and HERALD_* fields.
#   test_service.sh SRC HERALDD TEST_SUBSCRIBER
set -u
SRC=$1 HERALDD=$2 SUBSCRIBER=$3
. "$SRC/tests/systemd/harness.sh"
if ! why=$(sd_can_run); then echo "SKIP: cannot boot systemd in a namespace here: $why"; exit 77; fi
T=$(mktemp -d /tmp/herald-service.XXXXXX); SD_LOG=$T/pid1.log
sd_exit_hook() { rm -rf "$T"; }
trap sd_exit EXIT
passes=0 fails=0
ok()   { passes=$((passes + 1)); echo "ok   $*"; }
fail() { fails=$((fails + 1)); echo "FAIL $*"; }
finish() { echo "$passes passed, $fails failed"; [ "$fails" = 0 ]; exit; }
must() { "$@" || { fail "cannot go on"; sd_run journalctl --no-pager -n 40 -u heraldd 2>&1; finish; }; }
show() { sd_run systemctl show -p "$1" --value heraldd.service; }
EVENTS=tcp://127.0.0.1:5556 REPLAY=tcp://127.0.0.1:5557 INBOX=/var/lib/herald/inbox
CLIENT="/usr/bin/python3 $SRC/tests/systemd/client.py"

# drops an article into the inbox the way the README says: written, then renamed
drop() { sd_run sh -c "cp '$1' $INBOX/.new && mv $INBOX/.new $INBOX/$2"; }

# the units as installed with the /usr prefix, and the files that go with them
cmake -S "$SRC" -B "$T/build" -DCMAKE_INSTALL_PREFIX=/usr -DHERALD_TESTS=OFF >"$T/log" 2>&1 &&
  DESTDIR=$T/root cmake --install "$T/build" --component service >>"$T/log" 2>&1 ||
  { fail "install: $(tail -5 "$T/log")"; finish; }
UNITDIR=$(pkg-config --variable=systemdsystemunitdir systemd)
mkdir "$T/installed"
cp "$T/root$UNITDIR"/heraldd* "$T/installed/"
sd_units "$T/units" "$T/installed"/*
sed -i 's|^ExecStart=/usr/sbin/heraldd |ExecStart=/run/bin/heraldd |' "$T/units/heraldd.service"
diff "$T/installed/heraldd.service" "$T/units/heraldd.service" | grep '^[<>]' | grep -v '^. ExecStart=' &&
  fail "the unit under test differs from the installed one beyond ExecStart="
if ldd "$HERALDD" | grep -q libasan; then
  # An ASan build: LeakSanitizer stops the world with ptrace(2), which the unit's
  # SystemCallFilter= refuses, so leak checks are off here (the other tests keep
  # them); everything else of ASan and UBSan runs inside the sandbox.
  mkdir "$T/units/heraldd.service.d"
  printf '[Service]\nEnvironment=ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1\n' \
    >"$T/units/heraldd.service.d/asan.conf"
fi

must sd_start "$T/units"
ok "systemd booted in a private namespace"
# /etc/herald/heraldd.conf and /usr/share/herald from the install; the built
# heraldd looks for its codebook under its own prefix, pointed at the installed one
PREFIX_DATA=$(strings "$HERALDD" | grep -m1 '/share/herald$')
must sd_run sh -c "cp -a '$T/root/etc/.' /etc/ && cp -a '$T/root/usr/.' /usr/ && mkdir -p /run/bin && cp '$HERALDD' /run/bin/heraldd &&
  if [ '$PREFIX_DATA' != /usr/share/herald ]; then rm -rf '$PREFIX_DATA' && mkdir -p \$(dirname '$PREFIX_DATA') &&
  ln -s /usr/share/herald '$PREFIX_DATA'; fi"

# --- socket activation
must sd_run systemctl start heraldd.socket
[ "$(sd_run systemctl is-active heraldd.socket heraldd-replay.socket heraldd.service | tr '\n' ' ')" = \
  "active active inactive " ] && ok "both sockets listen, heraldd not started yet" ||
  fail "after starting the socket: $(sd_run systemctl is-active heraldd.socket heraldd-replay.socket heraldd.service)"
sd_run "$SUBSCRIBER" $EVENTS $REPLAY --count 18 --timeout-ms 30000 >"$T/sub1" 2>&1 &
SUB=$!
sd_wait 30 sh -c '[ "$(systemctl is-active heraldd.service)" = active ]' &&
  ok "the first connection started heraldd.service, now active (READY=1)" ||
  fail "heraldd.service not active: $(show ActiveState) $(sd_run systemctl status heraldd --no-pager 2>&1 | tail -5)"
must sd_wait 10 test -d $INBOX
drop "$SRC/events/articles/putin-mongolia.txt" putin-mongolia.txt
if wait $SUB && [ "$(wc -l <"$T/sub1")" = 18 ] && [ "$(tail -1 "$T/sub1")" = "18 putin-mongolia/18" ]; then
  ok "a subscriber got the bundled article's 18 events through the passed sockets"
else fail "subscriber: $(cat "$T/sub1")"; fi
sd_wait 10 sh -c 'systemctl show -p StatusText --value heraldd | grep -qx "1 articles, 18 events, 0 subscribers"' &&
  ok "StatusText: $(show StatusText)" || fail "StatusText: '$(show StatusText)'"

# --- reload: a new feed, a debug log level, and a bind that needs a restart
sd_run sed -i 's/^feed = news/feed = wire/; s/^log-level = info/log-level = debug/; s/:5556$/:5558/' \
  /etc/herald/heraldd.conf
PID=$(show MainPID)
must sd_run systemctl reload heraldd
sd_wait 20 sh -c 'journalctl -u heraldd -o cat | grep -q "^reloaded"' && ok "systemctl reload: heraldd reloaded" ||
  fail "no reload logged: $(sd_run journalctl -u heraldd -o cat --no-pager | tail -5)"
[ "$(show MainPID)" = "$PID" ] && [ "$(show ActiveState)" = active ] && ok "same process, active" ||
  fail "after reload: $(show MainPID) $(show ActiveState)"
sd_run $CLIENT next $EVENTS >"$T/next" 2>&1 &
NEXT=$!
must sd_wait 20 grep -q subscribed "$T/next"
drop "$SRC/tests/golden/articles/court-reminder.txt" court-reminder.txt
wait $NEXT
[ "$(sed -n 2p "$T/next")" = "19 /herald/wire" ] && ok "the next event after the reload: sequence 19, source /herald/wire" ||
  fail "next event: $(cat "$T/next")"

# --- journald: priorities and fields
J() { sd_run journalctl -u heraldd --no-pager "$@"; }
sd_wait 10 sh -c 'journalctl -u heraldd -o cat HERALD_ARTICLE_ID=court-reminder | grep -q published' || true
J -o verbose HERALD_ARTICLE_ID=putin-mongolia >"$T/j1"
grep -q 'MESSAGE=/var/lib/herald/inbox/putin-mongolia.txt: published 18 events' "$T/j1" &&
  grep -q 'PRIORITY=6' "$T/j1" && grep -q 'HERALD_SEQUENCE=18' "$T/j1" &&
  grep -q 'HERALD_ARTICLE=/var/lib/herald/inbox/putin-mongolia.txt' "$T/j1" &&
  ok "journalctl HERALD_ARTICLE_ID=putin-mongolia: the article's lines, PRIORITY=6, HERALD_SEQUENCE=18" ||
  fail "article fields: $(cat "$T/j1")"
J -o verbose -p warning >"$T/jw"
grep -q 'MESSAGE=changed settings that need a restart: bind, ignoring' "$T/jw" && grep -q 'PRIORITY=4' "$T/jw" &&
  ! grep -q 'PRIORITY=6' "$T/jw" && ok "journalctl -p warning: the reload's warning alone, PRIORITY=4" ||
  fail "warnings: $(cat "$T/jw")"
J -o verbose >"$T/jall"
grep -q 'HERALD_PEER=tcp://127.0.0.1:' "$T/jall" && grep -q 'PRIORITY=7' "$T/jall" &&
  ok "after the reload to debug: subscribers logged with HERALD_PEER, PRIORITY=7" ||
  fail "no HERALD_PEER: $(grep -c MESSAGE "$T/jall") entries"
J -o verbose | grep -q 'HERALD_JOURNAL=/var/lib/herald/journal' && ok "HERALD_JOURNAL on the start line" ||
  fail "no HERALD_JOURNAL"

# --- the watchdog: a stopped heraldd is killed and restarted, on the same stream
BEFORE=$(sd_run $CLIENT status $REPLAY)
EPOCH=$(echo "$BEFORE" | sed 's/.*"epoch": *"\([0-9a-f]*\)".*/\1/')
PID=$(show MainPID)
sd_run kill -STOP "$PID"
sd_wait 40 sh -c '[ "$(systemctl show -p NRestarts --value heraldd)" -ge 1 ] &&
  [ "$(systemctl is-active heraldd)" = active ]' &&
  ok "SIGSTOP: the watchdog killed heraldd, systemd restarted it (NRestarts=$(show NRestarts))" ||
  fail "no watchdog restart: NRestarts=$(show NRestarts) $(show ActiveState) $(J -o cat | tail -5)"
[ "$(show MainPID)" != "$PID" ] && ok "a new process" || fail "same MainPID $PID"
J -o cat | grep -q 'heraldd.service: Watchdog timeout' && ok "journalctl -u heraldd: heraldd.service: Watchdog timeout" ||
  fail "no watchdog timeout in the journal"
AFTER=$(sd_run $CLIENT status $REPLAY)
[ "$(echo "$AFTER" | sed 's/.*"epoch": *"\([0-9a-f]*\)".*/\1/')" = "$EPOCH" ] && [ -n "$EPOCH" ] &&
  [ "$(echo "$AFTER" | sed 's/.*"sequence": *\([0-9]*\).*/\1/')" = "$(echo "$BEFORE" | sed 's/.*"sequence": *\([0-9]*\).*/\1/')" ] &&
  ok "after the restart: the same epoch $EPOCH and sequence" || fail "STATUS before $BEFORE, after $AFTER"

# --- stop: clean (heraldd exits 0 on SIGTERM) and quick (no SIGKILL after TimeoutStopSec=)
if sd_run timeout 8 systemctl stop heraldd 2>/dev/null && [ "$(show Result)" = success ] && [ "$(show ExecMainStatus)" = 0 ]; then
  ok "systemctl stop: Result=success, exit status 0"
else fail "stop: Result=$(show Result) ExecMainStatus=$(show ExecMainStatus)"; fi
[ "$(sd_run systemctl is-active heraldd.socket heraldd-replay.socket | tr '\n' ' ')" = "active active " ] &&
  ok "the sockets stay" || fail "sockets after stop: $(sd_run systemctl is-active heraldd.socket heraldd-replay.socket)"
# a connection to the replay socket alone starts it again, on the same stream
AGAIN=$(sd_run $CLIENT status $REPLAY)
[ "$(sd_run systemctl is-active heraldd.service)" = active ] &&
  [ "$(echo "$AGAIN" | sed 's/.*"epoch": *"\([0-9a-f]*\)".*/\1/')" = "$EPOCH" ] &&
  ok "a STATUS request to the replay socket started heraldd again, epoch $EPOCH" || fail "restart by replay: $AGAIN"

finish
