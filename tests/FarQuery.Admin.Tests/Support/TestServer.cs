// SPDX-License-Identifier: Apache-2.0
using System.Net.Sockets;
using FarQuery.Admin.Protocol;
using FarQuery.Core;
using FarQuery.Core.Memory;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Admin.Tests.Support;

/// <summary>An in-process admin server on a socket in its own temporary directory, over every real table plus
/// <see cref="ProbeEventsTable"/>.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(AdminServer server, TableContext context, string directory)
    {
        Server = server;
        Context = context;
        Directory = directory;
    }

    public AdminServer Server { get; }

    public TableContext Context { get; }

    public string Directory { get; }

    public string SocketPath => Server.SocketPath;

    public static TestServer Start(Action<AdminServerOptions>? configure = null, MemoryBudget? budget = null)
    {
        var directory = TempDirectory.Create();
        var context = budget is null ? new TableContext() : new TableContext { Budget = budget };
        var options = new AdminServerOptions { SocketPath = Path.Join(directory, "admin.sock") };
        configure?.Invoke(options);
        var server = AdminServer.Start(() => NewHost(context), options);
        return new TestServer(server, context, directory);
    }

    public static SqlHost NewHost(TableContext context) =>
        new([.. TableRegistry.All, new TableRegistration(ProbeEventsTable.Spec, c => new ProbeEventsTable(c))], context);

    public AdminClient Client() => AdminClient.Connect(SocketPath);

    /// <summary>Waits until a counter reaches a value; the bound is far above what the step needs.</summary>
    public async Task WaitForAsync(Func<AdminCounters, bool> condition)
    {
        // One snapshot decides: reading the counters twice could see the condition hold, then not (a connection
        // accepted in between).
        var reached = false;
        for (var i = 0; i < 600 && !(reached = condition(Server.Statistics)); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(reached, "counter condition not reached");
    }

    public Socket Raw()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 60_000, SendTimeout = 60_000 };
        socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        TempDirectory.Delete(Directory);
    }
}

/// <summary>An event table fed by the test through the shared <see cref="EventRegistry"/>.</summary>
internal sealed class ProbeEventsTable(TableContext context) : Table(context)
{
    public static readonly TableSchema Spec = new("probe_events", "events added by tests", [
        new ColumnSchema("time", ColumnType.BigInt, ColumnOptions.None, "time"),
        new ColumnSchema("eid", ColumnType.Text, ColumnOptions.Hidden, "eid"),
        new ColumnSchema("value", ColumnType.BigInt, ColumnOptions.None, "value"),
    ], isEventTable: true);

    public override TableSchema Schema => Spec;

    public static EventBuffer Buffer(TableContext context) => context.Events.Buffer(Spec, "probe");

    public override IEnumerable<object?[]> Generate(QueryContext query) => Buffer(Context).Snapshot();
}

/// <summary>Short temporary directories (a Unix socket path must fit in 108 bytes).</summary>
internal static class TempDirectory
{
    public static string Create() => System.IO.Directory.CreateTempSubdirectory("fqa-").FullName;

    public static void Delete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
