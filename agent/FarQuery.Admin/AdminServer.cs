// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Admin;

/// <summary>The agent's local admin socket (PROTOCOL.md): ad hoc SQL, status and the table list for root or
/// the agent's own uid. This part holds start-up, the accept loop and shutdown; <c>AdminServer.Connection.cs</c> serves
/// one client; <c>AdminServer.Status.cs</c> builds the status report. Every client runs on its own task with time
/// limits on reads and writes, and queries run on <see cref="QueryWorkers"/>, so no client can hold up another, the
/// tracer or the scheduler.</summary>
public sealed partial class AdminServer : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly QueryWorkers workers;
    private readonly AdminServerOptions options;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Socket, Task> clients = new();
    private readonly Counters counters = new();
    private readonly IdleClients idle = new();
    private readonly Task acceptLoop;
    private int disposed;

    private AdminServer(Socket listener, string path, QueryWorkers workers, AdminServerOptions options)
    {
        this.listener = listener;
        this.workers = workers;
        this.options = options;
        SocketPath = path;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The longest <see cref="DisposeAsync"/> waits for client handlers to end once their sockets are closed.</summary>
    public static TimeSpan ClientsBound { get; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Interrupts every running query and stops taking new ones, without closing the socket: the first step of
    /// the agent's exit, so no operator query holds a connection while the last events are drained.</summary>
    public void StopQueries() => workers.Stop();

    /// <summary>The path the server listens on.</summary>
    public string SocketPath { get; }

    /// <summary>The agent's shared services (event buffers, status sources).</summary>
    public TableContext Context => workers.Primary.Context;

    /// <summary>Starts listening: builds <see cref="AdminServerOptions.Workers"/> hosts with <paramref name="hostFactory"/>
    /// (all over one <see cref="TableContext"/>), binds the socket with mode 0600 and accepts clients until disposed.
    /// This is the one call <c>farquery run</c> and <c>farquery serve</c> make.</summary>
    /// <exception cref="AdminServerException">No usable socket path, or another agent already listens there.</exception>
    public static AdminServer Start(Func<SqlHost> hostFactory, AdminServerOptions? options = null)
    {
        options ??= new AdminServerOptions();
        var workers = new QueryWorkers(hostFactory, options.Workers, options.MaxClients);
        try
        {
            var (socket, path) = SocketBinder.Bind(options.SocketPath);
            return new AdminServer(socket, path, workers, options);
        }
        catch
        {
            workers.Dispose();
            throw;
        }
    }

    /// <summary>Stops accepting, closes every client, interrupts running queries and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        stopping.Cancel();

        // Running queries first: a client waiting for a long query then hears "shutting down" at once.
        workers.Stop();
        listener.Dispose();
        SocketBinder.Unlink(SocketPath);
        await acceptLoop.ConfigureAwait(false);
        foreach (var socket in clients.Keys)
        {
            socket.Dispose();
        }

        await Task.WhenAll(clients.Values).WaitAsync(ClientsBound).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        workers.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // EMFILE/ENFILE or a connection reset before accept: back off a little so a full fd table does not
                // spin a core, then keep serving.
                await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            // Counted here, before the handler starts, so "no client active" is never seen between accept and handler.
            counters.Add(ref counters.Connections);
            var active = counters.Add(ref counters.Active);
            var task = Task.Run(() => ServeAsync(client, active));
            clients[client] = task;
            _ = task.ContinueWith(_ => clients.TryRemove(client, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>The server's counters; each field is read atomically.</summary>
    /// <remarks>Fields, not properties, so <see cref="Interlocked"/> can update them in place; their meaning is that of
    /// the <see cref="AdminCounters"/> member of the same name (<c>Active</c> is <c>ClientsActive</c>).</remarks>
    internal sealed class Counters
    {
#pragma warning disable SA1401, CA1051 // Interlocked needs fields (see remarks).
        public long Connections;
        public long Active;
        public long Refused;
        public long RefusedBusy;
        public long Queries;
        public long QueryErrors;
        public long Timeouts;
        public long BadFrames;
        public long DroppedClients;
        public long Abandoned;
        public long Evicted;
        public long OverBudget;
#pragma warning restore SA1401, CA1051

        /// <summary>Adds one.</summary>
        public long Add(ref long field) => Interlocked.Increment(ref field);

        /// <summary>A snapshot for the status report.</summary>
        public AdminCounters Snapshot(QueryWorkers workers) => new()
        {
            Connections = Interlocked.Read(ref Connections),
            ClientsActive = Interlocked.Read(ref Active),
            Refused = Interlocked.Read(ref Refused),
            RefusedBusy = Interlocked.Read(ref RefusedBusy),
            Queries = Interlocked.Read(ref Queries),
            QueryErrors = Interlocked.Read(ref QueryErrors),
            Timeouts = Interlocked.Read(ref Timeouts),
            BadFrames = Interlocked.Read(ref BadFrames),
            DroppedClients = Interlocked.Read(ref DroppedClients),
            Abandoned = Interlocked.Read(ref Abandoned),
            Evicted = Interlocked.Read(ref Evicted),
            OverBudget = Interlocked.Read(ref OverBudget),
            Workers = workers.Count,
            WorkersBusy = workers.Busy,
        };
    }

    /// <summary>The most bytes of one response: the option, and never more than the memory budget's share for query
    /// results (a response is that result encoded once more).</summary>
    private int MaxResponseBytes => (int)Math.Min(options.MaxResponseBytes, Context.Budget.Results.Limit);

    /// <summary>The counters now.</summary>
    public AdminCounters Statistics => counters.Snapshot(workers);
}
