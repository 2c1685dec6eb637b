// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static partial class Libc
    {
        // spawn.h; man 3 posix_spawn. glibc implements it with clone(CLONE_VM|CLONE_VFORK), which is safe to call from a
        // multi-threaded runtime where fork() is not (docs/tracer.md §3.8).
        internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
        internal const short POSIX_SPAWN_SETSIGMASK = 0x08;

        /// <summary>Bytes reserved for posix_spawnattr_t (336 in glibc x86_64/arm64, 0x150); rounded up for safety.</summary>
        internal const int PosixSpawnattrSize = 512;

        /// <summary>man 3 posix_spawn. Returns an errno value (0 on success), not -1.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static unsafe partial int posix_spawn(int* pid, byte* path, void* file_actions, void* attrp, byte** argv, byte** envp);

        /// <summary>man 3 posix_spawnattr_init.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static unsafe partial int posix_spawnattr_init(void* attr);

        /// <summary>man 3 posix_spawnattr_destroy.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static unsafe partial int posix_spawnattr_destroy(void* attr);

        /// <summary>man 3 posix_spawnattr_setflags.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static unsafe partial int posix_spawnattr_setflags(void* attr, short flags);

        /// <summary>man 3 posix_spawnattr_setsigmask.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static unsafe partial int posix_spawnattr_setsigmask(void* attr, byte* sigmask);

        /// <summary>man 3 posix_spawnattr_setsigdefault.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static unsafe partial int posix_spawnattr_setsigdefault(void* attr, byte* sigdefault);

        /// <summary>The process environment (char **environ), for passing it unchanged; dlsym in the global scope finds the C
        /// library's variable whichever libc is loaded.</summary>
        internal static unsafe byte** environ => *(byte***)NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), "environ");
    }
}
