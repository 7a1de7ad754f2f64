#!/usr/bin/env bash
# Provisions a Swift toolchain for the Linux test run.
#
# Swift on PATH (macOS, or a Linux with Swift installed): nothing to do.
# Debian 12 has no Swift package and installing trixie's into the host would
# upgrade libc, so a Debian trixie chroot holds swiftlang instead. The chroot
# is reused when it already has `swift`.
#
# Usage: scripts/provision-swift.sh        (prints the chroot path, or "host")
set -euo pipefail

CHROOT=${IMBRIDGE_SWIFT_CHROOT:-/opt/swift-trixie}

if command -v swift >/dev/null 2>&1; then
  echo host
  exit 0
fi

# The marker is written only after a complete install.
if [ -f "$CHROOT/.imbridge-swift-ready" ]; then
  echo "$CHROOT"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "provision-swift: needs root to build the chroot at $CHROOT (or put swift on PATH)" >&2
  exit 1
fi

# The mirror is the host's own Debian mirror, read from its apt sources.
mirror=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -v security | grep -oE 'https?://[^ ]+/debian' | head -n1 || true)
if [ -z "$mirror" ]; then
  echo "provision-swift: no Debian mirror found in the host's apt sources" >&2
  exit 1
fi

{
  command -v debootstrap >/dev/null 2>&1 || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
  }
  rm -rf "$CHROOT.partial"
  debootstrap --variant=minbase trixie "$CHROOT.partial" "$mirror"
  chroot "$CHROOT.partial" apt-get update -qq
  chroot "$CHROOT.partial" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends swiftlang libc6-dev
  chroot "$CHROOT.partial" apt-get clean
  touch "$CHROOT.partial/.imbridge-swift-ready"
  # Only a complete chroot takes the real name, so an interrupted run is redone.
  rm -rf "$CHROOT"
  mv "$CHROOT.partial" "$CHROOT"
} >&2

echo "$CHROOT"
