#!/bin/bash
# make demo and make install build what they run or install, not the sixty test
# programs of `make` (a newcomer's first `make demo` on two cores waited minutes
# for them); every target they name exists, and install builds every target
# that CMakeLists.txt installs.
#   tests/cli_make.sh SOURCE_DIR BUILD_DIR
set -u
SRC=$1 BUILD=$2
fail() { echo "FAIL: $*"; exit 1; }

targets_of() { # the --target list of the recipe's cmake --build line
  make -s -C "$SRC" -n "$@" | sed -n 's/^cmake --build .* --target \(.*\)$/\1/p'
}
known=$(cmake --build "$BUILD" --target help | sed -n 's/^\.\.\. \([^ ]*\).*/\1/p')

demo=$(targets_of demo)
[ -n "$demo" ] || fail "make demo builds every target (no --target): $(make -s -C "$SRC" -n demo | grep 'cmake --build')"
install=$(targets_of install PREFIX=/nonexistent)
[ -n "$install" ] || fail "make install builds every target (no --target)"
for t in $demo $install; do
  grep -qx "$t" <<<"$known" || fail "'$t' is not a target of the build"
done
grep -q 'demo.sh build/dev' <(make -s -C "$SRC" -n demo) || fail "make demo does not run tests/demo.sh"
for t in heraldd herald-cli; do
  grep -qw "$t" <<<"$demo" || fail "make demo does not build $t, which tests/demo.sh runs"
done
for t in $(sed -n 's/^install(TARGETS \([^ ]*\).*/\1/p' "$SRC/CMakeLists.txt"); do
  grep -qw "$t" <<<"$install" || fail "make install does not build $t, which CMakeLists.txt installs"
done
echo "make demo builds: $demo; make install builds: $install"
