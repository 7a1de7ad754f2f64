#!/usr/bin/env python3
"""Writes the POM published beside an imbridge artefact.

    write_pom.py ARTIFACT VERSION OUT.pom      ARTIFACT: imbridge-android | imbridge-jvm

Carries every element Maven Central requires (name, description, url,
licenses, scm, developers) and the run-time dependencies at the lowest
versions the library is compiled for (kotlin-stdlib 2.0: the Kotlin is built
with -language-version/-api-version 2.0), so an app's own newer versions win
without the library forcing an upgrade on it.

The project's home is IMBRIDGE_REPO_URL (default https://github.com/imbridge/imbridge).
"""
import os
import sys
from xml.sax.saxutils import escape

REPO_URL = os.environ.get("IMBRIDGE_REPO_URL", "https://github.com/imbridge/imbridge").rstrip("/")

# The lowest versions the published code is compiled and tested against
# (scripts/check-consumers.sh compiles a consumer with Kotlin 2.0).
KOTLIN_STDLIB = "2.0.21"
COROUTINES = "1.9.0"
JNA = "5.18.1"

ARTIFACTS = {
    "imbridge-android": {
        "packaging": "aar",
        "name": "imbridge (Android)",
        "description": "A shared Rust core for chat apps, for Android: message building in the "
        "service's REST format, priority under frequency limits, listener dispatch, init rules, "
        "offline-push tokens and diagnostics. Kotlin API with libimbridge.so for arm64-v8a, "
        "armeabi-v7a, x86_64 and x86; minSdk 24.",
        # The AAR variant of JNA carries its dispatch library per ABI.
        "jna_type": "aar",
    },
    "imbridge-jvm": {
        "packaging": "jar",
        "name": "imbridge (JVM)",
        "description": "A shared Rust core for chat apps, for desktop and server JVMs: the Kotlin "
        "API of imbridge with the native library for linux-x86-64.",
        "jna_type": None,
    },
}


def dependency(group: str, artifact: str, version: str, kind: str | None = None) -> str:
    kind_line = f"\n      <type>{kind}</type>" if kind else ""
    return f"""    <dependency>
      <groupId>{group}</groupId>
      <artifactId>{artifact}</artifactId>
      <version>{version}</version>{kind_line}
    </dependency>"""


def pom(artifact: str, version: str) -> str:
    a = ARTIFACTS[artifact]
    deps = "\n".join([
        dependency("org.jetbrains.kotlin", "kotlin-stdlib", KOTLIN_STDLIB),
        dependency("org.jetbrains.kotlinx", "kotlinx-coroutines-core", COROUTINES),
        dependency("net.java.dev.jna", "jna", JNA, a["jna_type"]),
    ])
    scm_host = REPO_URL.split("://", 1)[-1]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- The POM published beside {artifact}-{version}.{a["packaging"]} (scripts/maven/write_pom.py). -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.imbridge</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{escape(version)}</version>
  <packaging>{a["packaging"]}</packaging>
  <name>{escape(a["name"])}</name>
  <description>{escape(a["description"])}</description>
  <url>{REPO_URL}</url>
  <licenses>
    <license>
      <name>Apache-2.0</name>
      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>
      <distribution>repo</distribution>
    </license>
  </licenses>
  <developers>
    <developer>
      <id>imbridge</id>
      <name>The imbridge developers</name>
      <url>{REPO_URL}</url>
    </developer>
  </developers>
  <scm>
    <connection>scm:git:https://{scm_host}.git</connection>
    <developerConnection>scm:git:ssh://git@{scm_host}.git</developerConnection>
    <url>{REPO_URL}</url>
    <tag>{escape(version)}</tag>
  </scm>
  <dependencies>
{deps}
  </dependencies>
</project>
"""


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in ARTIFACTS:
        sys.exit(f"usage: write_pom.py {'|'.join(ARTIFACTS)} VERSION OUT.pom")
    _, artifact, version, out = sys.argv
    with open(out, "w", encoding="utf-8") as f:
        f.write(pom(artifact, version))


if __name__ == "__main__":
    main()
