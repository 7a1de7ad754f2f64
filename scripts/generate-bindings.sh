#!/usr/bin/env bash
# Builds the host library and generates the Kotlin and/or Swift bindings.
#
#   scripts/generate-bindings.sh kotlin swift
#
# - target/release/libimbridge.so: the library the JVM and Swift tests load.
# - Kotlin: target/generated/kotlin/io/imbridge/imbridge.kt (build output,
#   compiled by tests/kotlin, android/pom.xml and jvm/pom.xml)
# - Swift:  ios/Sources/IMBridge/Generated/IMBridge{,Core}.swift and
#           ios/Sources/IMBridgeFFI/IMBridgeFFI.h. Committed, so that a
#           package added by URL builds; CI regenerates them and fails when
#           the committed copy is stale (scripts/check-swift-bindings.sh).
#
# uniffi-bindgen is built from this workspace (same pinned uniffi as the
# library). It reads the metadata from the unstripped dev build: the release
# profile strips the symbol table that library mode reads.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

[ $# -gt 0 ] || { echo "usage: $0 kotlin|swift..." >&2; exit 2; }

cargo build --quiet --release -p imbridge-ffi --lib
cargo build --quiet -p imbridge-ffi --features bindgen --bin uniffi-bindgen
cargo build --quiet -p imbridge-ffi --lib
bindgen=target/debug/uniffi-bindgen
meta_lib=target/debug/libimbridge.so

for lang in "$@"; do
  out=$(mktemp -d)
  "$bindgen" generate --library "$meta_lib" --language "$lang" --no-format --out-dir "$out" >/dev/null
  case "$lang" in
    kotlin)
      dest=target/generated/kotlin
      rm -rf "$dest" && mkdir -p "$dest"
      cp -r "$out"/io "$dest"/
      # Strings cross the FFI as UTF-8. UniFFI's Kotlin lowering throws
      # java.nio MalformedInputException for an unpaired surrogate (an emoji
      # cut in half); imbridge replaces it with U+FFFD on every path instead
      # (README, "Text that is not valid Unicode"). Fail loudly if a UniFFI
      # upgrade changes the line this rewrites.
      for f in $(grep -rl 'onMalformedInput(CodingErrorAction.REPORT)' "$dest"); do
        sed -i 's/onMalformedInput(CodingErrorAction.REPORT)/onMalformedInput(CodingErrorAction.REPLACE).replaceWith(byteArrayOf(0xEF.toByte(), 0xBF.toByte(), 0xBD.toByte()))/' "$f"
      done
      if grep -rq 'CodingErrorAction.REPORT' "$dest" || ! grep -rq 'CodingErrorAction.REPLACE' "$dest"; then
        echo "generate-bindings: the Kotlin string lowering changed; update the U+FFFD rewrite" >&2
        exit 1
      fi
      # One base type for the library's exceptions (ImbridgeException).
      python3 scripts/kotlin_error_base.py "$dest"/io/imbridge/core/imbridge_core.kt
      ;;
    swift)
      mkdir -p ios/Sources/IMBridge/Generated ios/Sources/IMBridgeFFI
      cp "$out"/IMBridge.swift ios/Sources/IMBridge/Generated/IMBridge.swift
      cp "$out"/IMBridgeCore.swift ios/Sources/IMBridge/Generated/IMBridgeCore.swift
      # One C module for both components: their headers share the runtime
      # declarations behind include guards, so they concatenate cleanly.
      cat "$out"/IMBridgeFFI.h "$out"/IMBridgeCoreFFI.h >ios/Sources/IMBridgeFFI/IMBridgeFFI.h
      ;;
    *) echo "unknown language: $lang" >&2; exit 2 ;;
  esac
  rm -rf "$out"
done
