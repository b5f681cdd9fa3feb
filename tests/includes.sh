#!/bin/bash
# The dependency direction, pinned the way tests/libherald.exports pins the
# exports: every #include of every source file in the folders of
# tests/includes.allow must be allowed there (the engine includes no service
# header and no zmq.h; the cli only <herald/herald.h>; libherald no daemon
# header). A new arrow means editing includes.allow, on purpose, in review.
#
#   includes.sh SOURCE_DIR            check the tree
#   includes.sh SOURCE_DIR --planted  check that a copy with "log.h" planted in
#                                     an engine file and <zmq.h> in the cli fails
set -u
SRC=$1
ALLOW=$SRC/tests/includes.allow

if [ "${2:-}" = --planted ]; then
        T=$(mktemp -d /tmp/herald-includes.XXXXXX); trap 'rm -rf "$T"' EXIT
        cp -r "$SRC/daemon" "$SRC/client" "$SRC/include" "$SRC/tests" "$T/" || exit 1
        echo '#include "log.h"' >>"$T/daemon/engine/event.c"
        echo '#include <zmq.h>' >>"$T/client/cli/main.c"
        out=$("$0" "$T")
        echo "$out"
        grep -q 'daemon/engine/event.c includes "log.h"' <<<"$out" &&
                grep -q 'client/cli/main.c includes <zmq.h>' <<<"$out" &&
                grep -q ' 2 not allowed$' <<<"$out" || { echo "FAIL: the planted includes were not caught"; exit 1; }
        echo "ok: both planted includes caught"
        exit 0
fi

# C11 and POSIX/Linux system headers: allowed everywhere.
LIBC=" assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h limits.h locale.h math.h
  setjmp.h signal.h stdalign.h stdarg.h stdatomic.h stdbool.h stddef.h stdint.h stdio.h stdlib.h
  stdnoreturn.h string.h tgmath.h threads.h time.h uchar.h wchar.h wctype.h
  aio.h dirent.h dlfcn.h endian.h err.h fcntl.h fnmatch.h getopt.h glob.h grp.h iconv.h langinfo.h
  libgen.h netdb.h poll.h pthread.h pwd.h regex.h sched.h search.h semaphore.h spawn.h strings.h
  sysexits.h syslog.h termios.h unistd.h wordexp.h arpa/inet.h netinet/in.h netinet/tcp.h"
LIBC=" $(echo $LIBC) " # one space between names, and around them

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# allowed FOLDER FILE HEADER QUOTED: whether the rule lines let FILE include HEADER.
allowed() {
        local folder=$1 file=$2 h=$3 quoted=$4 entry
        if [ "$quoted" = 0 ]; then
                case "$LIBC" in *" $h "*) return 0 ;; esac
                case "$h" in sys/*) return 0 ;; esac
        elif [ -f "$SRC/$folder/$h" ]; then
                return 0 # its own folder's header
        fi
        for entry in ${RULES[$folder]} ${EXCEPT[$file]:-}; do
                case "$entry" in
                @*) [ "$quoted" = 1 ] && [ -f "$SRC/${entry#@}/$h" ] && return 0 ;;
                "<"*">") [ "$quoted" = 0 ] && [[ "$h" == ${entry:1:-1} ]] && return 0 ;;
                *) [ "$quoted" = 1 ] && [[ "$h" == $entry ]] && return 0 ;;
                esac
        done
        return 1
}

declare -A RULES EXCEPT
while IFS= read -r line; do
        line=${line%%#*}
        [[ "$line" =~ ^[[:space:]]*$ ]] && continue
        key=${line%%:*}
        if [ -d "$SRC/$key" ]; then RULES[$key]=${line#*:}
        elif [ -f "$SRC/$key" ]; then EXCEPT[$key]="${EXCEPT[$key]:-} ${line#*:}"
        else fail "$ALLOW: '$key' is neither a folder nor a file"; fi
done <"$ALLOW"

checked=0
for folder in "${!RULES[@]}"; do
        for path in "$SRC/$folder"/*.[ch]; do
                [ -f "$path" ] || continue
                file=${path#"$SRC/"}
                while IFS= read -r inc; do
                        if [[ "$inc" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]]; then
                                h=${BASH_REMATCH[1]} quoted=1 shown="\"${BASH_REMATCH[1]}\""
                        elif [[ "$inc" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^\>]+)\> ]]; then
                                h=${BASH_REMATCH[1]} quoted=0 shown="<${BASH_REMATCH[1]}>"
                        else
                                fail "$file: cannot read '$inc'"
                                continue
                        fi
                        checked=$((checked + 1))
                        allowed "$folder" "$file" "$h" "$quoted" ||
                                fail "$file includes $shown: not allowed in $folder/ (tests/includes.allow)"
                done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$path")
        done
done

echo "$checked includes checked in ${#RULES[@]} folders, $fails not allowed"
[ "$fails" = 0 ]
