#!/usr/bin/env python3
"""Writes the public API of imbridge as text, one declaration per line:

    api_dump.py kotlin JAR OUT      the JVM binary API of io.imbridge.* in JAR (javap -public):
                                    public classes and their public/protected members, without
                                    Kotlin-internal (name$module) and synthetic accessor members
    api_dump.py swift GRAPH OUT     the IMBridge module's public and open symbols from its symbol
                                    graph (swift -emit-symbol-graph): each declaration as Swift prints it

Sorted, so that the committed dumps (api/) change exactly where the API does.
"""
import json
import re
import subprocess
import sys
import tempfile
import zipfile

INTERNAL_MEMBER = re.compile(r"\$imbridge_(jvm|android)\b|\baccess\$|\$\$delegatedProperties")


def kotlin(jar: str) -> list[str]:
    with zipfile.ZipFile(jar) as z, tempfile.TemporaryDirectory() as tmp:
        names = [n for n in z.namelist() if n.startswith("io/imbridge/") and n.endswith(".class")]
        z.extractall(tmp, names)
        classes = sorted(n[:-len(".class")].replace("/", ".") for n in names)
        out = subprocess.run(["javap", "-public", "-cp", tmp, *classes], check=True,
                             capture_output=True, text=True).stdout
    lines: list[str] = []
    current: str | None = None
    members: list[str] = []

    def flush() -> None:
        if current is not None:
            lines.append(current)
            lines.extend(f"  {m}" for m in sorted(set(members)))

    for raw in out.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("Compiled from") or line == "}":
            continue
        if not line.startswith(" "):
            flush()
            header = line.rstrip(" {")
            public = header.startswith("public ")
            current, members = (header if public else None), []
        elif current is not None and not INTERNAL_MEMBER.search(line):
            members.append(line.strip())
    flush()
    # Classes in javap's order are already sorted by name; keep blocks together.
    return lines


def swift(graph: str) -> list[str]:
    with open(graph, encoding="utf-8") as f:
        symbols = json.load(f)["symbols"]
    lines = []
    for s in symbols:
        if s["accessLevel"] not in ("public", "open"):
            continue
        declaration = "".join(f["spelling"] for f in s.get("declarationFragments", []))
        declaration = re.sub(r"\s+", " ", declaration).strip()
        lines.append(f"{'.'.join(s['pathComponents'])}: {declaration}")
    return sorted(set(lines))


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in ("kotlin", "swift"):
        sys.exit(__doc__)
    kind, source, out = sys.argv[1:]
    lines = kotlin(source) if kind == "kotlin" else swift(source)
    if not lines:
        sys.exit(f"api_dump: no public {kind} declaration found in {source}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
