#!/usr/bin/env python3
"""Crate-level breakdown of a shared library's code, from its symbol table.

cargo-bloat cannot read a package with several crate types, so this does
the same from `nm`: each function's size is charged to the first crate in
its demangled path (generic code lands in the crate of the outermost path,
as cargo-bloat also does)."""
import collections
import re
import subprocess
import sys

lib = sys.argv[1]
out = subprocess.run(["nm", "-S", "--size-sort", "-C", lib], capture_output=True, text=True, check=True).stdout
sizes = collections.Counter()
total = 0
for line in out.splitlines():
    parts = line.split(" ", 3)
    if len(parts) < 4 or parts[2].lower() not in ("t", "w"):
        continue
    size = int(parts[1], 16)
    name = parts[3].lstrip("<&*( ")
    name = re.sub(r"^(dyn |mut |const )+", "", name)
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    crate = m.group(1) if m else "[other / C]"
    sizes[crate] += size
    total += size
print(f"{'crate':<28} {'bytes':>10} {'share':>7}")
for crate, size in sizes.most_common(15):
    print(f"{crate:<28} {size:>10,} {size / total:>6.1%}")
print(f"{'(all functions)':<28} {total:>10,}")
