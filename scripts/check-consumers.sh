#!/usr/bin/env bash
# Uses the library the way an app team does, from outside its source tree:
#
# - JVM: builds io.imbridge:imbridge-jvm from the sources
#   (build-targets.sh jvm) and installs it into the local Maven repository,
#   copies tests/consumers/jvm to a scratch folder outside the repository
#   and runs its tests there with the oldest Kotlin the README claims: it
#   depends on that artefact alone, with no library path set. Then the same artefact
#   in a release build: an app shrunk, optimised and obfuscated by ProGuard
#   with no keep rule of its own (scripts/check-shrunk-consumer.sh).
# - Swift: runs tests/consumers/swift, a package that depends on the root
#   package by path and uses the product IMBridge (on Linux: in the Swift
#   chroot, against the host-built library).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
oldest_kotlin=2.0.21

version=$(bash scripts/version.sh)
echo "==> build io.imbridge:imbridge-jvm from the sources (scripts/build-targets.sh jvm) and install it"
bash scripts/build-targets.sh jvm
rm -rf "$HOME/.m2/repository/io/imbridge/imbridge-jvm"
mvn -B -ntp -q install:install-file -Dfile="target/dist/imbridge-jvm-$version.jar" \
  -DpomFile="target/dist/imbridge-jvm-$version.pom"

# The oldest Kotlin the README claims: the consumer compiles and runs with
# Kotlin 2.0's compiler and standard library.
echo "==> JVM consumer (outside the repository), Kotlin $oldest_kotlin"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r tests/consumers/jvm "$scratch/consumer"
(cd "$scratch/consumer" && mvn -B -ntp test -Dimbridge.version="$version" -Dkotlin.version="$oldest_kotlin") | tee "$scratch/jvm.log"
grep -qE 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0' "$scratch/jvm.log"
grep -q "kotlin-maven-plugin:$oldest_kotlin:test-compile" "$scratch/jvm.log"

# One library instance however it is found: the jar's copy (above), a copy
# on jna.library.path, a copy on java.library.path (JNA then still takes the
# jar's; the JNI side must follow it, not load the other file).
mkdir -p "$scratch/lib"
unzip -q -o -j "target/dist/imbridge-jvm-$version.jar" linux-x86-64/libimbridge.so -d "$scratch/lib"
for setup in "-Djna.library.path=$scratch/lib" "-Djava.library.path=$scratch/lib" \
  "-Djna.library.path=$scratch/lib -Djava.library.path=$scratch/lib"; do
  echo "==> JVM consumer, one library with $setup"
  (cd "$scratch/consumer" && mvn -B -ntp -q test -Dimbridge.version="$version" -Dtest=OneLibraryTest "-DargLine=$setup") | tee "$scratch/one.log"
  if grep -qE 'FAIL|ERROR' "$scratch/one.log"; then exit 1; fi
done

echo "==> JVM app shrunk, optimised and obfuscated by ProGuard with imbridge's shipped rules only"
bash scripts/check-shrunk-consumer.sh

echo "==> Swift consumer"
IMBRIDGE_SWIFT_PACKAGE=tests/consumers/swift bash scripts/swift.sh run ConsumerCheck | tee "$scratch/swift.log"
grep -q 'consumer check: all passed' "$scratch/swift.log"
