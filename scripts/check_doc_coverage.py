#!/usr/bin/env python3
"""Every public Kotlin and Swift declaration has a doc comment.

    check_doc_coverage.py [DOCS_DIR]     (default target/docs, from scripts/build-docs.sh)

Kotlin: Dokka's "Undocumented:" report (reportUndocumented) for the jar and
the AAR. Swift: the IMBridge symbol graph, every public or open symbol with
no docComment.

What is allowed undocumented is only what no doc comment here can reach:
- members the compilers synthesise (Kotlin's enum `entries`/`values`/
  `valueOf`; Swift symbols with no source location, e.g. `hashValue`);
- UniFFI's runtime in the generated bindings: `destroy`/`close` of object
  wrappers, companion objects, error handlers and `lift`, `FfiConverter*`,
  `Disposable`, `InternalException`, positional fields `v1…`, an enum's
  `value`, typealiases of custom types, memberwise initialisers of
  records, `uniffiEnsure*Initialized`. Everything else in the generated
  code carries the Rust `///` docs, so an undocumented Rust item fails here.
Hand-written Kotlin and Swift get no allowance at all.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DECL = re.compile(r"^\s*(?:public\s+|internal\s+|private\s+|open\s+|data\s+|sealed\s+|enum\s+|abstract\s+|value\s+)*"
                  r"(?:class|interface|object|typealias)\s+`?(\w+)`?", re.M)
SYNTHESISED = {"entries", "values", "valueOf"}
GENERATED_MEMBERS = {"destroy", "close", "lift", "value", "message", "equals", "hashCode", "toString"}
GENERATED_TYPES = re.compile(r"^(FfiConverter\w*|\w*ErrorHandler|Disposable|InternalException|Uniffi\w*)$")


def declared_names(paths: list[str]) -> tuple[set[str], set[str]]:
    names, aliases = set(), set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        names.update(DECL.findall(text))
        aliases.update(re.findall(r"^public typealias (\w+)", text, re.M))
    return names, aliases


def kotlin_failures(log_path: str) -> tuple[list[str], int]:
    generated, aliases = declared_names(glob.glob(f"{ROOT}/target/generated/kotlin/**/*.kt", recursive=True))
    hand_written, _ = declared_names(glob.glob(f"{ROOT}/android/src/*/kotlin/**/*.kt", recursive=True))
    failures, allowed = [], 0
    with open(log_path, encoding="utf-8") as f:
        reports = re.findall(r"Undocumented: (\S+)", f.read())
    # UniFFI's runtime is always reported: no report at all means Dokka's
    # reportUndocumented did not run, and nothing was checked.
    if not reports:
        sys.exit(f"check_doc_coverage: {log_path} has no 'Undocumented:' report; is reportUndocumented on?")
    for report in reports:
        parts = report.split("/")
        classes = parts[1].split(".") if len(parts) > 1 and parts[1] else []
        member = parts[2] if len(parts) > 2 else ""
        owner = classes[0] if classes else member
        from_generated = owner in generated and owner not in hand_written
        if member in SYNTHESISED:
            allowed += 1
        elif from_generated and (
            GENERATED_TYPES.match(owner) or owner in aliases or "Companion" in classes
            or member in GENERATED_MEMBERS or re.fullmatch(r"v\d+", member)
            or any(GENERATED_TYPES.match(c) for c in classes)
        ):
            allowed += 1
        else:
            failures.append(report)
    return failures, allowed


def swift_failures(graph_path: str) -> tuple[list[str], int, int]:
    with open(graph_path, encoding="utf-8") as f:
        symbols = json.load(f)["symbols"]
    public = [s for s in symbols if s["accessLevel"] in ("public", "open")]
    if not public:
        sys.exit(f"check_doc_coverage: {graph_path} holds no public symbol; nothing was checked")
    failures, allowed = [], 0
    for s in public:
        if s.get("docComment"):
            continue
        name = ".".join(s["pathComponents"])
        location = s.get("location", {}).get("uri", "")
        kind = s["kind"]["identifier"]
        generated = "/Sources/IMBridge/Generated/" in location
        if not location:
            allowed += 1  # synthesised by the compiler
        elif generated and (kind in ("swift.init", "swift.typealias") or name.startswith("uniffiEnsure")):
            allowed += 1
        else:
            failures.append(f"{name} ({kind}, {os.path.relpath(location.removeprefix('file://'), '/work')})")
    return failures, allowed, len(public)


def main() -> None:
    docs = sys.argv[1] if len(sys.argv) > 1 else f"{ROOT}/target/docs"
    failed = False
    for part in ("jvm", "android"):
        log = f"{docs}/kotlin-{part}.log"
        if not os.path.exists(log):
            sys.exit(f"check_doc_coverage: no {log}; run scripts/build-docs.sh")
        failures, allowed = kotlin_failures(log)
        print(f"Kotlin ({part}): {len(failures)} undocumented public declarations; "
              f"{allowed} compiler- or UniFFI-generated allowed")
        for f in failures:
            print(f"  undocumented: {f}")
        failed |= bool(failures)
    graph = f"{docs}/symbolgraph/IMBridge.symbols.json"
    if not os.path.exists(graph):
        sys.exit(f"check_doc_coverage: no {graph}; run scripts/build-docs.sh")
    failures, allowed, total = swift_failures(graph)
    print(f"Swift: {total} public symbols, {len(failures)} undocumented; "
          f"{allowed} compiler- or UniFFI-generated allowed")
    for f in failures:
        print(f"  undocumented: {f}")
    failed |= bool(failures)
    if failed:
        sys.exit("check_doc_coverage: add a doc comment (/** */ in Kotlin, /// in Swift and Rust) to each declaration above")


if __name__ == "__main__":
    main()
