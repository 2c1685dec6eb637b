// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;
using FarQuery.Admin.Tests.Support;
using FarQuery.Sql;

namespace FarQuery.Admin.Tests;

/// <summary><c>farquery serve</c> as a real agent process, driven by the farquery CLI and by <see cref="AdminClient"/>.</summary>
public sealed class ServeCommandTests
{
    private const int Nobody = 65534;

    [Fact]
    public void Serve_QueryVerbThroughSocket_ReturnsTheAgentsRows()
    {
        using var agent = AgentProcess.Start();

        var (code, stdout, stderr) = AgentProcess.Run(AgentProcess.Binary, ["query", "--socket", agent.SocketPath, "--csv", $"select pid, name from processes where pid = {agent.Pid}"]);

        Assert.True(code == 0, stderr);
        Assert.Equal($"pid,name\n{agent.Pid},farquery\n", stdout);
        using var client = AdminClient.Connect(agent.SocketPath);
        Assert.Equal(1, client.Status().Admin.Queries);
    }

    [Theory]
    [InlineData("--csv")]
    [InlineData("--json")]
    [InlineData("--line")]
    [InlineData("--list")]
    [InlineData("--header")]
    public void Serve_OutputOverSocket_IdenticalToLocal(string format)
    {
        const string sql = "select 1 as i, 2.0 as r, 0.1 as f, null as n, 'a,b' as t, x'c0ffee' as b, -9223372036854775808 as min";
        using var agent = AgentProcess.Start();

        var remote = AgentProcess.Run(AgentProcess.Binary, ["query", "--socket", agent.SocketPath, format, sql]);
        var local = AgentProcess.Run(AgentProcess.Binary, ["query", "--local", format, sql]);

        Assert.True(remote.Code == 0, remote.Stderr);
        Assert.Equal(local.Stdout, remote.Stdout);
        Assert.Equal("", remote.Stderr);
    }

    [Fact]
    public void Serve_QueryVerbWithoutSocketOption_FindsTheAgentThroughFarquerySocket()
    {
        using var agent = AgentProcess.Start();
        var environment = new Dictionary<string, string?> { [AdminSocketPath.EnvironmentVariable] = agent.SocketPath };

        var (code, stdout, stderr) = AgentProcess.Run(AgentProcess.Binary, ["query", "--list", "--header=false", "select 5"], environment);

        Assert.True(code == 0, stderr);
        Assert.Equal("5\n", stdout);
        using var client = AdminClient.Connect(agent.SocketPath);
        Assert.Equal(1, client.Status().Admin.Queries);
    }

