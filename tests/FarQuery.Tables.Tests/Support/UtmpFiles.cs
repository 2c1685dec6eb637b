// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Globalization;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables.Tests.Support;

/// <summary>utmp/wtmp files written by glibc itself: a small C program, compiled with gcc, appends records with
/// updwtmp(3). The same program carries one static_assert per offset the parser uses, so compiling it checks the
/// layout against &lt;utmp.h&gt; (docs/conventions.md §9).</summary>
internal static class UtmpFiles
{
    /// <summary>One record to write.</summary>
    public sealed record Entry(int Type, int Pid, string Line, string User, string Host, long Seconds);

    private static readonly string Source = $$"""
        #include <stddef.h>
        #include <stdlib.h>
        #include <string.h>
        #include <utmp.h>

        _Static_assert(sizeof(struct utmp) == {{UtmpRecord.Size}}, "size");
        _Static_assert(offsetof(struct utmp, ut_type) == {{UtmpRecord.TypeOffset}}, "ut_type");
        _Static_assert(sizeof(((struct utmp*)0)->ut_type) == 2, "ut_type size");
        _Static_assert(offsetof(struct utmp, ut_pid) == {{UtmpRecord.PidOffset}}, "ut_pid");
        _Static_assert(offsetof(struct utmp, ut_line) == {{UtmpRecord.LineOffset}}, "ut_line");
        _Static_assert(UT_LINESIZE == {{UtmpRecord.LineSize}}, "UT_LINESIZE");
        _Static_assert(offsetof(struct utmp, ut_user) == {{UtmpRecord.UserOffset}}, "ut_user");
        _Static_assert(UT_NAMESIZE == {{UtmpRecord.UserSize}}, "UT_NAMESIZE");
        _Static_assert(offsetof(struct utmp, ut_host) == {{UtmpRecord.HostOffset}}, "ut_host");
        _Static_assert(UT_HOSTSIZE == {{UtmpRecord.HostSize}}, "UT_HOSTSIZE");
        _Static_assert(offsetof(struct utmp, ut_tv) == {{UtmpRecord.TimeOffset}}, "ut_tv");
        _Static_assert(sizeof(((struct utmp*)0)->ut_tv.tv_sec) == 4, "tv_sec is 32-bit");
        _Static_assert(USER_PROCESS == {{UtmpRecord.UserProcess}} && DEAD_PROCESS == {{UtmpRecord.DeadProcess}}, "types");

        /* argv: file, then (type pid line user host seconds) per record */
        int main(int argc, char** argv) {
            for (int i = 2; i + 5 < argc; i += 6) {
                struct utmp u;
                memset(&u, 0, sizeof u);
                u.ut_type = (short)atoi(argv[i]);
                u.ut_pid = atoi(argv[i + 1]);
                strncpy(u.ut_line, argv[i + 2], sizeof u.ut_line);
                strncpy(u.ut_user, argv[i + 3], sizeof u.ut_user);
                strncpy(u.ut_host, argv[i + 4], sizeof u.ut_host);
                u.ut_tv.tv_sec = atol(argv[i + 5]);
                u.ut_tv.tv_usec = 250000;
                updwtmp(argv[1], &u);
            }
            return 0;
        }
        """;

    /// <summary>Writes <paramref name="entries"/> to <paramref name="path"/> with glibc; false (after a loud skip
    /// message, or a failure on CI) when gcc is not installed.</summary>
    public static bool TryWrite(string path, IEnumerable<Entry> entries)
    {
        if (Fixtures.RequireTool("gcc", "--version") is null)
        {
            return false;
        }

        var dir = Directory.CreateTempSubdirectory("fq-utmp-").FullName;
        try
        {
            var c = Path.Join(dir, "writer.c");
            var exe = Path.Join(dir, "writer");
            File.WriteAllText(c, Source);
            Run("gcc", "-std=gnu11", "-o", exe, c);

            // updwtmp appends to an existing file and does not create one.
            File.WriteAllBytes(path, []);
            var args = new List<string> { path };
            foreach (var e in entries)
            {
                args.AddRange([e.Type.ToString(CultureInfo.InvariantCulture), e.Pid.ToString(CultureInfo.InvariantCulture), e.Line, e.User, e.Host, e.Seconds.ToString(CultureInfo.InvariantCulture)]);
            }

            Run(exe, [.. args]);
            return true;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = global::System.Diagnostics.Process.Start(psi)!;
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {errors}");
    }
}
