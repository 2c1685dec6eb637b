// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Core;
using FarQuery.Sql;

namespace FarQuery.Tables.Tests.Support;

/// <summary>Fixture root trees and small helpers shared by the table tests.</summary>
internal static class Fixtures
{
    /// <summary>The fake "/" of a scenario under fixtures/rootfs.</summary>
    public static string Root(string scenario) => Path.Join(RepoPaths.Fixtures, "rootfs", scenario);

    /// <summary>A context whose file system is the scenario's tree.</summary>
    public static TableContext Context(string scenario) => new() { Fs = new HostFileSystem(Root(scenario)) };

    /// <summary>Runs a query against a scenario.</summary>
    public static QueryResult Query(string scenario, string sql)
    {
        using var host = TableAssert.Host(Context(scenario));
        return host.Query(sql);
    }

    /// <summary>The rows of a result as dictionaries keyed by column name.</summary>
    public static List<Dictionary<string, object?>> Rows(this QueryResult result) =>
        result.Rows.Select(r => result.Columns.Select((c, i) => (c, r[i])).ToDictionary(p => p.c, p => p.Item2)).ToList();

    /// <summary>Runs <paramref name="body"/> while short-lived processes start and exit continuously, so scans of /proc
    /// meet entries that vanish between listing and reading (the race every per-process table must survive).</summary>
    public static void WhileProcessesChurn(Action body)
    {
        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var p = global::System.Diagnostics.Process.Start(new ProcessStartInfo("sh", ["-c", "exec sleep 0.01"]) { UseShellExecute = false })!;
                p.WaitForExit();
            }
        });
        try
        {
            body();
        }
        finally
        {
            stop.Cancel();
            churn.Wait();
        }
    }

    /// <summary>Runs a tool and returns its standard output, or null when it is not installed.</summary>
    public static string? Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = global::System.Diagnostics.Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} exited {p.ExitCode}: {p.StandardError.ReadToEnd()}");
        }
        catch (global::System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Output of a tool the test needs: on CI a missing tool fails the test, elsewhere the test is skipped
    /// with a loud reason (xunit 2 has no dynamic skip, so the message goes to the console and the test returns).</summary>
    public static string? RequireTool(string tool, params string[] args)
    {
        var output = Run(tool, args);
        if (output is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{tool} is required on CI (.ci/run installs it)");
            Console.Error.WriteLine($"SKIPPED: {tool} is not installed; install it to run this test");
        }

        return output;
    }
}
