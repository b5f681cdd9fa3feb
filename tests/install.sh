#!/bin/bash
# libherald as a user gets it. The exported symbols are exactly those of
# tests/libherald.exports; `make install` into a temporary prefix gives a library,
# headers, herald.pc and a CMake package; a small consumer builds against it with
# pkg-config (as strict C89) and with find_package(herald), and runs. The
# installed herald runs outside the default library path, pkg-config's flags are
# herald's own, and the README's C consumer and Python example run as written
# (only the endpoint swapped for a private one) against the installed heraldd.
set -u
SRC=$1 BUILD=$2
T=$(mktemp -d /tmp/herald-install.XXXXXX); trap 'rm -rf "$T"' EXIT
passes=0 fails=0
ok()   { passes=$((passes + 1)); echo "ok   $*"; }
fail() { fails=$((fails + 1)); echo "FAIL $*"; }

nm -D --defined-only "$BUILD/libherald.so" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort >"$T/exports"
if diff -u "$SRC/tests/libherald.exports" "$T/exports"; then ok "exports match tests/libherald.exports"
else fail "exported symbols differ from tests/libherald.exports"; fi
nm -D --defined-only "$BUILD/libherald.so" | awk '$2 == "T" {print $3}' | grep -v '^herald_' >"$T/stray" || true
[ ! -s "$T/stray" ] && ok "only herald_ symbols exported" || fail "stray exports: $(cat "$T/stray")"

# a plain (unsanitised) build, installed into a temporary prefix
cmake -S "$SRC" -B "$T/build" -DCMAKE_INSTALL_PREFIX="$T/prefix" -DHERALD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
  >"$T/log" 2>&1 && cmake --build "$T/build" -j 2 >>"$T/log" 2>&1 && cmake --install "$T/build" >>"$T/log" 2>&1 \
  && ok "installed into a temporary prefix" || { fail "install: $(tail -5 "$T/log")"; echo "0 passed, 1 failed"; exit 1; }
libdir=$(dirname "$(find "$T/prefix" -name herald.pc)")/..
for f in include/herald/herald.h include/herald/protocol.h bin/herald sbin/heraldd share/man/man1/herald.1 \
         share/man/man8/heraldd.8 share/herald/rules.txt; do
  [ -e "$T/prefix/$f" ] && ok "installed $f" || fail "missing $f"
done

cat >"$T/consumer.c" <<'C'
/* A libherald consumer in C89: subscribe to a daemon that is not there. */
#include <stdio.h>
#include <herald/herald.h>

int main(void)
{
        herald_sub_options *o = herald_sub_options_new();
        herald_sub *s = NULL;
        herald_event *ev = NULL;
        int r;

        herald_sub_options_set_endpoint(o, "ipc:///nonexistent/herald-events");
        herald_sub_options_set_connect_timeout(o, 200);
        r = herald_sub_open(o, &s);
        herald_sub_options_free(o);
        if (r != HERALD_OK)
                return 1;
        r = herald_sub_next(s, &ev, 2000);
        printf("libherald %s: %s\n", herald_version(), herald_strerror(r));
        herald_sub_close(s);
        return r == HERALD_UNREACHABLE ? 0 : 1;
}
C
export PKG_CONFIG_PATH=$libdir/pkgconfig
if gcc -std=c89 -pedantic -Wall -Wextra -Werror $(pkg-config --cflags herald) "$T/consumer.c" \
     $(pkg-config --libs herald) -o "$T/c89" 2>"$T/err" && LD_LIBRARY_PATH=$libdir "$T/c89"; then
  ok "pkg-config consumer (C89) builds and runs"
else fail "pkg-config consumer: $(cat "$T/err")"; fi

mkdir "$T/cm"
cp "$T/consumer.c" "$T/cm/"
cat >"$T/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.21)
project(consumer C)
find_package(herald 0.1 REQUIRED)
add_executable(consumer consumer.c)
target_link_libraries(consumer PRIVATE herald::herald)
CM
if cmake -S "$T/cm" -B "$T/cm/build" -DCMAKE_PREFIX_PATH="$T/prefix" >"$T/log" 2>&1 &&
   cmake --build "$T/cm/build" >>"$T/log" 2>&1 && LD_LIBRARY_PATH=$libdir "$T/cm/build/consumer"; then
  ok "find_package(herald) consumer builds and runs"
