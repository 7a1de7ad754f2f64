# Sourced with $abi set: what each Android ABI is called by rustc, by clang
# (the NDK's triple, without the API level), by bionic's symbol lists, and
# what llvm-readelf must report for its libraries. One table for
# build-sysroot.sh, build-so.sh and verify-so.sh.
case $abi in
  arm64-v8a)
    rust_target=aarch64-linux-android; clang_target=aarch64-linux-android; bionic_arch=arm64
    elf_class=ELF64; elf_machine=AArch64 ;;
  armeabi-v7a)
    rust_target=armv7-linux-androideabi; clang_target=armv7a-linux-androideabi; bionic_arch=arm
    elf_class=ELF32; elf_machine=ARM ;;
  x86_64)
    rust_target=x86_64-linux-android; clang_target=x86_64-linux-android; bionic_arch=x86_64
    elf_class=ELF64; elf_machine='Advanced Micro Devices X86-64' ;;
  x86)
    rust_target=i686-linux-android; clang_target=i686-linux-android; bionic_arch=x86
    elf_class=ELF32; elf_machine='Intel 80386' ;;
  *) echo "unknown Android ABI '$abi' (arm64-v8a, armeabi-v7a, x86_64, x86)" >&2; exit 2 ;;
esac
