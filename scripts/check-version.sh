#!/usr/bin/env bash
# imbridge has one version number: Cargo.toml's workspace version
# (scripts/version.sh). The published POMs, the release's Package.swift and
# the Kotlin/Swift version constants are generated from it; the copies that
# tools need written out are checked here, so a version bump that misses
# one fails CI with the file to change.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(bash scripts/version.sh)
failed=0
expect() { # expect FILE PATTERN: PATTERN (a fixed string) must occur in FILE
  if ! grep -qF -- "$2" "$1"; then
    echo "check-version: $1 does not say '$2' (the workspace version is $version)" >&2
    failed=1
  fi
}
for pom in jvm/pom.xml android/pom.xml tests/kotlin/pom.xml; do
  expect "$pom" "<version>$version</version>"
done
for pom in tests/consumers/jvm/pom.xml tests/consumers/shrunk/pom.xml; do
  expect "$pom" "<imbridge.version>$version</imbridge.version>"
done
expect README.md "io.imbridge:imbridge-android:$version"
expect README.md "io.imbridge:imbridge-jvm:$version"
expect README.md "from: \"$version\""
expect Package.swift "from: \"$version\""
expect ios/Sources/IMBridge/Generated/Version.swift "\"$version\""
expect CHANGELOG.md "## [$version]"
[ "$failed" = 0 ] && echo "version $version: every copy agrees"
exit "$failed"
