#!/bin/bash
# The units and their install, without PID 1: `make install` with the /usr
# prefix puts the units where pkg-config's systemd module says, the config in
# /etc/herald and the codebook in /usr/share/herald; `systemd-analyze verify`
# has nothing to say about the units, and `systemd-analyze security` scores the
# service 1.0 or lower.
#   test_units.sh SRC HERALDD
set -u
SRC=$1 HERALDD=$2
T=$(mktemp -d /tmp/herald-units.XXXXXX); trap 'rm -rf "$T"' EXIT
passes=0 fails=0
ok()   { passes=$((passes + 1)); echo "ok   $*"; }
fail() { fails=$((fails + 1)); echo "FAIL $*"; }

# The "service" component is the config, the units and the codebook: nothing to build.
install_prefix() { # $1 prefix, $2 DESTDIR
  cmake -S "$SRC" -B "$T/build$1" -DCMAKE_INSTALL_PREFIX="$1" -DHERALD_TESTS=OFF >"$T/log" 2>&1 &&
    DESTDIR=$2 cmake --install "$T/build$1" --component service >>"$T/log" 2>&1
}
R=$T/root
install_prefix /usr "$R" && ok "installed with the /usr prefix" || { fail "install: $(tail -5 "$T/log")"; exit 1; }
UNITDIR=$(pkg-config --variable=systemdsystemunitdir systemd)
for f in "$UNITDIR/heraldd.service" "$UNITDIR/heraldd.socket" "$UNITDIR/heraldd-replay.socket" \
         /etc/herald/heraldd.conf /usr/share/herald/rules.txt /usr/share/herald/articles/putin-mongolia.txt; do
  [ -f "$R$f" ] && ok "installed $f" || fail "missing $f"
done
[ ! -e "$R/usr/etc" ] && ok "nothing in /usr/etc" || fail "/usr/etc: $(find "$R/usr/etc")"
grep -qx 'ExecStart=/usr/sbin/heraldd --config /etc/herald/heraldd.conf' "$R$UNITDIR/heraldd.service" &&
  ok "ExecStart= names /usr/sbin/heraldd and /etc/herald/heraldd.conf" ||
  fail "ExecStart=: $(grep ExecStart= "$R$UNITDIR/heraldd.service")"
grep -qx 'journal = /var/lib/herald/journal' "$R/etc/herald/heraldd.conf" &&
  grep -qx 'inbox = /var/lib/herald/inbox' "$R/etc/herald/heraldd.conf" &&
  grep -qx 'StateDirectory=herald herald/inbox' "$R$UNITDIR/heraldd.service" &&
  ok "the shipped config keeps the journal and the inbox in the state directory" ||
  fail "the shipped config does not point at the state directory"
# /var/lib/herald is systemd's to make at start (StateDirectory=): a folder of the
# test's stands in for it, since --check-config refuses an inbox that is not there
mkdir -p "$T/state/inbox"
HERALD_DATA_DIR=$R/usr/share/herald "$HERALDD" --config "$R/etc/herald/heraldd.conf" --inbox "$T/state/inbox" \
  --journal "$T/state/journal" --check-config >/dev/null 2>"$T/err" &&
  ok "the installed config and codebook pass --check-config" || fail "--check-config: $(cat "$T/err")"

# an edited config survives a second install
echo "# mine" >>"$R/etc/herald/heraldd.conf"
DESTDIR=$R cmake --install "$T/build/usr" --component service >/dev/null 2>&1
grep -q '^# mine' "$R/etc/herald/heraldd.conf" && ok "a second install keeps the administrator's config" ||
  fail "a second install overwrote the config"

# another prefix: everything under it, nothing in the system's folders
install_prefix "$T/prefix" "" && [ -f "$T/prefix/lib/systemd/system/heraldd.service" ] &&
  [ -f "$T/prefix/etc/herald/heraldd.conf" ] &&
  grep -qx "ExecStart=$T/prefix/sbin/heraldd --config $T/prefix/etc/herald/heraldd.conf" \
    "$T/prefix/lib/systemd/system/heraldd.service" &&
  ok "a temporary prefix gets the units and config under it" || fail "temporary prefix: $(tail -3 "$T/log")"

# enabling the events socket enables the replay socket with it (Also=)
systemctl --root="$R" enable heraldd.socket >"$T/log" 2>&1
[ -L "$R/etc/systemd/system/sockets.target.wants/heraldd.socket" ] &&
  [ -L "$R/etc/systemd/system/sockets.target.wants/heraldd-replay.socket" ] &&
  ok "systemctl enable heraldd.socket enables both sockets" || fail "enable: $(cat "$T/log")"

# verify: on copies whose ExecStart= is the built binary (verify wants it to exist)
mkdir "$T/v"
cp "$R$UNITDIR"/heraldd* "$T/v/"
sed -i "s|^ExecStart=/usr/sbin/heraldd |ExecStart=$HERALDD |" "$T/v/heraldd.service"
verify() { systemd-analyze verify --man=no "$1/heraldd.service" "$1/heraldd.socket" "$1/heraldd-replay.socket" 2>&1; }
out=$(verify "$T/v")
[ -z "$out" ] && ok "systemd-analyze verify prints nothing" || fail "systemd-analyze verify: $out"
# it exits 0 on such a mistake: the output is what tells
cp -r "$T/v" "$T/bad"; sed -i 's/^Type=notify/Type=notifyy/' "$T/bad/heraldd.service"
[ -n "$(verify "$T/bad")" ] && ok "verify speaks up on Type=notifyy" || fail "verify silent on Type=notifyy"

score=$(systemd-analyze security --offline=true "$SRC/systemd/heraldd.service" 2>&1 |
        sed -n 's/.*Overall exposure level for heraldd.service: \([0-9.]*\).*/\1/p')
echo "exposure: ${score:-none}"
[ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s <= 1.0) }' &&
  systemd-analyze security --offline=true --threshold=10 "$SRC/systemd/heraldd.service" >/dev/null 2>&1 &&
  ok "systemd-analyze security: $score (at most 1.0)" || fail "systemd-analyze security: '${score}'"

# heraldd speaks systemd's notify, socket-passing and journal protocols itself
# (loading libsystemd and the six libraries it needs was a tenth of its
# start-up), and a libherald user never pulled it in
BUILD=$(dirname "$HERALDD")
! readelf -d "$HERALDD" "$BUILD/libherald.so" "$BUILD/herald" | grep -q 'NEEDED.*libsystemd' &&
  ok "libsystemd linked into nothing" ||
  fail "libsystemd: $(readelf -d "$HERALDD" "$BUILD/libherald.so" "$BUILD/herald" | grep NEEDED)"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