else fail "CMake consumer: $(tail -5 "$T/log")"; fi

if echo '#include <herald/herald.h>' | g++ -x c++ -fsyntax-only -Wall -Werror -I"$T/prefix/include" - 2>"$T/err"
then ok "header compiles as C++"; else fail "C++: $(cat "$T/err")"; fi

# the installed herald finds its library through a RUNPATH relative to itself
if readelf -d "$T/prefix/bin/herald" | grep -q 'RUNPATH.*\$ORIGIN/\.\./lib' &&
   env -u LD_LIBRARY_PATH "$T/prefix/bin/herald" --version >"$T/out" 2>&1; then
  ok "installed herald runs outside the default library path ($(cat "$T/out"))"
else fail "installed herald: $(readelf -d "$T/prefix/bin/herald" | grep -i path) $(cat "$T/out")"; fi

# herald.h includes no libzmq header: no libzmq flags for consumers
cflags=$(pkg-config --cflags herald | xargs)
[ "$cflags" = "-I$T/prefix/include" ] && ok "pkg-config --cflags herald is herald's own" \
  || fail "pkg-config --cflags herald: '$cflags'"

# The README's examples, as written: the first ```c block of "## libherald" and
# the ```python block of the wire protocol, against the installed heraldd.
readme_block() { # LANG SECTION
  awk -v lang="$1" -v sec="$2" '$0 == "## " sec {in_sec = 1; next} /^## / {in_sec = 0}
    in_sec && $0 == "```" lang {grab = 1; next} grab && $0 == "```" {exit} grab {print}' "$SRC/README.md"
}
readme_block c libherald >"$T/readme-consumer.c"
E="ipc://$T/events" R="ipc://$T/replay"
if [ -s "$T/readme-consumer.c" ] &&
   gcc -std=c99 -pedantic -Wall -Wextra -Werror "$T/readme-consumer.c" $(pkg-config --cflags --libs herald) \
     -Wl,-rpath,"$libdir" -o "$T/readme-consumer" 2>"$T/err"; then
  ok "README's C consumer compiles (C99) with pkg-config"
else fail "README's C consumer: $(cat "$T/err")"; fi
"$T/prefix/sbin/heraldd" --bind "$E" --replay-bind "$R" --log-level warning >"$T/d.log" 2>&1 &
dpid=$!
timeout 3 "$T/readme-consumer" "$E" >"$T/c.out" 2>"$T/c.err"
head -1 "$T/c.out" | grep -q '^1 Vladimir Putin arrives in Mongolia' \
  && ok "README's C consumer prints the last arrivals: $(head -1 "$T/c.out")" \
  || fail "README's C consumer printed '$(cat "$T/c.out")' '$(cat "$T/c.err")' $(cat "$T/d.log")"
kill $dpid; wait $dpid 2>/dev/null

readme_block python "Wire protocol v1" | sed "s|tcp://127.0.0.1:5556|$E|" >"$T/readme.py"
# -u: what it printed is in p.out even when timeout ends it (the example loops for ever)
timeout 10 /usr/bin/python3 -u "$T/readme.py" >"$T/p.out" 2>"$T/p.err" &
ppid=$!
sleep 1.5 # subscribed before anything is published: the example is live only (imports are slow under load)
"$T/prefix/sbin/heraldd" --bind "$E" --replay-bind "$R" --log-level warning --once >"$T/d.log" 2>&1
wait $ppid
tail -1 "$T/p.out" | grep -q '^18 Vladimir Putin travels with a delegation to Mongolia$' \
  && ok "README's Python example prints the events: $(tail -1 "$T/p.out")" \
  || fail "README's Python example printed '$(cat "$T/p.out")' '$(cat "$T/p.err")'"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
