// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FarQuery.Events.Tests.Inotify;

/// <summary>The inotify, statx, poll and open bindings checked against the real C headers (docs/conventions.md §9): a C file with
/// one static_assert per constant, size and field offset, compiled by gcc.</summary>
public sealed class InotifyInteropLayoutTests
{
    [Fact]
    public void Layouts_MatchSystemHeaders()
    {
        if (!HasGcc(out var reason))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", reason);
            Console.Error.WriteLine("SKIPPED Layouts_MatchSystemHeaders: " + reason);
            return;
        }

        var c = new StringBuilder("""
            #define _GNU_SOURCE
            #include <sys/inotify.h>
            #include <sys/stat.h>
            #include <fcntl.h>
            #include <poll.h>
            #include <stddef.h>
            #include <limits.h>

            """);
        void Eq(string expr, long value) => c.Append(System.Globalization.CultureInfo.InvariantCulture, $"_Static_assert((long)({expr}) == {value}L, \"{expr}\");\n");

        foreach (var (name, value) in new (string, uint)[]
        {
            ("IN_ACCESS", Interop.Libc.IN_ACCESS), ("IN_MODIFY", Interop.Libc.IN_MODIFY), ("IN_ATTRIB", Interop.Libc.IN_ATTRIB),
            ("IN_CLOSE_WRITE", Interop.Libc.IN_CLOSE_WRITE), ("IN_CLOSE_NOWRITE", Interop.Libc.IN_CLOSE_NOWRITE), ("IN_OPEN", Interop.Libc.IN_OPEN),
            ("IN_MOVED_FROM", Interop.Libc.IN_MOVED_FROM), ("IN_MOVED_TO", Interop.Libc.IN_MOVED_TO), ("IN_CREATE", Interop.Libc.IN_CREATE),
            ("IN_DELETE", Interop.Libc.IN_DELETE), ("IN_DELETE_SELF", Interop.Libc.IN_DELETE_SELF), ("IN_MOVE_SELF", Interop.Libc.IN_MOVE_SELF),
            ("IN_UNMOUNT", Interop.Libc.IN_UNMOUNT), ("IN_Q_OVERFLOW", Interop.Libc.IN_Q_OVERFLOW), ("IN_IGNORED", Interop.Libc.IN_IGNORED),
            ("IN_ISDIR", Interop.Libc.IN_ISDIR), ("IN_ONLYDIR", Interop.Libc.IN_ONLYDIR), ("IN_DONT_FOLLOW", Interop.Libc.IN_DONT_FOLLOW),
            ("IN_EXCL_UNLINK", Interop.Libc.IN_EXCL_UNLINK), ("IN_MASK_CREATE", Interop.Libc.IN_MASK_CREATE), ("IN_MASK_ADD", Interop.Libc.IN_MASK_ADD),
            ("IN_ONESHOT", Interop.Libc.IN_ONESHOT), ("STATX_BASIC_STATS", Interop.Libc.STATX_BASIC_STATS),
        })
        {
            Eq(name, value);
        }

        Eq("IN_NONBLOCK", Interop.Libc.IN_NONBLOCK);
        Eq("IN_CLOEXEC", Interop.Libc.IN_CLOEXEC);
        Eq("NAME_MAX", Interop.Libc.NAME_MAX);
        Eq("POLLIN", Interop.Libc.POLLIN);
        Eq("POLLERR", Interop.Libc.POLLERR);
        Eq("POLLHUP", Interop.Libc.POLLHUP);
        Eq("POLLNVAL", Interop.Libc.POLLNVAL);
        Eq("O_RDONLY", Interop.Libc.O_RDONLY);
        Eq("O_NONBLOCK", Interop.Libc.O_NONBLOCK);
        Eq("O_CLOEXEC", Interop.Libc.O_CLOEXEC);
        Eq("O_NOFOLLOW", Interop.Libc.O_NOFOLLOW);
        Eq("O_DIRECTORY", Interop.Libc.O_DIRECTORY);
        Eq("AT_FDCWD", Interop.Libc.AT_FDCWD);
        Eq("AT_SYMLINK_NOFOLLOW", Interop.Libc.AT_SYMLINK_NOFOLLOW);
        Eq("S_IFMT", Interop.Libc.S_IFMT);
        Eq("S_IFREG", Interop.Libc.S_IFREG);
        Eq("S_IFDIR", Interop.Libc.S_IFDIR);
        Eq("S_IFLNK", Interop.Libc.S_IFLNK);

        Eq("sizeof(struct inotify_event)", Marshal.SizeOf<Interop.Libc.inotify_event>());
        foreach (var f in new[] { "wd", "mask", "cookie", "len" })
        {
            Eq($"offsetof(struct inotify_event, {f})", Marshal.OffsetOf<Interop.Libc.inotify_event>(f));
        }

        Eq("sizeof(struct pollfd)", Marshal.SizeOf<Interop.Libc.pollfd>());
        foreach (var f in new[] { "fd", "events", "revents" })
        {
            Eq($"offsetof(struct pollfd, {f})", Marshal.OffsetOf<Interop.Libc.pollfd>(f));
        }

        Eq("sizeof(struct statx)", Marshal.SizeOf<Interop.Libc.statx_t>());
        Eq("sizeof(struct statx_timestamp)", Marshal.SizeOf<Interop.Libc.statx_timestamp>());
        foreach (var f in new[]
        {
            "stx_mask", "stx_blksize", "stx_attributes", "stx_nlink", "stx_uid", "stx_gid", "stx_mode", "stx_ino", "stx_size",
            "stx_blocks", "stx_attributes_mask", "stx_atime", "stx_btime", "stx_ctime", "stx_mtime", "stx_rdev_major",
            "stx_rdev_minor", "stx_dev_major", "stx_dev_minor",
        })
        {
            Eq($"offsetof(struct statx, {f})", Marshal.OffsetOf<Interop.Libc.statx_t>(f));
        }

        var dir = Directory.CreateTempSubdirectory("fim-layout-").FullName;
        try
        {
            var source = Path.Join(dir, "layout.c");
            File.WriteAllText(source, c.ToString());
            using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-fsyntax-only", "-std=c11", source]) { RedirectStandardError = true })!;
            var errors = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            Assert.True(gcc.ExitCode == 0, errors);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool HasGcc(out string reason)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Join(d, "gcc")));
        reason = found ? "" : "gcc is not installed (apt-get install gcc libc6-dev); the C header layout check did not run";
        return found;
    }
}
