// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Globalization;
using FarQuery.Agent;
using FarQuery.Response;

namespace FarQuery.Cli.Tests.Agent;

/// <summary>The kill playbook's hands: which processes it refuses, read from /proc/[pid]/stat and /proc/stat's btime.</summary>
public sealed class TaskActuatorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("fq-actuator-").FullName;

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(root, recursive: true);

    private static Alert AlertAt(long? time) => new("r", "WARNING", [], "q", 0, "h",
        time is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["time"] = time.Value.ToString(CultureInfo.InvariantCulture) },
        new Dictionary<string, string?>());

    private static TaskActuator Actuator(int appPid, string procRoot = "/proc") => new(appPid, _ => { }, procRoot);

    [Fact]
    public void Kill_StartedAfterTheEvent_RefusedAsReusedWithTheStartFromBtimeAndStarttime()
    {
        // comm with spaces and parentheses: the fields are counted from the last ')'. starttime 12345 ticks is 123 s after
        // the boot at 1700000000.
        Directory.CreateDirectory(Path.Join(root, "4242"));
        File.WriteAllText(Path.Join(root, "4242", "stat"), "4242 (a) b (c)) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 12345 20 21\n");
        File.WriteAllText(Path.Join(root, "stat"), "cpu  1 2 3\nbtime 1700000000\nprocesses 9\n");

        var (outcome, detail) = Actuator(1, root).Kill(4242, descendants: false, AlertAt(1_700_000_100));
        Assert.Equal("refused", outcome);
        Assert.Equal("pid 4242 was reused: this process started at 1700000123, after the event at 1700000100", detail);
    }

    [Fact]
    public void Kill_NoStatFile_RefusedAsExited()
    {
        var (outcome, detail) = Actuator(1, root).Kill(4242, descendants: false, AlertAt(null));
        Assert.Equal("refused", outcome);
        Assert.Equal("pid 4242 has already exited", detail);
    }

    [Fact]
    public void Kill_TruncatedStat_RefusedAsExited()
    {
        Directory.CreateDirectory(Path.Join(root, "4242"));
        File.WriteAllText(Path.Join(root, "4242", "stat"), "4242 (sh) S 1 2 3");
        File.WriteAllText(Path.Join(root, "stat"), "btime 1700000000\n");

        Assert.Equal("refused", Actuator(1, root).Kill(4242, descendants: false, AlertAt(null)).Outcome);
    }

    [Fact]
    public void Kill_TheApp_Refused()
    {
        Assert.Equal("refused", Actuator(4242, root).Kill(4242, descendants: false, AlertAt(null)).Outcome);
    }

    [Fact]
    public void Kill_LiveChildStartedBeforeTheEvent_KilledWithSigkill()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "300"))!;
        try
        {
            var (outcome, detail) = Actuator(1).Kill(child.Id, descendants: false, AlertAt(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2));
            Assert.True(outcome == "done", detail);
            Assert.True(child.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Equal(128 + 9, child.ExitCode);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    [Fact]
    public void Kill_LiveChildStartedAfterTheEvent_RefusedAsReused()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "300"))!;
        try
        {
            var (outcome, detail) = Actuator(1).Kill(child.Id, descendants: false, AlertAt(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600));
            Assert.Equal("refused", outcome);
            Assert.Contains("was reused", detail, StringComparison.Ordinal);
            Assert.False(child.HasExited);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }
}
