#!/usr/bin/env python3
"""Checks a release bundle (scripts/release.sh) against what its consumers require.

    check_release.py BUNDLE_DIR VERSION URL [--require-signatures] [--manifest-json FILE]

Maven Central (central.sonatype.org/publish/requirements): per artefact the
main file, POM, -sources.jar and -javadoc.jar; .md5 and .sha1 (and here
.sha256, .sha512) of each, matching its bytes; .asc signatures that gpg
verifies (all or none, and all when --require-signatures); a POM with
matching coordinates and name, description, url, licenses, developers and
scm; no SNAPSHOT. The upload zip holds exactly the maven/ files. The
artefacts hold what an app loads (the AAR's classes, .so files and R8 rules;
the jar's library and rules). Swift: the zip's SHA-256 is the recorded
checksum, and the manifest's binary target (dump-package JSON, given with
--manifest-json) names URL with that checksum.
Prints one line per check group; exits 1 listing every failure.
"""
import hashlib
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
ARTIFACTS = {"imbridge-android": "aar", "imbridge-jvm": "jar"}
DIGESTS = ("md5", "sha1", "sha256", "sha512")
REQUIRED_POM = ["m:name", "m:description", "m:url", "m:licenses/m:license/m:name",
                "m:developers/m:developer/m:name", "m:scm/m:url", "m:scm/m:connection"]


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.passed = 0

    def expect(self, ok: bool, what: str) -> bool:
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)
        return ok


def entries(path: str) -> set[str]:
    with zipfile.ZipFile(path) as z:
        return set(z.namelist())


def check_pom(c: Checks, path: str, artifact: str, version: str, packaging: str) -> None:
    root = ET.parse(path).getroot()
    text = lambda q: (root.findtext(q, default="", namespaces=NS) or "").strip()
    c.expect(text("m:groupId") == "io.imbridge", f"{path}: groupId is not io.imbridge")
    c.expect(text("m:artifactId") == artifact, f"{path}: artifactId is not {artifact}")
    c.expect(text("m:version") == version, f"{path}: version is not {version}")
    c.expect(text("m:packaging") == packaging, f"{path}: packaging is not {packaging}")
    c.expect("SNAPSHOT" not in version, f"{path}: a SNAPSHOT version cannot be released")
    for q in REQUIRED_POM:
        c.expect(bool(text(q)), f"{path}: no {q.replace('m:', '')}")
    for dep in root.findall("m:dependencies/m:dependency", NS):
        name = dep.findtext("m:artifactId", default="?", namespaces=NS)
        c.expect(bool((dep.findtext("m:version", default="", namespaces=NS) or "").strip()),
                 f"{path}: dependency {name} has no version")


def check_signature(c: Checks, path: str) -> None:
    result = subprocess.run(["gpg", "--batch", "--verify", path + ".asc", path], capture_output=True, text=True)
    c.expect(result.returncode == 0, f"{path}.asc: gpg does not verify it: {result.stderr.strip()[-200:]}")


