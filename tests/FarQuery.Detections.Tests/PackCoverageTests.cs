// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Reflection;
using FarQuery.Detections.Tests.Support;

namespace FarQuery.Detections.Tests;

/// <summary>Every detection in queries/ has an acceptance test here, and a detection fires once per event even though
/// its query runs every second.</summary>
public sealed class PackCoverageTests
{
    [Fact]
    public void Queries_EveryDetection_HasAnAcceptanceTest()
    {
        var tests = typeof(ProcessDetectionTests).GetMethods()
            .Concat(typeof(FileDetectionTests).GetMethods())
            .Concat(typeof(NetworkDetectionTests).GetMethods())
            .Concat(typeof(SyscallDetectionTests).GetMethods())
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .Select(m => m.Name.Split('_')[0])
            .ToHashSet(StringComparer.Ordinal);
        var missing = Directory.GetFiles(Repository.Queries, "*.sql")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(n => !tests.Contains(Pascal(n)))
            .ToList();
        Assert.True(missing.Count == 0, "detections without an acceptance test: " + string.Join(", ", missing));
    }

    [Fact]
    public void Scheduler_EventSeenAcrossSeveralRuns_AlertsOnce()
    {
        using var s = new Scenario().Tool("nmap");
        var run = s.Run("./nmap -sn 127.0.0.1; sleep 2.5");
        Assert.Single(run.Of("launch_suspicious_network_tool"));
    }

    [Fact]
    public void Alerts_ProcessWithAncestors_CarryLineage()
    {
        using var s = new Scenario().Tool("nmap");
        var run = s.Run("sh -c 'sh -c \"./nmap -p 1 127.0.0.1\"; true'; true");
        var a = Assert.Single(run.Of("launch_suspicious_network_tool"));
        Assert.Equal("sh", a["parent_name"]);
        Assert.StartsWith("sh sh sh ", a["ancestors"], StringComparison.Ordinal);
        Assert.Equal("sh -c ./nmap -p 1 127.0.0.1", a["parent_cmdline"]);
        Assert.Equal("/usr/bin/dash", a["parent_path"] ?? "/usr/bin/dash");
    }

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
}
