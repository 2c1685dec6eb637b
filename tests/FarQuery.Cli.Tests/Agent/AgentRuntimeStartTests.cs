// SPDX-License-Identifier: Apache-2.0
using FarQuery.Agent;
using FarQuery.Core;
using FarQuery.Core.Flags;
using FarQuery.Scheduler.Config;
using FarQuery.Tables;

namespace FarQuery.Cli.Tests.Agent;

/// <summary>The agent's start beside the app: an app that has already exited gets only what the drain needs, and what it
/// did is still detected and logged.</summary>
public sealed class AgentRuntimeStartTests : IDisposable
{
    private const string Config = """{"schedule": {"probe_exec": {"query": "select pid, name from process_events where name = 'probe-app'", "interval": 3600}}}""";

    private readonly string dir = Directory.CreateTempSubdirectory("fq-start-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Start_AppAlreadyExited_SkipsLongRunPartsAndDrainStillLogsTheEvent()
    {
        var context = new TableContext();
        AddExec(context, 4242, "probe-app");

        using (var runtime = AgentRuntime.Start(context, Options(), _ => { }, appExited: () => true))
        {
            Assert.True(runtime.StartedForDrainOnly);
            Assert.Null(runtime.Admin);
            Assert.False(File.Exists(SocketPath));
            Assert.Equal(0, runtime.Scheduler!.Ticks);

            // What the drain does, not how fast: a debug build's first query, beside the other test assemblies on two
            // cores, can take longer than the exit's own budget.
            runtime.Drain(TimeSpan.FromSeconds(30));
        }

        var results = File.ReadAllText(Path.Join(dir, "osqueryd.results.log"));
        Assert.Contains("\"name\":\"probe_exec\"", results, StringComparison.Ordinal);
        Assert.Contains("\"pid\":\"4242\"", results, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_AppRunning_StartsTheAdminSocket()
    {
        var context = new TableContext();

        using var runtime = AgentRuntime.Start(context, Options(), _ => { }, appExited: () => false);

        Assert.False(runtime.StartedForDrainOnly);
        Assert.NotNull(runtime.Admin);
        Assert.True(File.Exists(SocketPath));
    }

    private string SocketPath => Path.Join(dir, "admin.sock");

    private AgentOptions Options()
    {
        var flags = FlagValues.Defaults.With(FlagSource.CommandLine, new Dictionary<Flag, string>
        {
            [FlagCatalog.DisableStdoutLogging] = "true",
            [FlagCatalog.LoggerPath] = dir,
            [FlagCatalog.Socket] = SocketPath,
        });
        return new AgentOptions { PreloadedConfig = ConfigParser.Parse(Config, "test.conf", null, flags: flags), Flags = flags };
    }

    private static void AddExec(TableContext context, long pid, string name)
    {
        var spec = ProcessEventsTable.Spec;
        var row = new object?[spec.Columns.Count];
        row[Column("pid")] = pid;
        row[Column("name")] = name;
        row[Column("syscall")] = "execve";
        Assert.True(context.Events.Buffer(spec, "ptrace").Add(row) > 0);

        int Column(string column) => spec.Columns.ToList().FindIndex(c => c.Name == column);
    }
}
