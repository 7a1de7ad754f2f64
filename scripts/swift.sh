#!/usr/bin/env bash
# Runs a `swift` command on the root package (Package.swift) against the host-built library:
#   scripts/swift.sh test --disable-swift-testing      (scripts/test-swift.sh)
#   scripts/swift.sh run -c release IMBridgeBench     (scripts/bench.sh)
#
# With swift on PATH it runs directly; on Debian without Swift it provisions
# a trixie chroot (scripts/provision-swift.sh), bind-mounts the repository
# into it and runs the command there. IMBRIDGE_* variables pass through.
# IMBRIDGE_SWIFT_PACKAGE picks another package of the repository (a path
# relative to its root, e.g. tests/consumers/swift). IMBRIDGE_SWIFT_TOOL
# runs another tool of the toolchain instead of `swift` (docc,
# swift-api-digester), from the repository root: give it relative paths.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/generate-bindings.sh swift
libdir=$root/target/release
package=${IMBRIDGE_SWIFT_PACKAGE:-.}
scratch=target/swift-build${IMBRIDGE_SWIFT_PACKAGE:+-$(basename "$package")}

where=$(bash scripts/provision-swift.sh)
if [ "$where" = host ]; then
  [ -z "${IMBRIDGE_SWIFT_TOOL:-}" ] || exec "$IMBRIDGE_SWIFT_TOOL" "$@"
  cd "$package"
  LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
    swift "$1" -Xlinker -L"$libdir" "${@:2}"
  exit
fi

chroot_dir=$where
mnt=$chroot_dir/work
mkdir -p "$mnt" "$chroot_dir/proc"
cleanup() {
  umount "$mnt" 2>/dev/null || true
  umount "$chroot_dir/proc" 2>/dev/null || true
}
trap cleanup EXIT
mountpoint -q "$chroot_dir/proc" || mount -t proc proc "$chroot_dir/proc"
mountpoint -q "$mnt" && umount "$mnt"
mount --bind "$root" "$mnt"

# A separate scratch path per checkout keeps module caches from clashing
# ("module was built in directory X but now resides in Y").
# IMBRIDGE_BENCH_OUT is a path in the repository; inside it is under /work.
bench_out=${IMBRIDGE_BENCH_OUT:+/work/${IMBRIDGE_BENCH_OUT#"$root"/}}
chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/bin:/bin:/usr/libexec/swift/bin HOME=/root \
  IMBRIDGE_BENCH_SCALE="${IMBRIDGE_BENCH_SCALE:-1}" \
  IMBRIDGE_STRESS_SECONDS="${IMBRIDGE_STRESS_SECONDS:-3}" \
  IMBRIDGE_BENCH_OUT="$bench_out" LD_LIBRARY_PATH=/work/target/release \
  IMBRIDGE_SWIFT_PACKAGE="$package" IMBRIDGE_SWIFT_SCRATCH="$scratch" IMBRIDGE_SWIFT_TOOL="${IMBRIDGE_SWIFT_TOOL:-}" \
  IMBRIDGE_MANIFEST_AS_APPLE="${IMBRIDGE_MANIFEST_AS_APPLE:-}" \
  bash -c 'if [ -n "$IMBRIDGE_SWIFT_TOOL" ]; then cd /work && exec "$IMBRIDGE_SWIFT_TOOL" "$@"; fi
    cd "/work/$IMBRIDGE_SWIFT_PACKAGE" && swift "$1" --scratch-path "/work/$IMBRIDGE_SWIFT_SCRATCH" -Xlinker -L/work/target/release "${@:2}"' \
  swift "$@"
