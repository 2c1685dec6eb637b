// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Admin.Tests;

/// <summary>Reads FARQUERY_SOCKET, so the tests that set it run one at a time in this class and restore it.</summary>
public sealed class AdminSocketPathTests
{
    [Fact]
    public void Candidates_NoOverride_SystemPathFirstThenPerUserFallback()
    {
        var saved = Environment.GetEnvironmentVariable(AdminSocketPath.EnvironmentVariable);
        Environment.SetEnvironmentVariable(AdminSocketPath.EnvironmentVariable, null);
        try
        {
            var candidates = AdminSocketPath.Candidates();

            Assert.Equal("/var/run/farquery.sock", candidates[0]);
            Assert.Equal(Path.Join(Path.GetTempPath(), $"farquery-{PeerCredentials.EffectiveUid}.sock"), candidates[^1]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AdminSocketPath.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void Candidates_Override_OnlyThatPath()
    {
        var saved = Environment.GetEnvironmentVariable(AdminSocketPath.EnvironmentVariable);
        Environment.SetEnvironmentVariable(AdminSocketPath.EnvironmentVariable, "/tmp/x/agent.sock");
        try
        {
            Assert.Equal(["/tmp/x/agent.sock"], AdminSocketPath.Candidates());
        }
        finally
        {
            Environment.SetEnvironmentVariable(AdminSocketPath.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void ForServer_NoWritableCandidate_ClearError()
    {
        var e = Assert.Throws<AdminServerException>(() => AdminSocketPath.ForServer(_ => false));

        Assert.Contains("no writable directory for the admin socket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForServer_FirstStageableCandidateWins()
    {
        var saved = Environment.GetEnvironmentVariable(AdminSocketPath.EnvironmentVariable);
        Environment.SetEnvironmentVariable(AdminSocketPath.EnvironmentVariable, null);
        try
        {
            // As if /var/run were read-only (a non-root agent): the per-user fallback is chosen.
            var path = AdminSocketPath.ForServer(p => !p.StartsWith("/var/run/", StringComparison.Ordinal));

            Assert.NotEqual("/var/run/farquery.sock", path);
            Assert.Contains(path, AdminSocketPath.Candidates());
        }
        finally
        {
            Environment.SetEnvironmentVariable(AdminSocketPath.EnvironmentVariable, saved);
        }
    }
}
