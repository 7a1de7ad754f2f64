#!/usr/bin/env bash
# Runs the Swift package's tests against the host-built library.
#
# With swift on PATH it runs directly; on Debian without Swift it provisions
# a trixie chroot (scripts/provision-swift.sh), bind-mounts the repository
# into it and runs `swift test` there. Extra arguments go to `swift test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/generate-bindings.sh swift
libdir=$root/target/release

where=$(bash scripts/provision-swift.sh)
if [ "$where" = host ]; then
  cd ios
  LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
    swift test --disable-swift-testing -Xlinker -L"$libdir" "$@"
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
chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root IMBRIDGE_MEASURE="${IMBRIDGE_MEASURE:-}" \
  LD_LIBRARY_PATH=/work/target/release \
  bash -c 'cd /work/ios && swift test --disable-swift-testing --scratch-path /work/target/swift-build -Xlinker -L/work/target/release "$@"' \
  swift-test "$@"
