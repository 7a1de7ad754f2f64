#!/usr/bin/env bash
# The generated Swift bindings are committed, so that the package builds
# when an app adds it by URL. This regenerates them and fails when the
# committed copy differs: run `bash scripts/generate-bindings.sh swift`
# and commit the result.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/generate-bindings.sh swift
generated=(ios/Sources/IMBridge/Generated ios/Sources/IMBridgeFFI/IMBridgeFFI.h)
if ! git diff --quiet -- "${generated[@]}" || [ -n "$(git ls-files --others --exclude-standard -- "${generated[@]}")" ]; then
  git diff --stat -- "${generated[@]}" >&2
  echo "check-swift-bindings: the committed Swift bindings are stale; run 'bash scripts/generate-bindings.sh swift' and commit them" >&2
  exit 1
fi
echo "Swift bindings are up to date"
