// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Admin.Tests.Support;

namespace FarQuery.Admin.Tests;

/// <summary><c>farquery run</c> serves its admin socket over the same table context the tracer fills.</summary>
public sealed class RunCommandSocketTests
{
    [Fact]
    public async Task Run_TracedApp_ProcessEventsVisibleThroughSocketAndStatus()
    {
        var dir = TempDirectory.Create();
        var socket = Path.Join(dir, "agent.sock");
        var marker = Path.Join(dir, "go");
        try
        {
            var psi = new ProcessStartInfo(AgentProcess.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "run", "--socket", socket, "--", "sh", "-c", $"sleep 0.2; echo traced-marker > /dev/null; while [ ! -e {marker} ]; do sleep 0.1; done" })
            {
                psi.ArgumentList.Add(a);
            }

            using var agent = Process.Start(psi)!;
            var stdout = agent.StandardOutput.ReadToEndAsync();
            var stderr = agent.StandardError.ReadToEndAsync();
            try
            {
                string output = "";
                for (var i = 0; i < 100 && !output.Contains("while [", StringComparison.Ordinal); i++)
                {
                    Thread.Sleep(100);
                    if (File.Exists(socket))
                    {
                        output = AgentProcess.Run(AgentProcess.Binary, ["query", "--socket", socket, "--csv", "select syscall, cmdline from process_events where syscall = 'execve'"]).Stdout;
                    }
                }

                Assert.Contains("execve,sh -c sleep 0.2", output, StringComparison.Ordinal);
                var status = AgentProcess.Run(AgentProcess.Binary, ["status", "--socket", socket]);
                Assert.Equal(0, status.Code);
                Assert.Contains("process_events", status.Stdout, StringComparison.Ordinal);
                Assert.Contains("scheduler", status.Stdout, StringComparison.Ordinal);
            }
            finally
            {
                File.WriteAllText(marker, "");
                Assert.True(agent.WaitForExit(30_000), "the app did not finish");
            }

            Assert.True(agent.ExitCode == 0, await stderr);
            Assert.False(File.Exists(socket), "the socket file is removed when the agent exits");
            await stdout;
        }
        finally
        {
            TempDirectory.Delete(dir);
        }
    }
}
