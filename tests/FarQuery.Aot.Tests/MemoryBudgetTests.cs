// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.Aot.Tests;

/// <summary>The hostile ad hoc queries of docs/memory.md against the NativeAOT agent with a 64 MiB budget, with the
/// agent's peak RSS read from /proc/&lt;agent&gt;/status after each.</summary>
[Collection("aot")]
public sealed class MemoryBudgetTests(AotPublishTests.Published published)
{
    // docs/memory.md: the agent's fixed footprint (runtime, code, stacks, GC slack) on top of the budget.
    private const long BudgetMib = 64, MarginMib = 40;

    [Fact]
    public void HostileQueries_Budget64_PeakStaysUnderBudgetPlusMarginAndAgentAnswers()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        var dir = Directory.CreateTempSubdirectory("fq-budget-").FullName;
        var socket = Path.Join(dir, "admin.sock");
        var big = Directory.CreateDirectory(Path.Join(dir, "big")).FullName;
        var chunk = new byte[1 << 20];
        Random.Shared.NextBytes(chunk);
        for (var f = 0; f < 3; f++)
        {
            using var file = File.Create(Path.Join(big, "f" + f));
            for (var i = 0; i < 48; i++)
            {
                file.Write(chunk);
            }
        }

        var psi = new ProcessStartInfo(published.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "run", "--socket", socket, "--memory_budget=" + BudgetMib, "--disable_stdout_logging", "--", "sleep", "120" })
        {
            psi.ArgumentList.Add(a);
        }

        using var agent = Process.Start(psi)!;
        _ = agent.StandardOutput.ReadToEndAsync();
        _ = agent.StandardError.ReadToEndAsync();
        try
        {
            for (var i = 0; i < 200 && !File.Exists(socket); i++)
            {
                Thread.Sleep(50);
            }

            Assert.Equal(0, Query(socket, "select 1").Code);
            string[] hostile =
            [
                "select length(randomblob(900000000))",
                "select length(group_concat(hex(randomblob(100000)))) from processes a, processes b",
                "select * from processes a, processes b, processes c, processes d",
                "with recursive r(i, s) as (select 1, 'x' union all select i + 1, s || s from r where i < 40) select length(s) from r order by i desc limit 1",
            ];
            foreach (var sql in hostile)
            {
                var (code, output) = Query(socket, sql);
                Assert.True(code != 0 && output.Contains("limit", StringComparison.Ordinal) && output.Contains("memory budget 64 MiB", StringComparison.Ordinal), $"{sql}: rc {code}: {output}");
                Assert.True(PeakMib(agent.Id) < BudgetMib + MarginMib, $"after {sql}: VmHWM {PeakMib(agent.Id)} MiB");
            }

            // hash streams files of any size: it answers, within the budget.
            var hashed = Query(socket, $"select count(*) from hash where directory = '{big}' and sha256 is not null");
            Assert.True(hashed.Code == 0 && hashed.Output.Contains('3', StringComparison.Ordinal), hashed.Output);
            Assert.True(PeakMib(agent.Id) < BudgetMib + MarginMib, $"after hash: VmHWM {PeakMib(agent.Id)} MiB");

            // The app (sleep) and the agent are still there, and the agent answers.
            Assert.False(agent.HasExited);
            var after = Query(socket, "select count(*) from processes where name = 'sleep' and parent = " + agent.Id);
            Assert.True(after.Code == 0 && after.Output.Contains('1', StringComparison.Ordinal), after.Output);
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill(entireProcessTree: true);
            }

            agent.WaitForExit();
            Directory.Delete(dir, recursive: true);
        }
    }

    private (int Code, string Output) Query(string socket, string sql) =>
        AotPublishTests.Run(published.Binary, ["query", "--socket", socket, "--timeout", "30", "--list", "--header=false", sql], null);

    private static long PeakMib(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
}
