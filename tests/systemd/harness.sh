# A real systemd for tests, sourced by bash scripts: systemd 252 booted as PID 1
# of private namespaces (pid1.sh) on a unit folder of stubs, journald and the
# units under test, run into with sd_run, and torn down by sd_stop (trapped on
# EXIT, so nothing outlives the test). Needs root, unshare and a writable cgroup2
# folder; sd_can_run says why not when they are missing.
HARNESS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The cgroup2 folder: the hybrid layout's (these machines, Debian 12's CI), else
# /sys/fs/cgroup itself where it is cgroup2 (pure unified hosts; not tried here).
SD_CGROOT=/sys/fs/cgroup/unified
if [ ! -d "$SD_CGROOT" ] && [ "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)" = cgroup2fs ]; then
  SD_CGROOT=/sys/fs/cgroup
fi

# Prints why the harness cannot run here, and fails; silent and true when it can.
sd_can_run() {
  [ "$(id -u)" = 0 ] || { echo "needs root (unshare, mounts, cgroups)"; return 1; }
  command -v unshare >/dev/null && command -v nsenter >/dev/null || { echo "no unshare/nsenter"; return 1; }
  [ -x /lib/systemd/systemd ] || { echo "no /lib/systemd/systemd"; return 1; }
  [ -d "$SD_CGROOT" ] && mkdir -p "$SD_CGROOT/heraldtest.probe.$$" 2>/dev/null &&
    rmdir "$SD_CGROOT/heraldtest.probe.$$" || { echo "no writable cgroup folder $SD_CGROOT"; return 1; }
}

# The unit folder $1: stub targets, journald, test.target, then the units given.
sd_units() {
  local dir=$1 t; shift
  mkdir -p "$dir"
  for t in sysinit basic sockets timers paths local-fs remote-fs network network-online slices swap shutdown \
           multi-user default; do
    printf '[Unit]\nDescription=stub\n' >"$dir/$t.target"
  done
  cp /lib/systemd/system/systemd-journald.service /lib/systemd/system/systemd-journald.socket \
     /lib/systemd/system/systemd-journald-dev-log.socket "$dir/"
  printf '[Unit]\nDescription=stub\n' >"$dir/syslog.socket"
  printf '[Unit]\nDescription=stub\n' >"$dir/systemd-journald-audit.socket"
  printf '[Unit]\nDescription=test\nWants=systemd-journald.socket systemd-journald-dev-log.socket\n' >"$dir/test.target"
  [ $# -gt 0 ] && cp "$@" "$dir/"
  return 0
}

# Boots systemd on the unit folder $1; its console goes to $SD_LOG. A test
# killed outright (SIGKILL: no trap runs) takes its systemd with it through
# unshare --kill-child; the empty cgroup folders it leaves are removed here.
sd_start() {
  local old
  for old in "$SD_CGROOT"/heraldtest.*; do # heraldtest.PID of a test that is gone, and empty
    [ -d "$old" ] && [ ! -e "/proc/${old##*.}" ] && ! cat $(find "$old" -name cgroup.procs) 2>/dev/null | grep -q . &&
      find "$old" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  SD_CG=$SD_CGROOT/heraldtest.$$; mkdir -p "$SD_CG"; trap sd_exit EXIT
  trap 'exit 143' TERM INT HUP PIPE # so that EXIT runs sd_stop when ctest times the test out
  ( echo $BASHPID >"$SD_CG/cgroup.procs"
    exec unshare --pid --fork --kill-child --mount --cgroup --uts --ipc --net --mount-proc "$HARNESS_DIR/pid1.sh" "$1" ) \
    >"${SD_LOG:-/dev/null}" 2>&1 &
  SD_UNSHARE=$!
  for _ in $(seq 100); do
    SD_PID=$(pgrep -P "$SD_UNSHARE" | head -1)
    [ -n "$SD_PID" ] && [ "$(readlink /proc/$SD_PID/exe)" = /usr/lib/systemd/systemd ] &&
      sd_run systemctl is-system-running --wait >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# On EXIT: sd_stop, then the test's sd_exit_hook if it has one.
sd_exit() { sd_stop; if declare -F sd_exit_hook >/dev/null; then sd_exit_hook; fi; return 0; }

sd_run() { nsenter -t "$SD_PID" -m -p -u -i -n -C "$@"; }

sd_stop() {
  [ -n "$SD_PID" ] && kill -KILL "$SD_PID" 2>/dev/null
  [ -n "$SD_UNSHARE" ] && wait "$SD_UNSHARE" 2>/dev/null
  [ -n "$SD_CG" ] && find "$SD_CG" -depth -type d -exec rmdir {} \; 2>/dev/null
  SD_PID= SD_UNSHARE= SD_CG=
  return 0
}

# Runs "$@" inside until it succeeds, at most $1 seconds (tenths of a second apart).
sd_wait() {
  local deadline=$(($(date +%s%N) + $1 * 1000000000)); shift
  until sd_run "$@" >/dev/null 2>&1; do
    [ "$(date +%s%N)" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}
