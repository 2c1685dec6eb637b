// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The API the agent uses: TracedApp.Start in this process, rows queried through a SqlHost on the same
/// TableContext. Not run in parallel with other tests: the tracer's waitpid(-1) would reap their children.</summary>
[Collection(nameof(InProcessTracerCollection))]
public sealed class TracedAppInProcessTests
{
    [TracerFact]
    public Task Start_ShellMakingADirectory_RowsAreQueryableThroughSql() => ShellMakingADirectory(useRegisters: false);

    [TracerFact]
    public Task Start_RegisterFallbackForOldKernels_DecodesTheSameRows() => ShellMakingADirectory(useRegisters: true);

    [TracerFact]
    public async Task Start_AtStopSubscriber_SeesEveryProcessEventInTheSubscribersOrder()
    {
        // The stop-time view may see an exit later than it happened (once the tracer is idle), but never out of order
        // against the forks and execs around it, and never not at all: the sensitive-read watch drops the exited
        // process's environ watch and candidate from it.
        var atStop = new Recorder();
        var subscriber = new Recorder();
        var messages = new List<string>();
        using var app = TracedApp.Start(new TableContext(), new TracerOptions
        {
            StubExecutable = FarqueryRunner.Binary,
            Subscribers = [subscriber],
            AtStop = atStop,
            ForwardSignals = false,
            Warn = messages.Add,
        }, ["sh", "-c", "/bin/true; /bin/true; /bin/true; exit 3"]);
        Assert.True(app.Traced, string.Join('\n', messages));
        Assert.Equal(3, await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        var seen = subscriber.Processes();
        Assert.Equal(4, seen.Count(e => e.Syscall == "exit"));
        Assert.Equal(3, seen.Count(e => e.Syscall == "execve" && e.Path?.EndsWith("/true", StringComparison.Ordinal) == true));
        Assert.Equal(seen, atStop.Processes());
    }

    private sealed class Recorder : IEventSubscriber<TraceEvent>
    {
        private readonly List<TraceEvent> events = [];

        public void OnEvent(TraceEvent e)
        {
            lock (events)
            {
                events.Add(e);
            }
        }

        public List<(string Syscall, long Pid, string? Path)> Processes()
        {
            lock (events)
            {
                return [.. events.OfType<ProcessEvent>().Select(e => (e.Syscall, e.Pid, e.Path))];
            }
        }
    }

    private static async Task ShellMakingADirectory(bool useRegisters)
    {
        var dir = Directory.CreateTempSubdirectory("fq-inproc-").FullName;
        try
        {
            var context = new TableContext();
            var messages = new List<string>();
            using var app = TracedApp.Start(context, new TracerOptions
            {
                StubExecutable = FarqueryRunner.Binary,
                Subscribers = TracerSubscribers.Create(context),
                ForwardSignals = false,
                UseRegisters = useRegisters,
                Warn = messages.Add,
            }, ["sh", "-c", $"mkdir {dir}/made && exit 4"]);
            Assert.True(app.Traced, string.Join('\n', messages));
            Assert.True(app.Pid > 0);
            Assert.Equal(4, await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60)));

            using var host = new SqlHost(TableRegistry.All, context);
            var mkdir = host.Query("select path, operation, status from process_file_events where operation = 'mkdir'").Rows.Single();
            Assert.Equal(new object?[] { dir + "/made", "mkdir", "succeeded" }, mkdir);
            var exec = host.Query($"select cmdline from process_events where syscall = 'execve' and pid = {app.Pid}").Rows.Single();
            Assert.Equal($"sh -c mkdir {dir}/made && exit 4", exec[0]);
            var status = Assert.Single(context.Events.Publishers, p => p.Name == TracedApp.PublisherName);
            Assert.False(status.Active);
            Assert.Contains("exited with 4", status.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>Runs its tests alone (xunit runs such a collection after the parallel ones).</summary>
[CollectionDefinition(nameof(InProcessTracerCollection), DisableParallelization = true)]
public sealed class InProcessTracerCollection;
