// SPDX-License-Identifier: Apache-2.0
internal static partial class Interop
{
    internal static partial class Libc
    {
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