def check_maven(c: Checks, bundle: str, version: str, require_signatures: bool) -> None:
    staged: set[str] = set()
    signed = any(name.endswith(".asc") for _, _, names in os.walk(f"{bundle}/maven") for name in names)
    for artifact, extension in ARTIFACTS.items():
        folder = f"{bundle}/maven/io/imbridge/{artifact}/{version}"
        base = f"{folder}/{artifact}-{version}"
        files = [f"{base}.{extension}", f"{base}.pom", f"{base}-sources.jar", f"{base}-javadoc.jar"]
        for path in files:
            if not c.expect(os.path.isfile(path), f"{path}: missing"):
                continue
            with open(path, "rb") as f:
                data = f.read()
            for digest in DIGESTS:
                sidecar = f"{path}.{digest}"
                c.expect(os.path.isfile(sidecar) and open(sidecar).read().strip() == hashlib.new(digest, data).hexdigest(),
                         f"{sidecar}: missing or not the file's {digest}")
            if signed or require_signatures:
                if c.expect(os.path.isfile(path + ".asc"), f"{path}.asc: missing"):
                    check_signature(c, path)
        if os.path.isfile(f"{base}.pom"):
            check_pom(c, f"{base}.pom", artifact, version, extension)
        if os.path.isfile(f"{base}-sources.jar"):
            c.expect(any(n.endswith(".kt") for n in entries(f"{base}-sources.jar")), f"{base}-sources.jar: no Kotlin source")
        if os.path.isfile(f"{base}-javadoc.jar"):
            c.expect("index.html" in entries(f"{base}-javadoc.jar"), f"{base}-javadoc.jar: no index.html")
        main = f"{base}.{extension}"
        if os.path.isfile(main):
            names = entries(main)
            if extension == "aar":
                for needed in ("AndroidManifest.xml", "classes.jar", "proguard.txt"):
                    c.expect(needed in names, f"{main}: no {needed}")
                c.expect(any(n.startswith("jni/") and n.endswith("/libimbridge.so") for n in names), f"{main}: no jni/<abi>/libimbridge.so")
            else:
                c.expect("linux-x86-64/libimbridge.so" in names, f"{main}: no linux-x86-64/libimbridge.so")
                c.expect("META-INF/proguard/consumer-rules.pro" in names, f"{main}: no META-INF/proguard rules")
    for dirpath, _, names in os.walk(f"{bundle}/maven"):
        staged.update(os.path.relpath(os.path.join(dirpath, n), f"{bundle}/maven") for n in names)
    upload = f"{bundle}/central-bundle.zip"
    if c.expect(os.path.isfile(upload), f"{upload}: missing"):
        c.expect(entries(upload) == staged, f"{upload}: does not hold exactly the maven/ files")
    print(f"maven: {len(staged)} files, {'signed' if signed else 'unsigned'}")


def check_swift(c: Checks, bundle: str, url: str, manifest_json: str | None) -> None:
    zip_path = f"{bundle}/IMBridgeFFI.xcframework.zip"
    if not c.expect(os.path.isfile(zip_path), f"{zip_path}: missing"):
        return
    with open(zip_path, "rb") as f:
        checksum = hashlib.sha256(f.read()).hexdigest()
    recorded = open(f"{zip_path}.sha256").read().strip() if os.path.isfile(f"{zip_path}.sha256") else ""
    c.expect(recorded == checksum, f"{zip_path}.sha256: not the zip's SHA-256")
    c.expect("IMBridgeFFI.xcframework/Info.plist" in entries(zip_path), f"{zip_path}: no IMBridgeFFI.xcframework/Info.plist")
    manifest = open(f"{bundle}/Package.swift").read() if os.path.isfile(f"{bundle}/Package.swift") else ""
    c.expect(f'(url: "{url}", checksum: "{checksum}")' in manifest, f"{bundle}/Package.swift: does not name {url} with checksum {checksum}")
    if manifest_json:
        with open(manifest_json) as f:
            package = json.load(f)
        binary = [t for t in package["targets"] if t["name"] == "IMBridgeFFI"]
        ok = len(binary) == 1 and binary[0].get("type") == "binary" and binary[0].get("url") == url \
            and binary[0].get("checksum") == checksum
        c.expect(ok, f"dump-package: IMBridgeFFI is not the binary target {url} with checksum {checksum}: {binary}")
    print(f"swift: IMBridgeFFI.xcframework.zip sha256 {checksum}{', manifest resolved by dump-package' if manifest_json else ''}")


def main() -> None:
    args = sys.argv[1:]
    require_signatures = "--require-signatures" in args
    manifest_json = None
    if "--manifest-json" in args:
        manifest_json = args[args.index("--manifest-json") + 1]
        args = [a for a in args if a not in ("--manifest-json", manifest_json)]
    args = [a for a in args if a != "--require-signatures"]
    if len(args) != 3:
        sys.exit(__doc__)
    bundle, version, url = args
    c = Checks()
    check_maven(c, bundle, version, require_signatures)
    check_swift(c, bundle, url, manifest_json)
    for name in ("NOTES.md", "SIZES.md", "IMBridge-docs.zip"):
        c.expect(os.path.isfile(f"{bundle}/{name}") and os.path.getsize(f"{bundle}/{name}") > 0, f"{bundle}/{name}: missing or empty")
    for failure in c.failures:
        print(f"FAIL {failure}")
    print(f"check-release: {c.passed} checks passed, {len(c.failures)} failed")
    sys.exit(1 if c.failures or c.passed == 0 else 0)


if __name__ == "__main__":
    main()
