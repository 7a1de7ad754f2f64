#!/usr/bin/env python3
"""Stub shared libraries for linking against bionic without the NDK.

Reads one of bionic's public symbol lists (`*.map.txt`, as in AOSP's
libc/libc.map.txt) and writes, for one architecture and API level, what the
NDK's stub libc.so / libm.so / libdl.so / liblog.so contain: every public
symbol available at that level, in its version node. Linking against the
stubs with --no-undefined makes the link itself refuse a symbol the device's
bionic would lack at that level.

Rules (those of the NDK's stub generator, in NDK mode): version nodes named
*_PRIVATE or *_PLATFORM and symbols tagged platform-only, draft, apex, llndk
or systemapi are left out; architecture tags (arm arm64 x86 x86_64 riscv64)
restrict a symbol to those; `introduced=N` and `introduced-<arch>=N` (the
latter wins) give the first API level; `versioned=N` means unversioned below
N; `var` marks data and `weak` a weak definition.

usage: bionic_stubs.py MAP ARCH API OUT_DIR NAME
       -> OUT_DIR/NAME.c, NAME.ver (version script), NAME.symbols
"""
import re
import sys

ARCHES = {"arm", "arm64", "riscv64", "x86", "x86_64"}
HIDDEN = {"platform-only", "draft", "apex", "llndk", "systemapi"}


def tags(line):
    return line.partition("#")[2].split()


def level(ts, arch, key):
    """The API level a tag `key=N` or `key-<arch>=N` gives (per-arch wins)."""
    generic = specific = None
    for t in ts:
        name, _, value = t.partition("=")
        if name == key:
            generic = int(value)
        elif name == f"{key}-{arch}":
            specific = int(value)
    return specific if specific is not None else generic


def available(ts, arch, api):
    if HIDDEN & set(ts):
        return False
    arch_tags = ARCHES & set(ts)
    if arch_tags and arch not in arch_tags:
        return False
    first = level(ts, arch, "introduced")
    return first is None or api >= first


def nodes(path):
    """Yields (node name, node tags, parent, [(symbol, tags)])."""
    node = None
    in_cpp = False
    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if node is None:
            name = line.split("{")[0].strip()
            node = (name, tags(line), [], {"global": True})
            continue
        code = line.partition("#")[0].strip()
        if code.startswith("extern"):
            in_cpp = True
            continue
        if code.startswith("}"):
            if in_cpp:
                in_cpp = False
                continue
            parent = code.strip("}; ").strip() or None
            yield node[0], node[1], parent, node[2]
            node = None
            continue
        if in_cpp:
            continue
        if code in ("global:", "local:"):
            node[3]["global"] = code == "global:"
            continue
        if node[3]["global"] and code.endswith(";"):
            node[2].append((code[:-1].strip(), tags(line)))


def main(map_path, arch, api, out_dir, name):
    api = int(api)
    c, ver, names = [], [], []
    for node, node_tags, parent, symbols in nodes(map_path):
        if node.endswith(("_PRIVATE", "_PLATFORM")) or not available(node_tags, arch, api):
            continue
        kept = [(s, t) for s, t in symbols if available(t, arch, api)]
        if not kept:
            continue
        node_versioned = (level(node_tags, arch, "versioned") or 0) <= api
        versioned = [s for s, t in kept if node_versioned and (level(t, arch, "versioned") or 0) <= api]
        if versioned:
            ver.append(f"{node} {{\n  global:\n" + "".join(f"    {s};\n" for s in versioned)
                       + "}" + (f" {parent}" if parent else "") + ";\n")
        for symbol, t in kept:
            weak = "__attribute__((weak)) " if "weak" in t else ""
            c.append(f"{weak}int {symbol} = 0;\n" if "var" in t else f"{weak}void {symbol}(void) {{}}\n")
            names.append(symbol)
    with open(f"{out_dir}/{name}.c", "w") as f:
        f.writelines(c)
    with open(f"{out_dir}/{name}.ver", "w") as f:
        f.writelines(ver)
    with open(f"{out_dir}/{name}.symbols", "w") as f:
        f.writelines(n + "\n" for n in names)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
