#!/usr/bin/env bash
# CI's release smoke: scripts/release.sh on what the earlier checks built
# (target/dist: the jar, the AAR with one ABI, the XCFramework with one
# slice; target/docs), signed with a throwaway gpg key made here, then
# scripts/check-release.sh with every signature required. A copy of the
# bundle with one byte of the jar changed must fail the same check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(bash scripts/version.sh)
command -v gpg >/dev/null || { apt-get update -qq && apt-get install -y -qq gnupg >/dev/null; }

GNUPGHOME=$(mktemp -d)
export GNUPGHOME
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$GNUPGHOME"' EXIT
gpg --batch --quiet --passphrase '' --quick-gen-key 'imbridge release smoke <release-smoke@imbridge.invalid>' ed25519 sign 1d
key=$(gpg --list-keys --with-colons | awk -F: '/^fpr/ {print $10; exit}')

IMBRIDGE_SIGNING_KEY=$key bash scripts/release.sh "$version" --use-dist
bash scripts/check-release.sh "target/release/$version" --require-signatures

tampered=target/release-tampered/$version
rm -rf "$tampered" && mkdir -p "$(dirname "$tampered")"
cp -r "target/release/$version" "$tampered"
jar=$tampered/maven/io/imbridge/imbridge-jvm/$version/imbridge-jvm-$version.jar
printf 'x' | dd of="$jar" bs=1 seek=100 conv=notrunc status=none
if bash scripts/check-release.sh "$tampered" >"$tampered.log" 2>&1; then
  echo "release-smoke: a bundle with a changed jar passed check-release" >&2
  exit 1
fi
grep -c '^FAIL' "$tampered.log" | xargs echo "release-smoke: the tampered bundle fails as it must; failures:"
rm -rf "$(dirname "$tampered")"
