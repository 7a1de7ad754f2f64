#!/usr/bin/env python3
"""Writes the Package.swift of a release: the repository's manifest with
`releasedXCFramework` set to the release's download URL and checksum.

    release_manifest.py PACKAGE_SWIFT URL CHECKSUM OUT
"""
import re
import sys


def main() -> None:
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    source, url, checksum, out = sys.argv[1:]
    if not re.fullmatch(r"[0-9a-f]{64}", checksum):
        sys.exit(f"release_manifest: '{checksum}' is not a SwiftPM checksum (64 hex digits)")
    with open(source, encoding="utf-8") as f:
        text = f.read()
    line = re.compile(r"^let releasedXCFramework: \(url: String, checksum: String\)\? = .*$", re.M)
    if len(line.findall(text)) != 1:
        sys.exit("release_manifest: Package.swift has no single 'let releasedXCFramework' line")
    text = line.sub(f'let releasedXCFramework: (url: String, checksum: String)? = (url: "{url}", checksum: "{checksum}")', text)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
