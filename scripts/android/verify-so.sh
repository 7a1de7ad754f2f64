#!/usr/bin/env bash
# Checks an Android libimbridge.so with llvm-readelf / llvm-nm:
# - ELF class and machine match the ABI;
# - NEEDED names only bionic system libraries (libc, libm, libdl, liblog);
# - every LOAD segment is aligned to at least 16 KB (Android 15+ devices);
# - no text relocations;
# - JNI_OnLoad, Java_* (the JVM fast path) and uniffi_* are exported;
# - every undefined symbol that is not weak is in bionic's public lists at
#   the sysroot's API level (weak ones are listed: the code checks them at
#   run time).
# Prints what it found; exits 1 at the first failed check.
#   verify-so.sh SO ABI SYSROOT_ABI_DIR
set -euo pipefail
so=$1; abi=$2; sysroot=$3
fail() { echo "verify-so: $abi: $*" >&2; exit 1; }

# shellcheck source=scripts/android/abi.sh
source "$(dirname "$0")/abi.sh"

header=$(llvm-readelf-14 -h "$so")
grep -qE "Class:[[:space:]]+$elf_class" <<<"$header" || fail "not $elf_class"
grep -qE "Machine:[[:space:]]+$elf_machine" <<<"$header" || fail "machine is not $elf_machine"

dynamic=$(llvm-readelf-14 -d "$so")
needed=$(awk '/NEEDED/ { gsub(/[][]/, "", $NF); print $NF }' <<<"$dynamic" | sort | tr '\n' ' ')
for lib in $needed; do
  case $lib in libc.so|libm.so|libdl.so|liblog.so) ;; *) fail "NEEDED $lib is not a bionic system library" ;; esac
done
grep -q TEXTREL <<<"$dynamic" && fail "has text relocations"

aligns=$(llvm-readelf-14 -lW "$so" | awk '$1 == "LOAD" { print $NF }')
[ -n "$aligns" ] || fail "no LOAD segment"
for a in $aligns; do
  [ $((a)) -ge 16384 ] || fail "LOAD segment aligned to $a, not 16 KB"
done

defined=$(llvm-nm-14 -D --defined-only "$so" | awk '{ print $NF }')
jni_onload=$(grep -cx 'JNI_OnLoad' <<<"$defined" || true)
java=$(grep -c '^Java_' <<<"$defined" || true)
uniffi=$(grep -c '^uniffi_' <<<"$defined" || true)
[ "$jni_onload" -eq 1 ] || fail "JNI_OnLoad not exported"
[ "$java" -gt 0 ] || fail "no Java_* export"
[ "$uniffi" -gt 0 ] || fail "no uniffi_* export"

strong=$(llvm-nm-14 -D --undefined-only "$so" | awk '$1 == "U" { sub(/@.*/, "", $2); print $2 }' | sort -u)
weak=$(llvm-nm-14 -D --undefined-only "$so" | awk '$1 == "w" { sub(/@.*/, "", $2); print $2 }' | sort -u | tr '\n' ' ')
missing=$(comm -23 <(echo "$strong") <(cat "$sysroot"/gen/*.symbols | sort -u) | tr '\n' ' ')
[ -z "${missing// /}" ] || fail "undefined and not in bionic at this API level: $missing"

printf '%-12s %s bytes  %s %s  NEEDED: %s LOAD align: %s  exports: JNI_OnLoad, %s Java_*, %s uniffi_*  undefined: %s (all in bionic), weak: %s\n' \
  "$abi" "$(stat -c %s "$so")" "$elf_class" "$elf_machine" "$needed" "$(tr '\n' ' ' <<<"$aligns")" "$java" "$uniffi" \
  "$(grep -c . <<<"$strong")" "${weak:-none}"
