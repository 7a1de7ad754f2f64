#!/usr/bin/env python3
"""Keeps the README's code snippets compiling.

Every fenced block in README.md preceded by `<!-- snippet: LANG/NAME … -->`
must appear, line for line (indentation aside), in the test file of its
language between `// snippet: NAME` and `// end snippet`, where the Kotlin
or Swift suite compiles and runs it with small stand-ins for the app's own
code (`api.send`, `show`, …). `import` lines of a snippet must appear among
the test file's imports. Exit 1 on any difference, naming it.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "kotlin": ROOT / "tests/kotlin/src/test/kotlin/io/imbridge/ReadmeSnippetsTest.kt",
    "swift": ROOT / "ios/Tests/IMBridgeTests/ReadmeSnippetsTests.swift",
}


def readme_snippets():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pattern = re.compile(r"<!-- snippet: (\w+)/([\w-]+)[^>]*-->\n```(\w+)\n(.*?)\n```", re.S)
    return [(m.group(1), m.group(2), m.group(3), m.group(4)) for m in pattern.finditer(text)]


def region(source: str, name: str):
    m = re.search(rf"^\s*// snippet: {re.escape(name)}\n(.*?)^\s*// end snippet\n", source, re.S | re.M)
    return m.group(1) if m else None


def lines(text: str):
    return [line.strip() for line in text.strip("\n").split("\n")]


def main() -> int:
    snippets = readme_snippets()
    problems = []
    seen = {lang: 0 for lang in FILES}
    for lang, name, fence, body in snippets:
        if lang != fence or lang not in FILES:
            problems.append(f"{lang}/{name}: marker and fence language differ ({fence})")
            continue
        seen[lang] += 1
        source = FILES[lang].read_text(encoding="utf-8")
        imports = [l.split("//")[0].strip() for l in lines(body) if l.startswith("import ")]
        code = [l for l in lines(body) if not l.startswith("import ")]
        while code and code[0] == "":
            code.pop(0)
        for imp in imports:
            if not re.search(rf"^{re.escape(imp)}\s*$", source, re.M):
                problems.append(f"{lang}/{name}: `{imp}` is not among {FILES[lang].name}'s imports")
        found = region(source, name)
        if found is None:
            problems.append(f"{lang}/{name}: no `// snippet: {name}` region in {FILES[lang].name}")
            continue
        if lines(found) != code:
            got, want = lines(found), code
            first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
            problems.append(
                f"{lang}/{name}: README and {FILES[lang].name} differ at snippet line {first + 1}:\n"
                f"    README: {want[first] if first < len(want) else '<end>'}\n"
                f"    test:   {got[first] if first < len(got) else '<end>'}"
            )
    for lang, n in seen.items():
        if n == 0:
            problems.append(f"no {lang} snippet is marked in README.md")
    if problems:
        print("README snippets out of step with the tests that compile them:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print(f"README snippets: {len(snippets)} checked ({seen['kotlin']} Kotlin, {seen['swift']} Swift)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
