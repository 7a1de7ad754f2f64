#!/usr/bin/env bash
# Prints imbridge's version: the workspace version in Cargo.toml, the one
# place it is written. The published POMs, Package.swift's release, the
# Kotlin IMBRIDGE_VERSION and Swift imbridgePackageVersion constants and
# the library's imbridgeVersion() all come from it; the build POMs' copies
# are checked against it (scripts/check-version.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sed -nE '/^\[workspace.package\]/,/^\[/ s/^version = "([^"]+)"/\1/p' "$root/Cargo.toml"
