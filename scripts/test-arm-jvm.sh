#!/usr/bin/env bash
# The Kotlin bindings on the ARM ABIs imbridge ships, on real ARM JVMs:
# Debian's OpenJDK 17 for armhf (32-bit, armeabi-v7a's instruction set) and
# arm64, run under qemu-user, with JNA's own linux-arm / linux-aarch64
# dispatch library from its jar, against libimbridge.so built for
# armv7-unknown-linux-gnueabihf / aarch64-unknown-linux-gnu. UniFFI's
# checksums stay on: a checksum read wrongly (as JNA direct mapping did on
# 32-bit ARM) fails the first call.
#
# Runs the JVM test classes compiled by tests/kotlin (mvn test-compile) that
# cover every FFI type in both directions and the integer edges
# (FfiEdgesTest, WireVectorsTest, InteropVectorsTest, ErrorsPrintingTest,
# DispatchTest, OutboxTest, PushTest, BuildersTest) with JUnit's console launcher.
#
#   scripts/test-arm-jvm.sh              armhf and arm64
#   scripts/test-arm-jvm.sh armhf        one of them
#   IMBRIDGE_ARM_JVM_CLASSES="A B"       other test classes (simple names)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(armhf arm64)
classes=${IMBRIDGE_ARM_JVM_CLASSES:-FfiEdgesTest WireVectorsTest InteropVectorsTest ErrorsPrintingTest DispatchTest OutboxTest PushTest BuildersTest}
work=$root/target/arm-jvm
mkdir -p "$work"

# The test classes and their dependencies, compiled on the host (bytecode is
# the same on every JVM).
echo "==> compile the JVM tests (host)"
(cd tests/kotlin && mvn -B -ntp -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/test.cp")
launcher=$work/junit-platform-console-standalone.jar
if [ ! -f "$launcher" ]; then
  mvn -B -ntp -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.1 \
    -DoutputDirectory="$work" -Dmdep.stripVersion=true
fi
classpath=$root/tests/kotlin/target/test-classes:$root/tests/kotlin/target/classes:$(cat "$work/test.cp")

# Only now Debian's rustc for the ARM targets: the host build above (the
# bindings' generator) must not see it.
# shellcheck source=scripts/cross-env.sh
source scripts/cross-env.sh

summary=()
for arch in "${arches[@]}"; do
  case "$arch" in
    armhf) target=armv7-unknown-linux-gnueabihf; qemu=qemu-arm ;;
    arm64) target=aarch64-unknown-linux-gnu; qemu=qemu-aarch64 ;;
    *) echo "test-arm-jvm: unknown architecture $arch (armhf, arm64)" >&2; exit 2 ;;
  esac
  jvm_root=$work/$arch
  if [ ! -x "$jvm_root/usr/lib/jvm/java-17-openjdk-$arch/bin/java" ]; then
    echo "==> Debian's OpenJDK 17 for $arch"
    dpkg --print-foreign-architectures | grep -qx "$arch" || { dpkg --add-architecture "$arch"; apt-get update -qq; }
    debs=$(mktemp -d)
    (cd "$debs" && apt-get download -qq "openjdk-17-jre-headless:$arch" "libc6:$arch" "zlib1g:$arch" \
      "libgcc-s1:$arch" "libstdc++6:$arch")
    for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$jvm_root"; done
    rm -rf "$debs"
  fi
  java=$jvm_root/usr/lib/jvm/java-17-openjdk-$arch/bin/java

  echo "==> libimbridge.so for $target"
  # The test-arm profile: optimised without LTO (quicker to build), with
  # the overflow checks and debug assertions that 32-bit mistakes trip.
  cargo build -Zbuild-std=std,panic_unwind --profile test-arm --target "$target" -p imbridge-ffi --lib
  lib_dir=$work/$arch-lib
  mkdir -p "$lib_dir"
  cp "$CARGO_TARGET_DIR/$target/test-arm/libimbridge.so" "$lib_dir/"

  echo "==> $classes on $($qemu -L "$jvm_root" "$java" -version 2>&1 | head -n1) ($arch, under $qemu)"
  selectors=()
  for c in $classes; do selectors+=(--select-class "io.imbridge.$c"); done
  log=$work/$arch.log
  # The tests read ../vectors from tests/kotlin, as Maven runs them. A
  # 32-bit guest cannot list folders of the host's ext4 (64-bit directory
  # offsets: readdir fails with EOVERFLOW), so they run from a copy on tmpfs.
  # -Xshare:off: the host-arch CDS archive paths do not exist in the folder.
  shm=$(mktemp -d /dev/shm/imbridge-arm-jvm.XXXXXX)
  mkdir -p "$shm/kotlin"
  cp -r "$root/tests/vectors" "$shm/vectors"
  (cd "$shm/kotlin" && "$qemu" -L "$jvm_root" "$java" -Xshare:off -Djna.library.path="$lib_dir" -Djava.library.path="$lib_dir" \
    -Djna.nosys=true -jar "$launcher" execute --class-path "$classpath" "${selectors[@]}" \
    --details="${IMBRIDGE_ARM_JVM_DETAILS:-summary}" --disable-banner) 2>&1 | tee "$log"
  rm -rf "$shm"
  passed=$(grep -oE '[0-9]+ tests successful' "$log" | grep -oE '^[0-9]+' || echo 0)
  failed=$(grep -oE '[0-9]+ tests failed' "$log" | grep -oE '^[0-9]+' || echo 0)
  if [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ]; then
    echo "test-arm-jvm: $arch: $passed passed, $failed failed" >&2
    exit 1
  fi
  summary+=("$(printf '%-6s %s passed, %s failed (%s)' "$arch:" "$passed" "$failed" "$target")")
done
printf '\narm jvm %s\n' "${summary[@]}"
