#!/usr/bin/env python3
"""Writes SIZES.md for a release bundle.

    sizes.py BUNDLE_DIR XCFRAMEWORK_DIR

Measures what the bundle holds: the native library per Android ABI (inside
the AAR: as installed, and compressed as the APK download carries it), the
JVM jar's library, the static library per Apple slice (the archive an app
links; the app ships only what the linker keeps), and every file of the
bundle.
"""
import glob
import os
import sys
import zipfile


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def rows_for_zip(path: str, suffix: str) -> list[tuple[str, int, int]]:
    with zipfile.ZipFile(path) as z:
        return [(i.filename, i.file_size, i.compress_size) for i in z.infolist() if i.filename.endswith(suffix)]


def main() -> None:
    bundle, xcframework = sys.argv[1:3]
    lines = ["# Sizes", "", f"Measured by scripts/release/sizes.py from `{os.path.basename(os.path.abspath(bundle))}`.", ""]
    aars = glob.glob(f"{bundle}/maven/**/*.aar", recursive=True)
    jars = [j for j in glob.glob(f"{bundle}/maven/**/imbridge-jvm-*.jar", recursive=True)
            if not j.endswith(("-sources.jar", "-javadoc.jar"))]
    lines += ["## libimbridge.so per Android ABI (in the AAR)", "", "| ABI | size | compressed |", "| --- | ---: | ---: |"]
    for aar in aars:
        for name, size, packed in sorted(rows_for_zip(aar, "libimbridge.so")):
            lines.append(f"| {name.split('/')[1]} | {kib(size)} | {kib(packed)} |")
    lines += ["", "## libimbridge.so in the JVM jar", "", "| platform | size | compressed |", "| --- | ---: | ---: |"]
    for jar in jars:
        for name, size, packed in rows_for_zip(jar, "libimbridge.so"):
            lines.append(f"| {name.split('/')[0]} | {kib(size)} | {kib(packed)} |")
    lines += ["", "## libimbridge.a per Apple slice (IMBridgeFFI.xcframework)", "",
              "| slice | static library |", "| --- | ---: |"]
    for lib in sorted(glob.glob(f"{xcframework}/*/libimbridge.a")):
        lines.append(f"| {os.path.basename(os.path.dirname(lib))} | {kib(os.path.getsize(lib))} |")
    lines += ["", "## Files of this release", "", "| file | size |", "| --- | ---: |"]
    for path in sorted(glob.glob(f"{bundle}/**/*", recursive=True)):
        if os.path.isfile(path) and not path.endswith((".md5", ".sha1", ".sha256", ".sha512", ".asc")):
            lines.append(f"| {os.path.relpath(path, bundle)} | {kib(os.path.getsize(path))} |")
    with open(f"{bundle}/SIZES.md", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
