#!/usr/bin/env bash
# The API reference as HTML, and what the documentation-coverage check reads:
#
#   target/docs/kotlin-jvm/       Dokka: the imbridge-jvm jar's Kotlin API
#   target/docs/kotlin-android/   Dokka: the AAR's Kotlin API (adds the
#                                 Android-only Bridge.initialize, installLogcat)
#   target/docs/swift/            DocC (the Swift toolchain's docc): the
#                                 IMBridge module, for static hosting
#   target/docs/*.log, target/docs/symbolgraph/
#                                 Dokka's "Undocumented" reports and the Swift
#                                 symbol graph (scripts/check_doc_coverage.py)
#
# The release's -javadoc.jar files are the two Dokka folders, zipped.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
docs=target/docs
rm -rf "$docs" && mkdir -p "$docs"

# Dokka reads the generated bindings; `compile` generates and checks them.
for part in jvm android; do
  echo "==> Kotlin reference ($part, Dokka)"
  mvn -B -ntp -f "$part/pom.xml" -DskipTests compile org.jetbrains.dokka:dokka-maven-plugin:2.2.0:dokka \
    >"$docs/kotlin-$part.log" 2>&1 || { tail -n 40 "$docs/kotlin-$part.log" >&2; exit 1; }
  [ -f "$docs/kotlin-$part/index.html" ] || { echo "build-docs: Dokka wrote no $docs/kotlin-$part/index.html" >&2; exit 1; }
done

echo "==> Swift symbol graph"
bash scripts/swift.sh build --target IMBridge \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "/work/$docs/symbolgraph" >"$docs/swift-build.log" 2>&1 ||
  { tail -n 40 "$docs/swift-build.log" >&2; exit 1; }
# Inside the chroot the repository is /work; on a host with Swift, fix the path.
if [ ! -f "$docs/symbolgraph/IMBridge.symbols.json" ] && [ -f "/work/$docs/symbolgraph/IMBridge.symbols.json" ]; then
  mv "/work/$docs/symbolgraph" "$docs/"
fi

echo "==> Swift reference (DocC)"
IMBRIDGE_SWIFT_TOOL=docc bash scripts/swift.sh convert docs/api/IMBridge.docc \
  --additional-symbol-graph-dir "$docs/symbolgraph" \
  --fallback-display-name IMBridge --fallback-bundle-identifier io.imbridge.IMBridge \
  --transform-for-static-hosting --output-path "$docs/swift" >"$docs/swift-docc.log" 2>&1 ||
  { tail -n 40 "$docs/swift-docc.log" >&2; exit 1; }
[ -f "$docs/swift/index.html" ] || { echo "build-docs: DocC wrote no $docs/swift/index.html" >&2; exit 1; }

echo "API reference: $docs/kotlin-jvm $docs/kotlin-android $docs/swift"
