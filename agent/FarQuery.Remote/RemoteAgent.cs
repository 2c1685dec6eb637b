// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Secrets;
using FarQuery.Remote.Tls;

namespace FarQuery.Remote;

/// <summary>The backend side of the agent: enrolls, fetches and refreshes the config, ships logs and answers distributed
/// queries, each in its own background loop. Nothing here can stop the app, the tracer, the detections or stdout logging:
/// every failure is reported through <c>warn</c> and retried with back-off, and results wait in the log sink's bounded
/// buffer until the backend takes them.</summary>
public sealed class RemoteAgent : IDisposable
{
    private readonly Func<OsqueryConfig, OsqueryConfig> apply;
    private readonly Action<string> warn;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> loops = [];
    private long configsApplied;
    private long configFailures;

    private RemoteAgent(TlsRemoteClient client, SqlHost host, Func<OsqueryConfig, OsqueryConfig> apply, Action<string> warn)
    {
        Client = client;
        this.apply = apply;
        this.warn = warn;
        var o = client.Options;
        ApplyDump(o.Flags);
        LogSink = o.LoggerEndpoint.Length > 0 ? new TlsLogSink(client, warn, host.Budget.Logs) : null;
        Distributed = o.DistributedReadEndpoint.Length > 0 && o.DistributedWriteEndpoint.Length > 0 ? new DistributedRunner(client, host, warn) : null;
    }

    /// <summary>The request layer.</summary>
    public TlsRemoteClient Client { get; }

    /// <summary>The TLS logger (add it to the scheduler's sinks), or null without <c>--logger_tls_endpoint</c>.</summary>
    public TlsLogSink? LogSink { get; }

    /// <summary>The distributed query runner, or null without the distributed endpoints.</summary>
    public DistributedRunner? Distributed { get; }

    /// <summary>Remote configs applied.</summary>
    public long ConfigsApplied => Interlocked.Read(ref configsApplied);

    /// <summary>Config fetches or parses that failed (the previous config stayed in force).</summary>
    public long ConfigFailures => Interlocked.Read(ref configFailures);

    /// <summary>The last config error, or empty.</summary>
    public string LastConfigError { get; private set; } = "";

    /// <summary>Creates the client and sinks; no network I/O until <see cref="Start"/>. Throws
    /// <see cref="RemoteException"/> on bad TLS settings (unreadable CA bundle or client key).</summary>
    /// <param name="options">The remote flags.</param>
    /// <param name="secret">Where the enroll secret comes from.</param>
    /// <param name="host">An SQL host of its own (distributed queries and host details must not wait for the scheduler).</param>
    /// <param name="hostIdentifier">The enrollment identifier.</param>
    /// <param name="apply">Applies a fetched config (for instance through <c>QueryScheduler.Apply</c>) and returns the
    /// config then in force (the fetched one merged over the local one), whose flags tune the backend's loops.</param>
    /// <param name="warn">Where problems are reported.</param>
    public static RemoteAgent Create(RemoteOptions options, EnrollSecretSource secret, SqlHost host, string hostIdentifier,
        Func<OsqueryConfig, OsqueryConfig> apply, Action<string> warn)
    {
        var client = new TlsRemoteClient(options, secret, hostIdentifier, () => HostDetails.Collect(host), warn);
        return new RemoteAgent(client, host, apply, m => warn(client.Redact(m)));
    }

    /// <summary>Starts the loops.</summary>
    public void Start()
    {
        var token = stop.Token;
        LogSink?.Start();
        if (Client.Options.ConfigEndpoint.Length > 0)
        {
            loops.Add(Task.Run(() => ConfigLoopAsync(token)));
        }
        else
        {
            // Without a config endpoint osquery still enrolls up front, so the backend knows the host.
            loops.Add(Task.Run(() => EnrollAsync(token)));
        }

        if (Distributed is not null)
        {
            loops.Add(Task.Run(() => Distributed.RunAsync(token)));
        }
    }

    private async Task EnrollAsync(CancellationToken cancellation)
    {
        try
        {
            await Client.EnsureEnrolledAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            warn("farquery: " + e.Message);
        }
    }

    /// <summary>Fetches the config now and then every <c>--config_refresh</c> (after a failure: every
    /// <c>--config_accelerated_refresh</c>; right away after <c>node_invalid</c>, which re-enrolls).</summary>
    private async Task ConfigLoopAsync(CancellationToken cancellation)
    {
        var applied = false;
        var startupAttempts = 0;
        while (!cancellation.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await RefreshConfigAsync(cancellation).ConfigureAwait(false);
                applied = true;
                wait = Client.Options.ConfigRefresh;
                if (wait <= TimeSpan.Zero)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref configFailures);
                LastConfigError = Client.Redact(e.Message);
                warn($"farquery: remote config: {LastConfigError}{(applied ? " (the previous config stays in force)" : "")}");
                // Before the first config, retry soon a few times as osquery does (--config_tls_max_attempts, 3): a
                // transient error should not leave the task on the local config for a whole accelerated period.
                startupAttempts++;
                wait = e is NodeInvalidException ? Client.Options.BackoffUnit
                    : !applied && startupAttempts < Client.Options.ConfigMaxAttempts ? Client.Options.BackoffUnit * startupAttempts * startupAttempts
                    : Client.Options.ConfigAcceleratedRefresh;
            }

            try
            {
                await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One fetch → parse → apply. A config that does not parse or apply throws, leaving the previous one.</summary>
    public async Task RefreshConfigAsync(CancellationToken cancellation)
    {
        var text = await Client.FetchConfigAsync(cancellation).ConfigureAwait(false);
        var config = ConfigParser.Parse(text, "tls:" + Client.Options.ConfigEndpoint, null, flags: Client.Options.Flags);
        var inForce = apply(config);
        Client.Options.Tune(inForce.Flags);
        ApplyDump(inForce.Flags);
        Interlocked.Increment(ref configsApplied);
    }

    /// <summary><c>--tls_dump</c>: each exchange with the backend goes to the warning channel (stderr), redacted.</summary>
    private void ApplyDump(FarQuery.Core.Flags.FlagValues flags) =>
        Client.Options.Dump = flags.Bool(FarQuery.Core.Flags.FlagCatalog.TlsDump) ? m => warn("farquery: tls_dump: " + m) : null;

    /// <summary>Status for <c>farquery status</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Status() =>
    [
        new("tls_hostname", Client.Options.TlsHostname),
        new("enrolled", Client.NodeKey is not null),
        new("enrollments", Client.Enrollments),
        new("node_invalid", Client.Reenrollments),
        new("requests", Client.Requests),
        new("configs_applied", ConfigsApplied),
        new("config_failures", ConfigFailures),
        new("last_config_error", LastConfigError),
        new("log_pending", (long)(LogSink?.Pending ?? 0)),
        new("log_sent", LogSink?.Sent ?? 0),
        new("log_dropped", LogSink?.Dropped ?? 0),
        new("log_send_failures", LogSink?.Failures ?? 0),
        new("distributed_answered", Distributed?.Answered ?? 0),
    ];

    /// <inheritdoc/>
    public void Dispose()
    {
        stop.Cancel();
        try
        {
            Task.WaitAll([.. loops], TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // Loops end by cancellation.
        }

        Client.Dispose();
        stop.Dispose();
    }
}
