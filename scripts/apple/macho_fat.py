#!/usr/bin/env python3
"""Universal ("fat") Mach-O files, written and read without Xcode's lipo.

LLVM 14's llvm-lipo (the one Debian 12 has) crashes on the static
libraries Rust builds for Apple targets, so the XCFramework script uses
this instead. The format (<mach-o/fat.h>): a big-endian header
{magic 0xcafebabe, nfat_arch}, then one {cputype, cpusubtype, offset,
size, align} per architecture, then each thin file at an offset aligned to
2^align.

  macho_fat.py create OUT THIN...   one fat file from thin archives/objects
  macho_fat.py archs FILE           the architectures of a thin or fat file
"""
import struct
import sys

FAT_MAGIC = 0xCAFEBABE
MH_MAGIC_64 = 0xFEEDFACF
ALIGN = 14  # 16 KB: a valid alignment for every architecture's slices
CPU_SUBTYPE_MASK = 0xFF000000
NAMES = {(0x0100000C, 0): "arm64", (0x0100000C, 2): "arm64e", (0x01000007, 3): "x86_64"}


def macho_cpu(data, where):
    """(cputype, cpusubtype) of the 64-bit Mach-O object at the start of data."""
    if len(data) < 12 or struct.unpack_from("<I", data)[0] != MH_MAGIC_64:
        raise SystemExit(f"{where}: not a 64-bit Mach-O object")
    cputype, subtype = struct.unpack_from("<ii", data, 4)
    return cputype & 0xFFFFFFFF, subtype & ~CPU_SUBTYPE_MASK & 0xFFFFFFFF


def archive_members(data, where):
    """Yields the contents of each member of a BSD/GNU `ar` archive."""
    if not data.startswith(b"!<arch>\n"):
        raise SystemExit(f"{where}: not an ar archive")
    at = 8
    while at + 60 <= len(data):
        header = data[at:at + 60]
        name = header[:16].decode("ascii", "replace").strip()
        size = int(header[48:58].decode("ascii").strip())
        body = data[at + 60:at + 60 + size]
        if name.startswith("#1/"):  # BSD long name: stored before the data
            name_len = int(name[3:])
            name = body[:name_len].rstrip(b"\0").decode("utf-8", "replace")
            body = body[name_len:]
        if not name.startswith(("__.SYMDEF", "/", "//")):
            yield name, body
        at += 60 + size + (size & 1)


def thin_cpu(path):
    data = open(path, "rb").read()
    if data.startswith(b"!<arch>\n"):
        cpus = {macho_cpu(body, f"{path}({name})") for name, body in archive_members(data, path)}
        if len(cpus) != 1:
            raise SystemExit(f"{path}: members of {len(cpus)} architectures, expected one")
        return cpus.pop(), data
    return macho_cpu(data, path), data


def create(out, inputs):
    slices = [thin_cpu(p) for p in inputs]
    cpus = [cpu for cpu, _ in slices]
    if len(set(cpus)) != len(cpus):
        raise SystemExit("two inputs of the same architecture")
    header = struct.pack(">II", FAT_MAGIC, len(slices))
    offset = len(header) + 20 * len(slices)
    entries, bodies = [], []
    for (cputype, subtype), data in slices:
        offset = (offset + (1 << ALIGN) - 1) & ~((1 << ALIGN) - 1)
        entries.append(struct.pack(">IIIII", cputype, subtype, offset, len(data), ALIGN))
        bodies.append((offset, data))
        offset += len(data)
    with open(out, "wb") as f:
        f.write(header + b"".join(entries))
        for at, data in bodies:
            f.write(b"\0" * (at - f.tell()))
            f.write(data)


def archs(path):
    data = open(path, "rb").read()
    if len(data) >= 8 and struct.unpack_from(">I", data)[0] == FAT_MAGIC:
        (count,) = struct.unpack_from(">I", data, 4)
        cpus = [struct.unpack_from(">II", data, 8 + 20 * i) for i in range(count)]
        for i, (cputype, subtype) in enumerate(cpus):
            _, _, offset, size, _ = struct.unpack_from(">IIIII", data, 8 + 20 * i)
            if offset + size > len(data):
                raise SystemExit(f"{path}: slice {i} runs past the end of the file")
    else:
        cpus = [thin_cpu(path)[0]]
    return [NAMES.get((t, s & ~CPU_SUBTYPE_MASK), f"cpu{t:#x}/{s}") for t, s in cpus]


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "create":
        create(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 3 and sys.argv[1] == "archs":
        print(" ".join(archs(sys.argv[2])))
    else:
        sys.exit(__doc__)
