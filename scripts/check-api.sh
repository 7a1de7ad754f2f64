#!/usr/bin/env bash
# The public API is committed (api/): a change to it is a decision, made in
# the same commit as its line in CHANGELOG.md.
#
#   scripts/check-api.sh            fails when the API differs from api/
#   scripts/check-api.sh --update   rewrites api/ from the current build
#
# api/imbridge-jvm.api   the JVM binary API of io.imbridge.* (javap, the
#                        imbridge-jvm jar; the AAR's classes.jar is the
#                        same Kotlin plus the Android-only Bridge.initialize
#                        and installLogcat)
# api/IMBridge.swift.api the Swift module's public declarations (symbol graph)
#
# Reads the jar scripts/build-targets.sh jvm wrote and the symbol graph
# scripts/build-docs.sh wrote. Once a version is tagged, an API that differs
# from that tag's api/ also needs an entry under "Unreleased" in CHANGELOG.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(bash scripts/version.sh)
jar=target/dist/imbridge-jvm-$version.jar
graph=target/docs/symbolgraph/IMBridge.symbols.json
[ -f "$jar" ] || { echo "check-api: no $jar (scripts/build-targets.sh jvm)" >&2; exit 1; }
[ -f "$graph" ] || { echo "check-api: no $graph (scripts/build-docs.sh)" >&2; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 scripts/api_dump.py kotlin "$jar" "$out/imbridge-jvm.api"
python3 scripts/api_dump.py swift "$graph" "$out/IMBridge.swift.api"

if [ "${1:-}" = --update ]; then
  mkdir -p api
  cp "$out"/*.api api/
  echo "check-api: api/ rewritten; add what changed under 'Unreleased' in CHANGELOG.md"
  exit 0
fi

changed=0
for f in imbridge-jvm.api IMBridge.swift.api; do
  if ! diff -u "api/$f" "$out/$f" >"$out/$f.diff"; then
    echo "check-api: the public API differs from api/$f:" >&2
    head -n 60 "$out/$f.diff" >&2
    changed=1
  fi
done
if [ "$changed" = 1 ]; then
  echo "check-api: if the change is meant, run 'bash scripts/check-api.sh --update' and describe it under 'Unreleased' in CHANGELOG.md" >&2
  exit 1
fi

# Against the last release: its api/ and the changelog.
last_tag=$(git tag --list '[0-9]*.[0-9]*.[0-9]*' --sort=-version:refname | head -n1)
if [ -z "$last_tag" ]; then
  echo "check-api: API matches api/ ($(wc -l <api/imbridge-jvm.api) Kotlin lines, $(wc -l <api/IMBridge.swift.api) Swift); no release tagged yet, so every change belongs to $version's CHANGELOG section"
elif ! git diff --quiet "$last_tag" -- api/; then
  if ! python3 scripts/release/changelog_section.py Unreleased >/dev/null 2>&1; then
    echo "check-api: the API changed since $last_tag (git diff $last_tag -- api/) and CHANGELOG.md's Unreleased section is empty" >&2
    exit 1
  fi
  echo "check-api: API matches api/; changed since $last_tag, and CHANGELOG.md says how"
else
  echo "check-api: API matches api/ and $last_tag"
fi
