#!/usr/bin/env bash
# Checks a release bundle written by scripts/release.sh:
#   scripts/check-release.sh target/release/VERSION [--require-signatures]
#
# - Maven Central's requirements, file by file (scripts/release/check_release.py):
#   main file, POM, -sources.jar, -javadoc.jar per artefact; their checksums;
#   gpg-verified .asc signatures (all or none; all with --require-signatures,
#   against the keys in GNUPGHOME); the POM's coordinates and required
#   elements; the upload zip holding exactly those files.
# - The Swift manifest: `swift package dump-package` evaluates the bundle's
#   Package.swift as on Apple platforms (IMBRIDGE_MANIFEST_AS_APPLE=1) in a
#   package with no local XCFramework, and its binary target must be the
#   release's download URL with the zip's checksum.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bundle=$(cd "${1:?usage: scripts/check-release.sh target/release/VERSION [--require-signatures]}" && pwd)
version=$(basename "$bundle")
url=$(bash scripts/release/download-url.sh "$version")

# The manifest, evaluated where SwiftPM would: a package folder holding the
# bundle's Package.swift and the sources it names, and no target/dist.
pkg=target/release-check/$version
rm -rf "$pkg" && mkdir -p "$pkg"
cp "$bundle/Package.swift" "$pkg/"
cp -r ios "$pkg/"
IMBRIDGE_MANIFEST_AS_APPLE=1 IMBRIDGE_SWIFT_PACKAGE=$pkg bash scripts/swift.sh package dump-package \
  --manifest-cache none >"$pkg/manifest.json"

python3 scripts/release/check_release.py "$bundle" "$version" "$url" --manifest-json "$pkg/manifest.json" "${@:2}"
