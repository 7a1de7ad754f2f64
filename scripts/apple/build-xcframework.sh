#!/usr/bin/env bash
# IMBridgeFFI.xcframework without Xcode: Rust static libraries for every
# Apple slice, fat archives (macho_fat.py), the Info.plist and per-slice
# Headers/ written here, then a zip with a reproducible SwiftPM checksum.
# Each slice is verified with LLVM's Mach-O tools: architectures, platform
# and minimum OS in LC_BUILD_VERSION, and the exported uniffi_* symbols.
#
# Called by scripts/build-targets.sh (which sources the cross toolchain).
#   build-xcframework.sh DIST_DIR [RELEASE_URL]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dist=$1
release_url=${2:-}

# The package's declared minimums (Package.swift: .iOS(.v13), .macOS(.v11)).
export IPHONEOS_DEPLOYMENT_TARGET=13.0 MACOSX_DEPLOYMENT_TARGET=11.0

# slice id | platform | variant | rust targets (one per architecture)
all_slices=(
  "ios-arm64|ios||aarch64-apple-ios"
  "ios-arm64_x86_64-simulator|ios|simulator|aarch64-apple-ios-sim x86_64-apple-ios"
  "macos-arm64_x86_64|macos||aarch64-apple-darwin x86_64-apple-darwin"
)
# IMBRIDGE_XCFRAMEWORK_SLICES limits the build to some slice ids (CI builds
# one to exercise every step quickly); by default all are built.
slices=()
rust_targets=()
for slice in "${all_slices[@]}"; do
  id=${slice%%|*}
  if [ -z "${IMBRIDGE_XCFRAMEWORK_SLICES:-}" ] || [[ " $IMBRIDGE_XCFRAMEWORK_SLICES " == *" $id "* ]]; then
    slices+=("$slice")
    read -ra ts <<<"${slice##*|}"
    rust_targets+=("${ts[@]}")
  fi
done
[ ${#slices[@]} -gt 0 ] || { echo "no slice matches IMBRIDGE_XCFRAMEWORK_SLICES='$IMBRIDGE_XCFRAMEWORK_SLICES'" >&2; exit 2; }
for t in "${rust_targets[@]}"; do
  echo "==> libimbridge.a for $t"
  cargo rustc --quiet -Zbuild-std=std,panic_unwind -Zbuild-std-features=panic-unwind --profile mobile --target "$t" \
    -p imbridge-ffi --lib --crate-type staticlib
done

work=$root/target/xcframework
rm -rf "$work"
mkdir -p "$work/thin"
# compiler_builtins (built by -Zbuild-std outside LTO) carries embedded
# LLVM 22 bitcode, which Apple's linker cannot read and the App Store no
# longer accepts: the __LLVM sections go.
# Then only the C API stays global: the Rust runtime's symbols become
# local, so an app can link a second Rust library beside this one
# (macho_localize.py; checked by check-two-rust-libs.sh).
for t in "${rust_targets[@]}"; do
  llvm-objcopy-14 --remove-section=__LLVM,__bitcode --remove-section=__LLVM,__cmdline \
    "$CARGO_TARGET_DIR/$t/mobile/libimbridge.a" "$work/thin/$t.full.a"
  python3 scripts/apple/macho_localize.py "$work/thin/$t.full.a" "$work/thin/$t.a"
  rm "$work/thin/$t.full.a"
done
lib() { echo "$work/thin/$1.a"; }
fw=$work/IMBridgeFFI.xcframework

plist_libraries=
for slice in "${slices[@]}"; do
  IFS='|' read -r id platform variant targets <<<"$slice"
  mkdir -p "$fw/$id/Headers/IMBridgeFFI"
  read -ra ts <<<"$targets"
  inputs=()
  for t in "${ts[@]}"; do inputs+=("$(lib "$t")"); done
  if [ ${#inputs[@]} -eq 1 ]; then
    cp "${inputs[0]}" "$fw/$id/libimbridge.a"
  else
    # llvm-lipo 14 crashes on these archives; the fat format is small.
    python3 scripts/apple/macho_fat.py create "$fw/$id/libimbridge.a" "${inputs[@]}"
  fi
  # In a folder of its own: two XCFrameworks whose Headers/ both hold a
  # module.modulemap would collide in an app's build.
  cp ios/Sources/IMBridgeFFI/IMBridgeFFI.h "$fw/$id/Headers/IMBridgeFFI/"
  cp scripts/apple/module.modulemap "$fw/$id/Headers/IMBridgeFFI/"
  archs=$(python3 scripts/apple/macho_fat.py archs "$fw/$id/libimbridge.a")
  arch_xml=
  for a in $archs; do arch_xml+="				<string>$a</string>
"; done
  variant_xml=
  [ -n "$variant" ] && variant_xml="			<key>SupportedPlatformVariant</key>
			<string>$variant</string>
"
  plist_libraries+="		<dict>
			<key>HeadersPath</key>
			<string>Headers</string>
			<key>LibraryIdentifier</key>
			<string>$id</string>
			<key>LibraryPath</key>
			<string>libimbridge.a</string>
			<key>SupportedArchitectures</key>
			<array>
$arch_xml			</array>
			<key>SupportedPlatform</key>
			<string>$platform</string>
$variant_xml		</dict>
"
done

cat >"$fw/Info.plist" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>AvailableLibraries</key>
	<array>
$plist_libraries	</array>
	<key>CFBundlePackageType</key>
	<string>XFWK</string>
	<key>XCFrameworkFormatVersion</key>
	<string>1.0</string>
</dict>
</plist>
EOF

bash scripts/apple/verify-xcframework.sh "$fw"

# Reproducible zip: fixed timestamps, sorted entries, no extra attributes,
# so the same libraries give the same checksum.
bash scripts/repro-zip.sh "$work" "$dist/IMBridgeFFI.xcframework.zip" IMBridgeFFI.xcframework
rm -rf "$dist/IMBridgeFFI.xcframework"
cp -a "$fw" "$dist/"
checksum=$(sha256sum "$dist/IMBridgeFFI.xcframework.zip" | cut -d' ' -f1)
echo "$checksum" >"$dist/IMBridgeFFI.xcframework.zip.sha256"
echo "IMBridgeFFI.xcframework.zip: $(stat -c %s "$dist/IMBridgeFFI.xcframework.zip") bytes, SwiftPM checksum $checksum"

# SwiftPM's own answer, where Swift runs here (on PATH or in the chroot).
swiftpm=
if command -v swift >/dev/null 2>&1; then
  swiftpm=$(swift package compute-checksum "$dist/IMBridgeFFI.xcframework.zip")
elif [ -f "${IMBRIDGE_SWIFT_CHROOT:-/opt/swift-trixie}/.imbridge-swift-ready" ]; then
  # In the chroot the repository is mounted at /work.
  swiftpm=$(bash scripts/swift.sh package compute-checksum "/work/${dist#"$root"/}/IMBridgeFFI.xcframework.zip" | tail -n1)
fi
if [ -n "$swiftpm" ]; then
  [ "$swiftpm" = "$checksum" ] || { echo "swift package compute-checksum says '$swiftpm', sha256sum '$checksum'" >&2; exit 1; }
  echo "swift package compute-checksum agrees"
else
  echo "no Swift here: checksum not cross-checked with swift package compute-checksum"
fi

if [ -n "$release_url" ]; then
  python3 scripts/release/release_manifest.py Package.swift "$release_url" "$checksum" Package.swift
  echo "Package.swift: released XCFramework at $release_url"
fi
