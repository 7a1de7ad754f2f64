#!/usr/bin/env bash
# The URL a release's IMBridgeFFI.xcframework.zip is downloaded from, which
# its Package.swift names: the repository's release assets.
#   scripts/release/download-url.sh VERSION
# The repository is IMBRIDGE_REPO_URL (default https://github.com/imbridge/imbridge,
# as in scripts/maven/write_pom.py).
set -euo pipefail
repo_url=${IMBRIDGE_REPO_URL:-https://github.com/imbridge/imbridge}
echo "${repo_url%/}/releases/download/${1:?usage: download-url.sh VERSION}/IMBridgeFFI.xcframework.zip"
