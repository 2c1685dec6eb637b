// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests;

/// <summary>The getifaddrs, statfs and statx extras the tables use, checked against the real C headers (docs/conventions.md §9):
/// a C file with one static_assert per constant, size and field offset, compiled by gcc.</summary>
public sealed class LibcLayoutTests
{
    [Fact]
    public void Layouts_MatchSystemHeaders()
    {
        var c = new StringBuilder("""
            #define _GNU_SOURCE
            #include <fcntl.h>
            #include <ifaddrs.h>
            #include <linux/magic.h>
            #include <net/if.h>
            #include <netinet/in.h>
            #include <sys/socket.h>
            #include <sys/stat.h>
            #include <sys/vfs.h>
            #include <stddef.h>

            """);
        void Eq(string expr, long value) => c.Append(CultureInfo.InvariantCulture, $"_Static_assert((long)({expr}) == {value}L, \"{expr}\");\n");
        void Offsets<T>(string cType, params string[] fields)
            where T : struct
        {
            Eq($"sizeof({cType})", Marshal.SizeOf<T>());
            foreach (var f in fields)
            {
                Eq($"offsetof({cType}, {f})", Marshal.OffsetOf<T>(f));
            }
        }

        Eq("IFF_BROADCAST", Interop.Libc.IFF_BROADCAST);
        Eq("IFF_POINTOPOINT", Interop.Libc.IFF_POINTOPOINT);
        Eq("STATX_BTIME", Interop.Libc.STATX_BTIME);
        Eq("S_IFSOCK", Interop.Libc.S_IFSOCK);
        Eq("S_IFBLK", Interop.Libc.S_IFBLK);
        Eq("S_IFCHR", Interop.Libc.S_IFCHR);
        Eq("S_IFIFO", Interop.Libc.S_IFIFO);
        Eq("O_NOCTTY", Interop.Libc.O_NOCTTY);
        Eq("O_CLOEXEC", Interop.Libc.O_CLOEXEC);
        Eq("O_NONBLOCK", Interop.Libc.O_NONBLOCK);
        Eq("AT_EMPTY_PATH", Interop.Libc.AT_EMPTY_PATH);
        Eq("PROC_SUPER_MAGIC", Interop.Libc.PROC_SUPER_MAGIC);
        Eq("SYSFS_MAGIC", Interop.Libc.SYSFS_MAGIC);
        Eq("DEBUGFS_MAGIC", Interop.Libc.DEBUGFS_MAGIC);
        Eq("TRACEFS_MAGIC", Interop.Libc.TRACEFS_MAGIC);
        Eq("SECURITYFS_MAGIC", Interop.Libc.SECURITYFS_MAGIC);
        Eq("CGROUP_SUPER_MAGIC", Interop.Libc.CGROUP_SUPER_MAGIC);
        Eq("CGROUP2_SUPER_MAGIC", Interop.Libc.CGROUP2_SUPER_MAGIC);
        Eq("BPF_FS_MAGIC", Interop.Libc.BPF_FS_MAGIC);
        Eq("EFIVARFS_MAGIC", Interop.Libc.EFIVARFS_MAGIC);
        Eq("PSTOREFS_MAGIC", Interop.Libc.PSTOREFS_MAGIC);
        Eq("SELINUX_MAGIC", Interop.Libc.SELINUX_MAGIC);
        Eq("BINFMTFS_MAGIC", Interop.Libc.BINFMTFS_MAGIC);
        Eq("NSFS_MAGIC", Interop.Libc.NSFS_MAGIC);
        Eq("ANON_INODE_FS_MAGIC", Interop.Libc.ANON_INODE_FS_MAGIC);
        Eq("AF_INET", 2);
        Eq("AF_INET6", 10);
        Eq("AF_UNIX", 1);

        // ifa_ifu is a union in glibc and musl; its offset is that of ifa_broadaddr, the macro naming the union member.
        Offsets<Interop.Libc.ifaddrs>("struct ifaddrs", "ifa_next", "ifa_name", "ifa_flags", "ifa_addr", "ifa_netmask", "ifa_data");
        Eq("offsetof(struct ifaddrs, ifa_ifu)", Marshal.OffsetOf<Interop.Libc.ifaddrs>("ifa_ifu"));
        Offsets<Interop.Libc.sockaddr>("struct sockaddr", "sa_family", "sa_data");
        Offsets<Interop.Libc.sockaddr_in>("struct sockaddr_in", "sin_family", "sin_port", "sin_addr", "sin_zero");
        Offsets<Interop.Libc.sockaddr_in6>("struct sockaddr_in6", "sin6_family", "sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id");
        Offsets<Interop.Libc.struct_statfs>("struct statfs", "f_type", "f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_namelen", "f_frsize", "f_flags");
        Eq("offsetof(struct statfs, f_fsid)", Marshal.OffsetOf<Interop.Libc.struct_statfs>("f_fsid0"));

        if (Fixtures.RequireTool("gcc", "--version") is null)
        {
            return;
        }

        var dir = Directory.CreateTempSubdirectory("fq-layout-").FullName;
        try
        {
            var source = Path.Join(dir, "layout.c");
            File.WriteAllText(source, c.ToString());
            using var gcc = global::System.Diagnostics.Process.Start(new global::System.Diagnostics.ProcessStartInfo("gcc", ["-fsyntax-only", "-std=c11", source]) { RedirectStandardError = true })!;
            var errors = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            Assert.True(gcc.ExitCode == 0, errors);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
