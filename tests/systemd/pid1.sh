#!/bin/bash
# PID 1 of new pid+mount+cgroup+uts+ipc+net namespaces (see harness.sh): an
# overlay of the machine's root with its writes in a tmpfs, a private /run, the
# cgroup2 tree rooted at our sub-cgroup, then systemd itself on the unit folder $1,
# logging to the journal inside (its console is /dev/null).
set -e
UNITS=$1; O=$(mktemp -d /tmp/heraldsd.XXXX)
mount --make-rprivate /
mount -t tmpfs tmpfs "$O"; mkdir "$O/upper" "$O/work" "$O/root"
# writes to /etc, /usr and /var (StateDirectory=, DynamicUser=) land in tmpfs, never on the host
mount -t overlay overlay -o lowerdir=/,upperdir="$O/upper",workdir="$O/work" "$O/root"
for m in /proc /sys /dev /tmp; do mount --rbind $m "$O/root$m"; done
mount -t tmpfs -o mode=755 tmpfs "$O/root/run"
mount --bind /dev/null "$O/root/dev/console" # PID 1 would otherwise write to the machine's console
umount -R "$O/root/sys/fs/cgroup"; mount -t cgroup2 cgroup2 "$O/root/sys/fs/cgroup"
cd "$O/root"; mkdir -p .oldroot; pivot_root . .oldroot; umount -l /.oldroot; rmdir /.oldroot || true
export container=unshare SYSTEMD_UNIT_PATH=$UNITS SYSTEMD_GENERATOR_PATH=/nonexistent \
       SYSTEMD_ENVIRONMENT_GENERATOR_PATH=/nonexistent
exec /lib/systemd/systemd --system --unit=test.target --log-target=journal --show-status=no
