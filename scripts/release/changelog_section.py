#!/usr/bin/env python3
"""Prints one version's section of CHANGELOG.md (Keep a Changelog format).

    changelog_section.py VERSION [CHANGELOG]

Fails when the version has no section, or an empty one: a release says
what it changed.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def section(text: str, version: str) -> str | None:
    """The lines under `## [version]` up to the next `## ` heading or link list."""
    match = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## |^\[[^\]]+\]: |\Z)", text, re.M | re.S)
    return match.group(0).strip() if match else None


def main() -> None:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    version = sys.argv[1]
    path = sys.argv[2] if len(sys.argv) == 3 else os.path.join(ROOT, "CHANGELOG.md")
    with open(path, encoding="utf-8") as f:
        body = section(f.read(), version)
    if body is None:
        sys.exit(f"changelog_section: CHANGELOG.md has no '## [{version}]' section")
    if len(body.splitlines()) < 2:
        sys.exit(f"changelog_section: the '## [{version}]' section of CHANGELOG.md is empty")
    print(body)


if __name__ == "__main__":
    main()
