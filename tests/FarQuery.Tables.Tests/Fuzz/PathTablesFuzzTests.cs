// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Sql;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Fuzz;

/// <summary>Every table that takes a path or directory, with each of its path columns and operators, against the files
/// that wedged query workers: devices that never end, files that block, a FIFO, /proc/self/pagemap, symlink
/// loops and a 10,000-level tree. Each query must end within its time limit (plus slack for a loaded 2-core machine:
/// a bound on a hang, not a speed test), allocate a bounded amount, fail, if it fails, with a clear message, and leave
/// the host answering <c>select 1</c>.</summary>
public sealed class PathTablesFuzzTests(HostileTargets targets) : IClassFixture<HostileTargets>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    // Managed bytes one query may allocate on its thread (garbage included, so not a live-heap size): a walk that uses
    // its whole 100,000-entry budget under `file` allocates up to about 130 MB (under /proc, where how many entries the
    // walk meets before its cap depends on how many processes and threads the machine runs); the reproductions
    // allocated gigabytes.
    private const long MaxAllocatedBytes = 256L << 20;

    // {0} is the target path. One template per (table, path column, operator) the tables push down.
    private static readonly string[] Templates =
    [
        "select * from hash where path = '{0}'",
        "select count(*) from hash where path LIKE '{0}/%'",
        "select path, sha256 from hash where path LIKE '{0}/%%'",
        "select count(*) from hash where path GLOB '{0}/**'",
        "select * from hash where directory = '{0}'",
        "select directory from hash where directory GLOB '{0}' and sha256 = 'inf'",
        "select count(*) from hash where directory LIKE '{0}'",
        "select * from file where path = '{0}'",
        "select count(*) from file where path LIKE '{0}/%%'",
        "select count(*) from file where path GLOB '{0}/*/*'",
        "select * from file where directory = '{0}'",
        "select count(*) from certificates where path = '{0}'",
        "select * from certificates where path = '{0}'",
        "select * from go_binaries where path = '{0}'",
        "select * from go_binaries where directory = '{0}'",
        "select * from java_packages where directory = '{0}'",
        "select * from npm_packages where directory = '{0}'",
        "select * from npm_packages where directory = '{0}' and max_depth = -1",
        "select * from python_packages where directory = '{0}'",
        "select * from extended_attributes where path = '{0}'",
        "select count(*) from extended_attributes where path LIKE '{0}/%%'",
        "select * from extended_attributes where directory = '{0}'",
    ];

    private static readonly string[] TargetNames =
        ["dev-zero", "dev-urandom", "dev", "proc-kmsg", "proc-pagemap", "proc", "proc-cwd", "fifo", "loops", "loop-link", "deep"];

    /// <summary>The matrix: every template against every target.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in TargetNames)
        {
            foreach (var template in Templates)
            {
                data.Add(target, template);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_HostileTarget_EndsInTimeWithBoundedMemoryAndFreesTheWorker(string target, string template)
    {
        if (targets.Resolve(target) is not { } path)
        {
            Console.Error.WriteLine($"SKIPPED: {target} does not exist on this machine (/proc/kmsg needs a Linux /proc); case not run: {template}");
            return;
        }

        var sql = string.Format(global::System.Globalization.CultureInfo.InvariantCulture, template, path);
        using var host = TableAssert.Host();
        var allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            host.Query(sql, Limit);
        }
        catch (SqlQueryException e)
        {
            error = e.Message;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;

        Assert.True(elapsed < Limit + Slack, $"{sql}: ran {elapsed.TotalSeconds:0.00} s, past the {Limit.TotalSeconds} s limit plus slack");
        Assert.True(allocated < MaxAllocatedBytes, $"{sql}: allocated {allocated >> 20} MB, over the {MaxAllocatedBytes >> 20} MB cap");
        if (error is not null)
        {
            // The two ways a bounded query may fail: its deadline or its walk's entry cap, each saying so.
            Assert.True(
                error.Contains("time limit", StringComparison.Ordinal) || error.Contains("entries, the limit", StringComparison.Ordinal),
                $"{sql}: unclear error '{error}'");
        }

        Assert.Equal(1L, host.Query("select 1", Limit).Rows[0][0]);
    }
}
