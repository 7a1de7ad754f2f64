#!/usr/bin/env bash
# Runs the Swift package's tests (`swift test`, XCTest) against the
# host-built library; extra arguments go to `swift test`.
set -euo pipefail
exec bash "$(dirname "$0")/swift.sh" test --disable-swift-testing "$@"
