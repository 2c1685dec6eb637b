// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Process;

public sealed class ProcessEnvsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("process_envs");
        Assert.Contains(result.Rows, r => (long)r[0]! == Environment.ProcessId);
    }

    [Fact]
    public void Query_ChildWithKnownVariable_ReturnsIt()
    {
        // The child says it is ready from its own image. Process.Start returns as soon as the vfork'd child execs, and
        // the kernel releases the parent before it has laid out the new stack: /proc/<pid>/environ is empty until then.
        var psi = new ProcessStartInfo("sh", ["-c", "echo ready; read _"])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        psi.Environment["FQ_TEST_MARKER"] = "marker value=with equals";
        using var child = global::System.Diagnostics.Process.Start(psi)!;
        try
        {
            Assert.Equal("ready", child.StandardOutput.ReadLine());
            var context = new TableContext();
            using var host = TableAssert.Host(context);
            var rows = host.Query($"select key, value from process_envs where pid = {child.Id}").Rows;
            Assert.Contains(rows, r => (string)r[0]! == "FQ_TEST_MARKER" && (string)r[1]! == "marker value=with equals");
            Assert.Equal(1, context.Fs.ProcessReads);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void Query_ProcessesExitingMidScan_AreSkippedNotErrors()
    {
        Fixtures.WhileProcessesChurn(() =>
        {
            using var host = TableAssert.Host();
            for (var i = 0; i < 20; i++)
            {
                Assert.NotEmpty(host.Query("select pid, key from process_envs").Rows);
            }
        });
    }

    [Fact]
    public void Query_FixturePid_ReadsEnviron()
    {
        var rows = Fixtures.Query("debian12", "select key, value from process_envs where pid = 4242").Rows();
        Assert.Contains(rows, r => (string)r["key"]! == "FQ_FIXTURE_SECRET" && (string)r["value"]! == "hunter2");
        Assert.Contains(rows, r => (string)r["key"]! == "LANG" && (string)r["value"]! == "C.UTF-8");
    }

    [Fact]
    public void Query_DamagedEnviron_YieldsEveryReadableEntry()
    {
        var rows = Fixtures.Query("damaged", "select key, value from process_envs where pid = 77").Rows
            .Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
        Assert.Equal([("GOOD", "1"), ("NOEQUALS", ""), ("=leading", ""), ("EMPTY", ""), ("TRUNC", "abc")], rows);
    }

    [Fact]
    public void Query_ExitedPid_IsSkippedNotAnError()
    {
        Assert.Empty(Fixtures.Query("debian12", "select * from process_envs where pid = 999999").Rows);
    }
}
