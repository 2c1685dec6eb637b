// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Ecs.Testing;

namespace FarQuery.Ecs.Tests;

/// <summary>Runs the built <c>farquery</c> binary (agent/FarQuery.Cli output) against the loopback metadata endpoint, the
/// way it runs inside a Fargate task.</summary>
public sealed class FarqueryCliEcsTests
{
    [Fact]
    public void Query_EcsTaskWithV4Variable_PrintsFixtureValues()
    {
        using var server = TmdsServer.Scenario("fargate-v4-container.json", "fargate-v4-task.json");
        var (exit, stdout, stderr) = Run(server.BaseUrl, "query", "select cluster, task_arn, family from ecs_task");
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains("arn:aws:ecs:us-east-1:123456789012:cluster/MyEmptyCluster", stdout, StringComparison.Ordinal);
        Assert.Contains("arn:aws:ecs:us-east-1:123456789012:task/MyEmptyCluster/bfa2636268144d039771334145e490c5", stdout, StringComparison.Ordinal);
        Assert.Contains("sample-fargate", stdout, StringComparison.Ordinal);
        Assert.Equal(1, server.Hits("/task"));
    }

    [Fact]
    public void Query_EcsTaskAsList_PrintsExactlyTheFixtureRow()
    {
        using var server = TmdsServer.Scenario("ec2-v4-container.json", "ec2-v4-task.json");
        var (exit, stdout, stderr) = Run(server.BaseUrl, "query", "--list", "select cluster, task_arn, family, revision, region, account_id from ecs_task");
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(
            ["cluster|task_arn|family|revision|region|account_id", "default|arn:aws:ecs:us-west-2:111122223333:task/default/158d1c8083dd49d6b527399fd6414f5c|curltest|26|us-west-2|111122223333"],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Query_EcsTablesWithoutVariable_PrintNoRowsAndSucceed()
    {
        var (exit, stdout, stderr) = Run(null, "query", "--list", "select count(*) from ecs_task union all select count(*) from ecs_metadata union all select count(*) from ecs_container_stats");
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(["count(*)", "0", "0", "0"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Query_EndpointReturns500_SucceedsWithNoRows()
    {
        using var server = TmdsServer.Scenario(null, null);
        server.Route("/task", Reply.Status(500));
        var (exit, stdout, stderr) = Run(server.BaseUrl, "query", "--list", "select family from ecs_task");
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(["family"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static (int Exit, string Stdout, string Stderr) Run(string? v4Url, params string[] args)
    {
        var psi = new ProcessStartInfo(FarQuery.TestSupport.RepoRoot.Farquery)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The child must see only the test server, whatever the environment of the test run holds.
        psi.Environment.Remove(EcsEndpoint.V3Variable);
        psi.Environment.Remove(EcsEndpoint.V4Variable);

        // A socket no agent listens on, so the query runs in-process: an agent started by a parallel test on the default
        // path would otherwise answer it, without this test's endpoint.
        psi.Environment["FARQUERY_SOCKET"] = Path.Combine(Path.GetTempPath(), "fq-test-" + Guid.NewGuid().ToString("N") + ".sock");
        if (v4Url is not null)
        {
            psi.Environment[EcsEndpoint.V4Variable] = v4Url;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            Assert.Fail("farquery did not exit within a minute");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

}
