// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        // Flags of inotify_init1 (man 2 inotify_init1; O_NONBLOCK/O_CLOEXEC values of asm-generic/fcntl.h, same on x86_64 and arm64).
        internal const int IN_NONBLOCK = 0x800;
        internal const int IN_CLOEXEC = 0x80000;

        // Events (man 7 inotify; include/uapi/linux/inotify.h).
        internal const uint IN_ACCESS = 0x00000001;
        internal const uint IN_MODIFY = 0x00000002;
        internal const uint IN_ATTRIB = 0x00000004;
        internal const uint IN_CLOSE_WRITE = 0x00000008;
        internal const uint IN_CLOSE_NOWRITE = 0x00000010;
        internal const uint IN_OPEN = 0x00000020;
        internal const uint IN_MOVED_FROM = 0x00000040;
        internal const uint IN_MOVED_TO = 0x00000080;
        internal const uint IN_CREATE = 0x00000100;
        internal const uint IN_DELETE = 0x00000200;
        internal const uint IN_DELETE_SELF = 0x00000400;
        internal const uint IN_MOVE_SELF = 0x00000800;

        // Set by the kernel in returned events.
        internal const uint IN_UNMOUNT = 0x00002000;
        internal const uint IN_Q_OVERFLOW = 0x00004000;
        internal const uint IN_IGNORED = 0x00008000;
        internal const uint IN_ISDIR = 0x40000000;

        // Flags of inotify_add_watch.
        internal const uint IN_ONLYDIR = 0x01000000;
        internal const uint IN_DONT_FOLLOW = 0x02000000;
        internal const uint IN_EXCL_UNLINK = 0x04000000;
        internal const uint IN_MASK_CREATE = 0x10000000;
        internal const uint IN_MASK_ADD = 0x20000000;
        internal const uint IN_ONESHOT = 0x80000000;

        /// <summary>NAME_MAX of include/uapi/linux/limits.h: the longest name an event can carry (plus its NUL).</summary>
        internal const int NAME_MAX = 255;

        /// <summary>struct inotify_event (man 7 inotify): a fixed 16-byte header followed by <see cref="len"/> bytes of
        /// NUL-padded name.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct inotify_event
        {
            public int wd;
            public uint mask;
            public uint cookie;
            public uint len;
        }

        /// <summary>man 2 inotify_init1.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int inotify_init1(int flags);

        /// <summary>man 2 inotify_add_watch; <paramref name="pathname"/> is NUL-terminated UTF-8.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int inotify_add_watch(int fd, byte* pathname, uint mask);

        /// <summary>man 2 inotify_rm_watch.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int inotify_rm_watch(int fd, int wd);
    }
}
