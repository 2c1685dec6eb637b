// SPDX-License-Identifier: Apache-2.0
//
// Huge pages for the image's zero-initialised data, asked for before the .NET runtime starts (FarQuery.Cli.csproj,
// CompileStartPages; docs/tracer.md, "Measured costs of the agent").
//
// The default build keeps NativeAOT's runtime data compressed (so the image can be placed at a random address) and the
// runtime rebuilds it at every start into the `.hydrated` section, about 5 MB at the end of the image's bss. Writing it
// touches some 1,200 fresh 4 KB pages, and on a Firecracker VM such as Fargate's every first touch of an anonymous page
// is a fault that costs about 11 us: most of a cold `farquery query`. A transparent huge page covers 512 of those pages
// with one fault. The kernel gives one only to a 2 MB-aligned range of an anonymous mapping, and only where asked when
// transparent_hugepage is `madvise` (Fargate's and Debian's default), so this asks for the aligned part of the bss.
// The unaligned head and tail of the bss are populated in one call each (MADV_POPULATE_WRITE, kernel 5.14 and later):
// the runtime writes almost all of it anyway, and the kernel then fills the pages without a fault per page. Where the
// kernel refuses either (THP `never`, an older kernel), nothing changes: the pages fault in one by one as before.
// Runs as an ELF constructor after the exec stub's (priority 101), which never returns in the stub of `farquery run`.
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define PAGE ((uintptr_t)4096)

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

// Defined by the linker (GNU ld and lld): the image's own ELF header, wherever the image was loaded.
extern const ElfW(Ehdr) __ehdr_start __attribute__((visibility("hidden")));

__attribute__((constructor(102))) static void farquery_start_pages(void)
{
    const ElfW(Ehdr) *header = &__ehdr_start;
    const ElfW(Phdr) *segments = (const ElfW(Phdr) *)((const char *)header + header->e_phoff);

    // The load bias: where the segment that maps the file from offset 0 (and so the header) landed, less its address.
    uintptr_t bias = 0;
    int found = 0;
    for (int i = 0; i < header->e_phnum; i++) {
        if (segments[i].p_type == PT_LOAD && segments[i].p_offset == 0) {
            bias = (uintptr_t)header - (uintptr_t)segments[i].p_vaddr;
            found = 1;
            break;
        }
    }
    if (!found)
        return;

    for (int i = 0; i < header->e_phnum; i++) {
        const ElfW(Phdr) *s = &segments[i];
        if (s->p_type != PT_LOAD || (s->p_flags & PF_W) == 0 || s->p_memsz <= s->p_filesz)
            continue;
        // The bss: the part of the writable segment beyond the file's bytes, mapped anonymous and zero.
        // The first page may hold the end of the file's bytes: it is file-backed, so start after it.
        uintptr_t first = (bias + (uintptr_t)s->p_vaddr + (uintptr_t)s->p_filesz + PAGE - 1) & ~(PAGE - 1);
        uintptr_t last = (bias + (uintptr_t)s->p_vaddr + (uintptr_t)s->p_memsz + PAGE - 1) & ~(PAGE - 1);
        if (last <= first)
            continue;
        uintptr_t start = (first + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        uintptr_t end = last & ~(HUGE_PAGE - 1);
        if (end <= start) {
            (void)madvise((void *)first, last - first, MADV_POPULATE_WRITE);
            continue;
        }
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
        if (start > first)
            (void)madvise((void *)first, start - first, MADV_POPULATE_WRITE);
        if (last > end)
            (void)madvise((void *)end, last - end, MADV_POPULATE_WRITE);
    }
}
