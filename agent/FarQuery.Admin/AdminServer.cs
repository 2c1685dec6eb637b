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
            counters.Update(c => ++c.Connections);
            var active = counters.Update(c => ++c.ClientsActive);
            var task = Task.Run(() => ServeAsync(client, active));
            clients[client] = task;
            _ = task.ContinueWith(_ => clients.TryRemove(client, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>The server's counters: one <see cref="AdminCounters"/> changed under a lock, so the status report's
    /// snapshot is a consistent copy and the counter set is declared once, in the protocol. Counted events are per
    /// connection or query, so the lock is never hot.</summary>
    internal sealed class Counters
    {
        private readonly Lock gate = new();
        private readonly AdminCounters values = new();

        /// <summary>Applies one change (<c>c =&gt; ++c.Queries</c>) and returns the counter's new value.</summary>
        public long Update(Func<AdminCounters, long> change)
        {
            lock (gate)
            {
                return change(values);
            }
        }

        /// <summary>A snapshot for the status report.</summary>
        public AdminCounters Snapshot(QueryWorkers workers, IdleClients idle)
        {
            AdminCounters copy;
            lock (gate)
            {
                copy = values.Copy();
            }

            copy.Workers = workers.Count;
            copy.WorkersBusy = workers.Busy;
            copy.ClientsIdle = idle.Count;
            return copy;
        }
    }

    /// <summary>The most bytes of one response: the option, and never more than the memory budget's share for query
    /// results (a response is that result encoded once more).</summary>
    private int MaxResponseBytes => (int)Math.Min(options.MaxResponseBytes, Context.Budget.Results.Limit);

    /// <summary>The counters now.</summary>
    public AdminCounters Statistics => counters.Snapshot(workers, idle);
}
