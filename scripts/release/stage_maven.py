#!/usr/bin/env python3
"""Stages one artefact in a Maven repository layout, as Maven Central takes it.

    stage_maven.py REPO ARTIFACT VERSION MAIN POM SOURCES JAVADOC

Copies MAIN (the .aar or .jar), POM, SOURCES and JAVADOC to
REPO/io/imbridge/ARTIFACT/VERSION/ under Maven's names, signs each with gpg
when IMBRIDGE_SIGNING_KEY names a key (ASCII-armoured detached .asc;
IMBRIDGE_SIGNING_PASSPHRASE if the key has one; GNUPGHOME as usual), and
writes .md5, .sha1, .sha256 and .sha512 beside every file but the
signatures (Central asks for checksums of the artefacts, not of the .asc).
"""
import hashlib
import os
import shutil
import subprocess
import sys

GROUP_PATH = "io/imbridge"
DIGESTS = ("md5", "sha1", "sha256", "sha512")


def sign(path: str, key: str) -> None:
    cmd = ["gpg", "--batch", "--yes", "--armor", "--detach-sign", "--local-user", key]
    passphrase = os.environ.get("IMBRIDGE_SIGNING_PASSPHRASE")
    if passphrase is not None:
        cmd += ["--pinentry-mode", "loopback", "--passphrase-fd", "0"]
    subprocess.run(cmd + ["--output", path + ".asc", path], check=True,
                   input=(passphrase or "").encode())


def write_digests(path: str) -> None:
    with open(path, "rb") as f:
        data = f.read()
    for name in DIGESTS:
        with open(f"{path}.{name}", "w", encoding="ascii") as out:
            out.write(hashlib.new(name, data).hexdigest())


def main() -> None:
    if len(sys.argv) != 8:
        sys.exit(__doc__)
    repo, artifact, version, main_file, pom, sources, javadoc = sys.argv[1:]
    extension = os.path.splitext(main_file)[1]
    folder = os.path.join(repo, GROUP_PATH, artifact, version)
    os.makedirs(folder, exist_ok=True)
    base = f"{artifact}-{version}"
    staged = []
    for src, name in ((main_file, base + extension), (pom, base + ".pom"),
                      (sources, base + "-sources.jar"), (javadoc, base + "-javadoc.jar")):
        dest = os.path.join(folder, name)
        shutil.copyfile(src, dest)
        staged.append(dest)
    key = os.environ.get("IMBRIDGE_SIGNING_KEY")
    for path in staged:
        if key:
            sign(path, key)
        write_digests(path)
    print(f"staged {artifact} {version}: {len(staged)} files"
          f"{', signed by ' + key if key else ', unsigned (no IMBRIDGE_SIGNING_KEY)'}")


if __name__ == "__main__":
    main()
