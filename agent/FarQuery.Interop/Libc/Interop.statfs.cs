// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>struct statfs (man 2 statfs) as glibc and musl lay it out on 64-bit targets (x86_64 and aarch64
        /// agree: every word is a long). Named with a prefix because the function has the same name.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct struct_statfs
        {
            public long f_type;
            public long f_bsize;
            public ulong f_blocks;
            public ulong f_bfree;
            public ulong f_bavail;
            public ulong f_files;
            public ulong f_ffree;
            public int f_fsid0;
            public int f_fsid1;
            public long f_namelen;
            public long f_frsize;
            public long f_flags;
            public long f_spare0;
            public long f_spare1;
            public long f_spare2;
            public long f_spare3;
        }

        /// <summary>man 2 statfs.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int statfs(byte* path, struct_statfs* buf);

        /// <summary>man 2 fstatfs.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fstatfs(int fd, struct_statfs* buf);

        /// <summary>fstatfs for callers without unsafe code: the file system an open descriptor lives on.</summary>
        internal static bool TryFstatfs(int fd, out struct_statfs buffer, out Errno errno)
        {
            buffer = default;
            fixed (struct_statfs* b = &buffer)
            {
                return Succeeded(fstatfs(fd, b), out errno);
            }
        }

        /// <summary>statfs for callers without unsafe code; false with errno on failure (an unmounted or
        /// inaccessible mount point).</summary>
        internal static bool TryStatfs(string path, out struct_statfs buffer, out Errno errno)
        {
            buffer = default;
            var utf8 = CString.ToCString(path, stackalloc byte[CString.StackBytes]);
            fixed (byte* p = utf8)
            fixed (struct_statfs* b = &buffer)
            {
                return Succeeded(statfs(p, b), out errno);
            }
        }

        // statfs f_type values of the kernel's pseudo file systems (linux/magic.h). Their "regular" files are views of
        // kernel state: sizes are 0 or invented, reads may block (/proc/kmsg), never end (/proc/kcore, pagemap) or
        // consume what they return (/proc/kmsg takes messages from the log), so user-given paths are not read there.
        internal const long PROC_SUPER_MAGIC = 0x9fa0;
        internal const long SYSFS_MAGIC = 0x62656572;
        internal const long DEBUGFS_MAGIC = 0x64626720;
        internal const long TRACEFS_MAGIC = 0x74726163;
        internal const long SECURITYFS_MAGIC = 0x73636673;
        internal const long CGROUP_SUPER_MAGIC = 0x27e0eb;
        internal const long CGROUP2_SUPER_MAGIC = 0x63677270;
        internal const long BPF_FS_MAGIC = 0xcafe4a11;
        internal const long EFIVARFS_MAGIC = 0xde5e81e4;
        internal const long PSTOREFS_MAGIC = 0x6165676C;
        internal const long SELINUX_MAGIC = 0xf97cff8c;
        internal const long BINFMTFS_MAGIC = 0x42494e4d;
        internal const long NSFS_MAGIC = 0x6e736673;
        internal const long ANON_INODE_FS_MAGIC = 0x09041934;
    }
}
