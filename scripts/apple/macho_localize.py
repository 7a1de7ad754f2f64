#!/usr/bin/env python3
"""Makes a thin Mach-O static library export only its C API.

A Rust static library carries the Rust runtime's symbols as globals
(`_rust_eh_personality`, `___rust_alloc`, std's mangled functions, …). An
app that links a second Rust library (another UniFFI SDK, say) gets the
same names twice and the link can fail with duplicate symbols. Apple's
`ld -r -exported_symbols_list` would prelink the archive into one object
with everything else local; LLVM 14's ld64.lld has no `-r`, so this does
the same to each object of the archive: every defined global that is not
part of the C API (names matching KEEP) and that no other member of the
archive refers to becomes a local symbol.

Per object (<mach-o/nlist.h>, <mach-o/loader.h>, <mach-o/reloc.h>): the
symbol table is reordered to locals, defined globals, undefined globals
(the order LC_DYSYMTAB's ranges require), the ranges are updated, and
every relocation and indirect-symbol entry that names a symbol by index is
renumbered. Sizes do not change, so no offset moves.

  macho_localize.py IN.a OUT.a       (thin arm64 / x86_64 archives)
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

MH_MAGIC_64 = 0xFEEDFACF
LC_SEGMENT_64 = 0x19
LC_SYMTAB = 0x2
LC_DYSYMTAB = 0xB
N_STAB, N_PEXT, N_TYPE, N_EXT = 0xE0, 0x10, 0x0E, 0x01
N_UNDF = 0x0
N_WEAK_DEF = 0x0080
INDIRECT_SYMBOL_LOCAL, INDIRECT_SYMBOL_ABS = 0x80000000, 0x40000000
NLIST = struct.Struct("<IBBHQ")
# The C API UniFFI generates: functions and their checksums, the runtime's
# ffi_* helpers.
KEEP = re.compile(r"^_(uniffi_|ffi_)")


class MachO:
    """The symbol table of one 64-bit Mach-O object, and where it lives."""

    def __init__(self, data, where):
        if struct.unpack_from("<I", data)[0] != MH_MAGIC_64:
            raise SystemExit(f"{where}: not a 64-bit Mach-O object")
        self.data = bytearray(data)
        ncmds = struct.unpack_from("<I", data, 16)[0]
        self.sections = []  # (reloff, nreloc)
        self.symtab = self.dysymtab = None
        at = 32
        for _ in range(ncmds):
            cmd, size = struct.unpack_from("<II", data, at)
            if cmd == LC_SEGMENT_64:
                nsects = struct.unpack_from("<I", data, at + 64)[0]
                for i in range(nsects):
                    sect = at + 72 + 80 * i
                    reloff, nreloc = struct.unpack_from("<II", data, sect + 56)
                    self.sections.append((reloff, nreloc))
            elif cmd == LC_SYMTAB:
                self.symtab = at
            elif cmd == LC_DYSYMTAB:
                self.dysymtab = at
            at += size
        if self.symtab is None or self.dysymtab is None:
            raise SystemExit(f"{where}: no symbol table")
        self.symoff, self.nsyms, self.stroff, _ = struct.unpack_from("<IIII", data, self.symtab + 8)
        self.symbols = [list(NLIST.unpack_from(data, self.symoff + NLIST.size * i)) for i in range(self.nsyms)]

    def name(self, sym):
        end = self.data.index(0, self.stroff + sym[0])
        return self.data[self.stroff + sym[0]:end].decode("utf-8", "replace")

    def defined_globals(self):
        return [self.name(s) for s in self.symbols
                if not s[1] & N_STAB and s[1] & N_EXT and s[1] & N_TYPE != N_UNDF]

    def undefined(self):
        return {self.name(s) for s in self.symbols
                if not s[1] & N_STAB and s[1] & N_EXT and s[1] & N_TYPE == N_UNDF}

    def localize(self, names):
        """Makes the defined globals in `names` local; returns how many."""
        def group(sym):
            if sym[1] & N_STAB or not sym[1] & N_EXT:
                return 0
            return 2 if sym[1] & N_TYPE == N_UNDF else 1
        changed = 0
        for sym in self.symbols:
            if group(sym) == 1 and self.name(sym) in names:
                sym[1] &= ~(N_EXT | N_PEXT) & 0xFF
                sym[3] &= ~N_WEAK_DEF & 0xFFFF
                changed += 1
        order = sorted(range(self.nsyms), key=lambda i: (group(self.symbols[i]), i))
        new_index = {old: new for new, old in enumerate(order)}
        for new, old in enumerate(order):
            NLIST.pack_into(self.data, self.symoff + NLIST.size * new, *self.symbols[old])
        counts = [sum(1 for s in self.symbols if group(s) == g) for g in (0, 1, 2)]
        struct.pack_into("<IIIIII", self.data, self.dysymtab + 8,
                         0, counts[0], counts[0], counts[1], counts[0] + counts[1], counts[2])
        # Relocations naming a symbol (r_extern) by index.
        for reloff, nreloc in self.sections:
            for i in range(nreloc):
                at = reloff + 8 * i + 4
                info = struct.unpack_from("<I", self.data, at)[0]
                if info & (1 << 27):
                    symbol = new_index[info & 0xFFFFFF]
                    struct.pack_into("<I", self.data, at, (info & ~0xFFFFFF) | symbol)
        indirectoff, nindirect = struct.unpack_from("<II", self.data, self.dysymtab + 56)
        for i in range(nindirect):
            at = indirectoff + 4 * i
            entry = struct.unpack_from("<I", self.data, at)[0]
            if not entry & (INDIRECT_SYMBOL_LOCAL | INDIRECT_SYMBOL_ABS):
                struct.pack_into("<I", self.data, at, new_index[entry])
        return changed


def main(src, dst):
    with tempfile.TemporaryDirectory() as work:
        members = subprocess.run(["llvm-ar-14", "t", src], check=True, capture_output=True,
                                 text=True).stdout.split()
        if len(set(members)) != len(members):
            raise SystemExit(f"{src}: two members share a name; extracting would lose one")
        subprocess.run(["llvm-ar-14", "x", os.path.abspath(src)], check=True, cwd=work)
        objects = {}
        for member in members:
            with open(os.path.join(work, member), "rb") as f:
                data = f.read()
            if struct.unpack_from("<I", data)[0] == MH_MAGIC_64:
                objects[member] = MachO(data, f"{src}({member})")
        # A global another member uses stays global (within the archive it
        # must still resolve), as does the C API.
        used_across = set()
        for member, obj in objects.items():
            used_across |= obj.undefined()
        kept = localized = 0
        for member, obj in objects.items():
            defined = obj.defined_globals()
            names = {n for n in defined if not KEEP.match(n) and n not in used_across}
            kept += len(defined) - len(names)
            localized += obj.localize(names)
            with open(os.path.join(work, member), "wb") as f:
                f.write(obj.data)
        if os.path.exists(dst):
            os.remove(dst)
        subprocess.run(["llvm-ar-14", "rcs", "--format=darwin", os.path.abspath(dst), *members],
                       check=True, cwd=work)
        print(f"{dst}: {localized} symbols made local, {kept} globals kept")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