    [Fact]
    public void Serve_StatusVerb_PrintsAgentSection()
    {
        using var agent = AgentProcess.Start();

        var (code, stdout, stderr) = AgentProcess.Run(AgentProcess.Binary, ["status", "--socket", agent.SocketPath]);

        Assert.True(code == 0, stderr);
        Assert.Matches(new Regex($"\n  pid +{agent.Pid}\n"), stdout);
        Assert.Matches(new Regex($"\n  socket +{Regex.Escape(agent.SocketPath)}\n"), stdout);
        Assert.Contains("event tables\n", stdout, StringComparison.Ordinal);
        Assert.Contains("dropped_clients", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_SocketFile_IsMode0600()
    {
        using var agent = AgentProcess.Start();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(agent.SocketPath));
    }

    [Fact]
    public void Serve_Sigterm_ExitsZeroAndRemovesSocket()
    {
        using var agent = AgentProcess.Start();

        Assert.Equal(0, agent.Terminate());
        Assert.False(File.Exists(agent.SocketPath));
    }

    [Fact]
    public void Serve_NonRootUid_RefusedByModeBitsAndByPeerCheck()
    {
        if (PeerCredentials.EffectiveUid != 0 || !File.Exists("/usr/bin/setpriv"))
        {
            // xunit 2 cannot skip at run time: say so loudly, and fail on CI, which runs as root on Debian.
            const string reason = "needs root and setpriv (util-linux) to run a client as uid 65534";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", reason);
            Console.Error.WriteLine("SKIPPED Serve_NonRootUid_RefusedByModeBitsAndByPeerCheck: " + reason);
            return;
        }

        using var agent = AgentProcess.Start();
        File.SetUnixFileMode(agent.Directory, (UnixFileMode)0b111_101_101);
        var binary = CopyBinaryForEveryone();
        try
        {
            string[] asNobody = [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", binary, "query", "--socket", agent.SocketPath, "select 1"];

            // 0600 root-owned socket: connect(2) itself fails with EACCES.
            var byMode = AgentProcess.Run("setpriv", asNobody);
            Assert.Equal(1, byMode.Code);
            Assert.Contains("permission denied", byMode.Stderr, StringComparison.Ordinal);
            Assert.Equal("", byMode.Stdout);

            // Open the mode bits as a careless operator might: SO_PEERCRED still refuses uid 65534.
            File.SetUnixFileMode(agent.SocketPath, (UnixFileMode)0b110_110_110);
            var byPeer = AgentProcess.Run("setpriv", asNobody);
            Assert.Equal(1, byPeer.Code);
            Assert.Contains($"permission denied: uid {Nobody}", byPeer.Stderr, StringComparison.Ordinal);
            Assert.Equal("", byPeer.Stdout);

            // Root is accepted, and the refusals are counted.
            using var client = AdminClient.Connect(agent.SocketPath);
            Assert.Equal(1L, client.Query("select 1").Rows[0][0]);
            var status = client.Status();
            Assert.Equal(1, status.Admin.Refused);
            Assert.Equal(1, status.Admin.Queries);
        }
        finally
        {
            TempDirectory.Delete(Path.GetDirectoryName(binary)!);
        }
    }

    [Fact]
    public async Task Serve_ForeverQueryGarbageAndDisconnects_AgentServesOthers()
    {
        using var agent = AgentProcess.Start("--workers", "2");
        using var slow = AdminClient.Connect(agent.SocketPath);
        var forever = Task.Run(() => Assert.Throws<SqlQueryException>(() =>
            slow.Query("with recursive c(x) as (select 1 union all select x+1 from c) select count(*) from c", TimeSpan.FromSeconds(3))));
        using (var garbage = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
        {
            garbage.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(agent.SocketPath));
            garbage.Send("\u0000\u0000\u0000\u0005}{}{}garbage"u8);
        }

        var served = 0;
        while (!forever.IsCompleted)
        {
            var (code, stdout, stderr) = AgentProcess.Run(AgentProcess.Binary, ["query", "--socket", agent.SocketPath, "--csv", "select 6*7 as answer"]);
            Assert.True(code == 0, stderr);
            Assert.Equal("answer\n42\n", stdout);
            served++;
        }

        Assert.Contains("time limit of 3 s", (await forever).Message, StringComparison.Ordinal);
        Assert.True(served > 0);
        using var client = AdminClient.Connect(agent.SocketPath);
        var admin = client.Status().Admin;
        Assert.Equal(1, admin.Timeouts);
        Assert.Equal(1, admin.BadFrames);
    }

    [Fact]
    public void QueryVerb_SocketWithoutAgent_FailsClearly()
    {
        var directory = TempDirectory.Create();
        try
        {
            var (code, stdout, stderr) = AgentProcess.Run(AgentProcess.Binary, ["query", "--socket", Path.Join(directory, "none.sock"), "select 1"]);

            Assert.Equal(1, code);
            Assert.Equal("", stdout);
            Assert.Contains("no agent socket at", stderr, StringComparison.Ordinal);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    /// <summary>A copy of the CLI's output folder in a world-readable temp folder, because the checkout itself may sit
    /// under a 0700 home that uid 65534 cannot enter.</summary>
    private static string CopyBinaryForEveryone()
    {
        var source = Path.GetDirectoryName(AgentProcess.Binary)!;
        var target = TempDirectory.Create();
        File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Join(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        foreach (var dir in Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        return Path.Join(target, "farquery");
    }
}
