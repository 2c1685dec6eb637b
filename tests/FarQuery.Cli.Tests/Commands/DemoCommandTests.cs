// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.TestSupport;

namespace FarQuery.Cli.Tests.Commands;

/// <summary>`farquery demo`, the README's first command: the real binary, the embedded packs, the scripted workload.</summary>
public sealed class DemoCommandTests
{
    // One rule per scripted action of DemoCommand.Script (several actions trip more than one).
    private static readonly string[] ExpectedRules =
    [
        "Execution from /dev/shm",
        "Drop and execute new binary in container",
        "Set Setuid or Setgid bit",
        "Known Cryptominer Process Executed",
        "Detect crypto miners using the Stratum protocol",
        "Netcat Remote Code Execution in Container",
        "Launch Suspicious Network Tool in Container",
        "Search Private Keys or Passwords",
        "Find AWS Credentials",
        "Create Symlink Over Sensitive Files",
        "Clear Log Activities",
        "Read sensitive file untrusted",
        "Directory traversal monitored file read",
        "Read environment variable from /proc files",
    ];

    [Fact]
    public void Demo_EmbeddedPacks_EveryScriptedActionRaisesItsRuleAndNothingIsLeftBehind()
    {
        var before = Directory.GetDirectories("/tmp", "farquery-demo.*").ToHashSet(StringComparer.Ordinal);
        var (code, stdout, stderr) = FarqueryProcess.Run(["demo"], binary: Path.Combine(AppContext.BaseDirectory, "farquery"));

        Assert.True(code == 0, stderr);
        Assert.Contains("== done", stderr, StringComparison.Ordinal);
        var fired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("columns", out var columns) && columns.TryGetProperty("rule", out var rule))
            {
                fired.Add(rule.GetString()!);
            }
        }

        var missing = ExpectedRules.Where(r => !fired.Contains(r)).ToList();
        Assert.True(missing.Count == 0, $"not raised: {string.Join(", ", missing)}\nraised: {string.Join(", ", fired)}\nstderr:\n{stderr}");

        // The workload undoes what it did: its folder and the /dev/shm payload are gone.
        Assert.DoesNotContain(Directory.GetDirectories("/tmp", "farquery-demo.*"), d => !before.Contains(d));
        Assert.False(File.Exists("/dev/shm/farquery-demo-payload"));
    }
}
