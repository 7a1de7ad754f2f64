#!/usr/bin/env bash
# Checks every slice of an XCFramework with LLVM's Mach-O tools:
# - the architectures in the archive are the ones Info.plist declares;
# - every object's LC_BUILD_VERSION names the slice's platform (iOS,
#   iOS simulator or macOS) and the package's minimum OS;
# - the UniFFI entry points are defined and exported (global);
# - no embedded LLVM bitcode is left (the App Store refuses it);
# - the header and module map are in place.
# Prints one line per slice and architecture; exits 1 at the first mismatch.
#   verify-xcframework.sh PATH/IMBridgeFFI.xcframework
# Reads our own Info.plist and the one `xcodebuild -create-xcframework`
# writes (tests/apple/xcodebuild-format). The LLVM tools are Debian's by
# default; IMBRIDGE_OBJDUMP / IMBRIDGE_NM name others (on a Mac:
# "xcrun objdump", "xcrun nm", as build-xcframework-mac.sh sets them).
set -euo pipefail
fw=$1
read -ra objdump <<<"${IMBRIDGE_OBJDUMP:-llvm-objdump-14}"
read -ra nm <<<"${IMBRIDGE_NM:-llvm-nm-14}"
fail() { echo "verify-xcframework: $*" >&2; exit 1; }

[ -f "$fw/Info.plist" ] || fail "no Info.plist"
ids=$(grep -A1 '<key>LibraryIdentifier</key>' "$fw/Info.plist" | sed -nE 's|.*<string>(.*)</string>.*|\1|p')
[ -n "$ids" ] || fail "Info.plist lists no library"

for id in $ids; do
  a=$fw/$id/libimbridge.a
  [ -f "$a" ] || fail "$id: no libimbridge.a"
  [ -f "$fw/$id/Headers/IMBridgeFFI/IMBridgeFFI.h" ] || fail "$id: no header"
  grep -q 'header "IMBridgeFFI.h"' "$fw/$id/Headers/IMBridgeFFI/module.modulemap" || fail "$id: no module map"
  case $id in
    ios-*-simulator) platform=iossimulator; minos=13.0 ;;
    ios-*) platform=ios; minos=13.0 ;;
    macos-*) platform=macos; minos=11.0 ;;
    *) fail "$id: unknown slice" ;;
  esac
  declared=$(awk -v id="$id" '
    /<key>LibraryIdentifier<\/key>/ { getline; inside = ($0 ~ ">" id "<") }
    inside && /<key>SupportedArchitectures<\/key>/ { reading = 1; next }
    reading && /<\/array>/ { reading = 0; inside = 0 }
    reading && /<string>/ { gsub(/.*<string>|<\/string>.*/, ""); print }' "$fw/Info.plist" | sort | tr '\n' ' ')
  actual=$(python3 "$(dirname "$0")/macho_fat.py" archs "$a" | tr ' ' '\n' | sort | tr '\n' ' ')
  [ "$declared" = "$actual" ] || fail "$id: Info.plist declares '$declared', archive has '$actual'"
  for arch in $actual; do
    # Arm64 simulators exist from iOS 14 on; rustc raises the minimum to
    # 14.0 for aarch64-apple-ios-sim whatever the deployment target says.
    expected_minos=$minos
    [ "$platform/$arch" = iossimulator/arm64 ] && expected_minos=14.0
    headers=$("${objdump[@]}" --macho --private-headers --arch="$arch" "$a")
    # Every object of the archive carries a build version; all must agree.
    platforms=$(awk '/cmd LC_BUILD_VERSION/ { b = 1 } b && $1 == "platform" { print $2; b = 0 }' <<<"$headers" | sort -u | tr '\n' ' ')
    mins=$(awk '/cmd LC_BUILD_VERSION/ { b = 1 } b && $1 == "minos" { print $2; b = 0 }' <<<"$headers" | sort -u | tr '\n' ' ')
    [ "$platforms" = "$platform " ] || fail "$id/$arch: platform '$platforms', expected $platform"
    [ "$mins" = "$expected_minos " ] || fail "$id/$arch: minos '$mins', expected $expected_minos"
    grep -q '__bitcode' <<<"$("${objdump[@]}" --macho --section-headers --arch="$arch" "$a")" &&
      fail "$id/$arch: embedded bitcode left in the library"
    exported=$("${nm[@]}" --arch="$arch" --defined-only --extern-only "$a" | awk '$2 == "T" && $3 ~ /^_uniffi_/' | wc -l)
    [ "$exported" -gt 0 ] || fail "$id/$arch: no exported uniffi_* symbol"
    printf 'slice %-28s %-7s platform %-12s minos %-5s uniffi_* exported: %s\n' "$id" "$arch" "$platform" "$expected_minos" "$exported"
  done
  echo "slice $id: $(wc -c <"$a" | tr -d ' ') bytes"
done
