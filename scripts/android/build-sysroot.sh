#!/usr/bin/env bash
# A minimal Android sysroot for linking libimbridge.so without the NDK, for
# one ABI at one API level, in $SYSROOT/<abi>/:
#   lib{c,m,dl,log}.so  stub libraries with bionic's public symbols at that
#                       level (bionic_stubs.py over bionic's *.map.txt);
#   dso_handle.o        what crtbegin_so.o would give (dso_handle.c);
#   libunwind.a         LLVM libunwind from Debian's llvm-toolchain-14
#                       source, compiled against shim/ (bionic's ABI).
#
#   build-sysroot.sh ABI API SYSROOT
#
# Inputs: bionic's symbol lists, third_party/bionic-maps (AOSP bionic's
# libc/, libm/, libdl/ and system/core's liblog/ *.map.txt, with their
# provenance), or another folder with the same four files in
# IMBRIDGE_BIONIC_MAPS; the libunwind source is downloaded from the Debian
# archive once.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
abi=$1; api=$2; sysroot=$3

# shellcheck source=scripts/android/abi.sh
source "$here/abi.sh"

maps=${IMBRIDGE_BIONIC_MAPS:-$here/../../third_party/bionic-maps}
out=$sysroot/$abi
mkdir -p "$out/gen"

cc=(clang-14 --target="$clang_target$api" -fPIC)

# Stub libraries: bodies are empty; only the names and versions matter.
for lib in libc libm libdl liblog; do
  python3 "$here/bionic_stubs.py" "$maps/$lib.map.txt" "$bionic_arch" "$api" "$out/gen" "$lib"
  version_script=()
  [ -s "$out/gen/$lib.ver" ] && version_script=(-Wl,--version-script,"$out/gen/$lib.ver")
  "${cc[@]}" -O0 -w -ffreestanding -fno-builtin -nostdlib -shared -fuse-ld=lld \
    -Wl,-soname,"$lib.so" "${version_script[@]}" -o "$out/$lib.so" -x c "$out/gen/$lib.c"
done

"${cc[@]}" -O2 -ffreestanding -c "$here/dso_handle.c" -o "$out/dso_handle.o"

# LLVM libunwind, the unwinder the NDK ships, from Debian's source.
src_dir=${IMBRIDGE_LIBUNWIND_SRC:-$sysroot/llvm-14-libunwind}
if [ ! -d "$src_dir/src" ]; then
  tarball=llvm-toolchain-14_14.0.6.orig.tar.xz
  mkdir -p "$sysroot/download"
  [ -f "$sysroot/download/$tarball" ] ||
    curl -sfSL -o "$sysroot/download/$tarball" "http://deb.debian.org/debian/pool/main/l/llvm-toolchain-14/$tarball"
  tar -xJf "$sysroot/download/$tarball" -C "$sysroot/download" --wildcards \
    '*/libunwind/include/*' '*/libunwind/src/*' '*/libunwind/LICENSE.TXT'
  rm -rf "$src_dir"
  mv "$sysroot"/download/llvm-toolchain-14_*/libunwind "$src_dir"
fi
sources=(libunwind.cpp UnwindLevel1.c UnwindLevel1-gcc-ext.c UnwindRegistersRestore.S UnwindRegistersSave.S)
[ "$bionic_arch" = arm ] && sources+=(Unwind-EHABI.cpp Unwind-sjlj.c)
flags=(-nostdinc -isystem "$(clang-14 -print-resource-dir)/include" -isystem "$here/shim"
  -I"$src_dir/include" -O2 -DNDEBUG -D_LIBUNWIND_IS_NATIVE_ONLY -D_LIBUNWIND_HIDE_SYMBOLS
  -D_LIBUNWIND_USE_DLADDR=0 -funwind-tables -fvisibility=hidden -fno-stack-protector)
objects=()
for s in "${sources[@]}"; do
  o=$out/gen/${s%.*}.o
  case $s in
    *.cpp) "${cc[@]}" "${flags[@]}" -std=c++11 -nostdinc++ -fno-exceptions -fno-rtti -c "$src_dir/src/$s" -o "$o" ;;
    *.c) "${cc[@]}" "${flags[@]}" -std=c99 -c "$src_dir/src/$s" -o "$o" ;;
    *.S) "${cc[@]}" "${flags[@]}" -c "$src_dir/src/$s" -o "$o" ;;
  esac
  objects+=("$o")
done
rm -f "$out/libunwind.a"
llvm-ar-14 rcs "$out/libunwind.a" "${objects[@]}"
echo "sysroot $out: $(wc -l <"$out/gen/libc.symbols") libc symbols at API $api, libunwind.a"
