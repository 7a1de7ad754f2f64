/* ELF program headers and the loader's walk over loaded objects, with
 * bionic's layout of dl_phdr_info (the fields libunwind reads come first). */
#ifndef IMBRIDGE_SHIM_LINK_H
#define IMBRIDGE_SHIM_LINK_H
#include "bionic.h"
typedef uint16_t Elf32_Half, Elf64_Half;
typedef uint32_t Elf32_Word, Elf64_Word, Elf32_Addr, Elf32_Off;
typedef uint64_t Elf64_Xword, Elf64_Addr, Elf64_Off;
typedef struct {
  Elf32_Word p_type; Elf32_Off p_offset; Elf32_Addr p_vaddr; Elf32_Addr p_paddr;
  Elf32_Word p_filesz; Elf32_Word p_memsz; Elf32_Word p_flags; Elf32_Word p_align;
} Elf32_Phdr;
typedef struct {
  Elf64_Word p_type; Elf64_Word p_flags; Elf64_Off p_offset; Elf64_Addr p_vaddr;
  Elf64_Addr p_paddr; Elf64_Xword p_filesz; Elf64_Xword p_memsz; Elf64_Xword p_align;
} Elf64_Phdr;
#ifdef __LP64__
#define ElfW(type) Elf64_##type
#else
#define ElfW(type) Elf32_##type
#endif
#define PT_LOAD 1
#define PT_PHDR 6
#define PT_GNU_EH_FRAME 0x6474e550
#define PT_ARM_EXIDX 0x70000001
struct dl_phdr_info {
  ElfW(Addr) dlpi_addr;
  const char *dlpi_name;
  const ElfW(Phdr) *dlpi_phdr;
  ElfW(Half) dlpi_phnum;
};
IMBRIDGE_SHIM_C int dl_iterate_phdr(int (*callback)(struct dl_phdr_info *, size_t, void *), void *data);
#if defined(__arm__)
typedef uintptr_t _Unwind_Ptr;
IMBRIDGE_SHIM_C _Unwind_Ptr dl_unwind_find_exidx(_Unwind_Ptr pc, int *count);
#endif
#endif
