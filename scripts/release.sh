#!/usr/bin/env bash
# A release bundle in target/release/VERSION/:
#
#   maven/                   a Maven repository layout of io.imbridge:imbridge-android
#                            (AAR) and io.imbridge:imbridge-jvm (jar), each with its
#                            POM, -sources.jar and -javadoc.jar (Dokka HTML), .md5,
#                            .sha1, .sha256, .sha512 for every file and, when
#                            IMBRIDGE_SIGNING_KEY names a gpg key, .asc signatures
#   central-bundle.zip       the same files as one upload for Maven Central's
#                            publisher portal
#   IMBridgeFFI.xcframework.zip (+ .sha256, SwiftPM's checksum)
#   Package.swift            the manifest to tag: its binary target is the zip at
#                            IMBRIDGE_REPO_URL/releases/download/VERSION/IMBridgeFFI.xcframework.zip
#   IMBridge-docs.zip        the Swift API reference (DocC, static hosting)
#   SIZES.md, NOTES.md       sizes per ABI / slice / file; the CHANGELOG section
#
#   scripts/release.sh VERSION [--use-dist]
#
# VERSION must be Cargo.toml's workspace version (the one version number),
# with a section in CHANGELOG.md. By default every artefact and the API
# reference are built first (build-targets.sh, build-docs.sh); --use-dist
# packages what target/dist and target/docs already hold (CI's smoke, after
# its checks built one slice of each). scripts/check-release.sh checks the
# result; docs/RELEASING.md says what to publish where.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=${1:?usage: scripts/release.sh VERSION [--use-dist]}
use_dist=${2:-}
workspace_version=$(bash scripts/version.sh)
if [ "$version" != "$workspace_version" ]; then
  echo "release: $version is not the workspace version ($workspace_version in Cargo.toml); change it there first" >&2
  exit 2
fi
notes=$(python3 scripts/release/changelog_section.py "$version")
download_url=$(bash scripts/release/download-url.sh "$version")

if [ "$use_dist" != --use-dist ]; then
  bash scripts/build-targets.sh ios android jvm
  bash scripts/build-docs.sh
fi
dist=$root/target/dist
for f in "imbridge-android-$version.aar" "imbridge-android-$version.pom" "imbridge-jvm-$version.jar" \
  "imbridge-jvm-$version.pom" IMBridgeFFI.xcframework.zip IMBridgeFFI.xcframework.zip.sha256; do
  [ -f "$dist/$f" ] || { echo "release: target/dist/$f is missing (scripts/build-targets.sh)" >&2; exit 1; }
done
for d in target/docs/kotlin-jvm target/docs/kotlin-android target/docs/swift; do
  [ -f "$d/index.html" ] || { echo "release: $d is missing (scripts/build-docs.sh)" >&2; exit 1; }
done

out=$root/target/release/$version
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Sources: the Kotlin the artefact was compiled from, generated bindings included.
mkdir -p "$work/sources-jvm" "$work/sources-android"
cp -r target/generated/kotlin/. android/src/main/kotlin/. "$work/sources-jvm/"
cp -r "$work/sources-jvm/." android/src/android/kotlin/. "$work/sources-android/"
for part in jvm android; do
  bash scripts/repro-zip.sh "$work/sources-$part" "$work/imbridge-$part-sources.jar"
  cp -r "target/docs/kotlin-$part" "$work/javadoc-$part"
  bash scripts/repro-zip.sh "$work/javadoc-$part" "$work/imbridge-$part-javadoc.jar"
done

python3 scripts/release/stage_maven.py "$out/maven" imbridge-android "$version" "$dist/imbridge-android-$version.aar" \
  "$dist/imbridge-android-$version.pom" "$work/imbridge-android-sources.jar" "$work/imbridge-android-javadoc.jar"
python3 scripts/release/stage_maven.py "$out/maven" imbridge-jvm "$version" "$dist/imbridge-jvm-$version.jar" \
  "$dist/imbridge-jvm-$version.pom" "$work/imbridge-jvm-sources.jar" "$work/imbridge-jvm-javadoc.jar"
bash scripts/repro-zip.sh "$out/maven" "$out/central-bundle.zip"

# The checksum build-xcframework.sh wrote (and cross-checked with SwiftPM);
# check-release.sh recomputes it from the zip.
cp "$dist/IMBridgeFFI.xcframework.zip" "$dist/IMBridgeFFI.xcframework.zip.sha256" "$out/"
checksum=$(cat "$out/IMBridgeFFI.xcframework.zip.sha256")
python3 scripts/release/release_manifest.py Package.swift "$download_url" "$checksum" "$out/Package.swift"
cp -r target/docs/swift "$work/swift-docs"
bash scripts/repro-zip.sh "$work/swift-docs" "$out/IMBridge-docs.zip"

printf '%s\n' "$notes" >"$out/NOTES.md"
python3 scripts/release/sizes.py "$out" "$dist/IMBridgeFFI.xcframework"

echo "release $version in $out:"
(cd "$out" && find . -type f | LC_ALL=C sort | sed 's|^\./|  |')
