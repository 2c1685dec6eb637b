// SPDX-License-Identifier: Apache-2.0
using NATS.Client.Core;

namespace FarQuery.Response;

/// <summary>Publishes each alert as JSON on <c>&lt;prefix&gt;.&lt;priority&gt;.&lt;rule_slug&gt;</c>
/// (<c>farquery.error.write_below_etc</c>). The NATS client reconnects by itself; while the broker is away the alerts
/// wait in <see cref="AlertOutput"/>'s bounded buffer, not in the client's.</summary>
public sealed class NatsOutput(string name, NatsOutputOptions options, AlertFilter filter, Action<string> warn)
    : AlertOutput(name, filter, options.Buffer, warn)
{
    private readonly NatsConnection connection = Connect(options);
    private readonly string prefix = options.SubjectPrefix;

    /// <inheritdoc/>
    protected override async Task SendAsync(Alert alert, CancellationToken cancellation)
    {
        if (connection.ConnectionState != NatsConnectionState.Open)
        {
            await connection.ConnectAsync().ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        await connection.PublishAsync(alert.Subject(prefix), AlertJson.Generic(alert), cancellationToken: timeout.Token).ConfigureAwait(false);

        // Publishing only queues the message in the client; a PING round trip proves the broker has it.
        await connection.PingAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override void DisposeCore() => connection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(1));

    /// <summary>The client; no network I/O beyond a connection attempt in the background.</summary>
    private static NatsConnection Connect(NatsOutputOptions options)
    {
        var auth = NatsAuthOpts.Default;
        if (options.Token is { Length: > 0 } token)
        {
            auth = auth with { Token = token };
        }

        if (options.User is { Length: > 0 } user)
        {
            auth = auth with { Username = user, Password = options.Password };
        }

        var tls = NatsTlsOpts.Default;
        if (options.CaFile is { Length: > 0 } ca)
        {
            tls = tls with { CaFile = ca, Mode = TlsMode.Require };
        }

        var connection = new NatsConnection(NatsOpts.Default with
        {
            Url = options.Url,
            Name = "farquery",
            AuthOpts = auth,
            TlsOpts = tls,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            CommandTimeout = TimeSpan.FromSeconds(2),

            // The agent's own buffer holds alerts while the broker is away; the client must not hold a second copy.
            RetryOnInitialConnect = false,
        });

        // Connected ahead of the first alert, so it does not pay the handshake; a broker that is away now is retried
        // when an alert comes (its failure here is expected and not reported twice).
        _ = connection.ConnectAsync().AsTask().ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        return connection;
    }
}

/// <summary>Settings of a NATS output.</summary>
public sealed record NatsOutputOptions
{
    /// <summary>The broker (<c>nats://host:4222</c>, <c>tls://host:4222</c>).</summary>
    public required string Url { get; init; }

    /// <summary>First subject token.</summary>
    public string SubjectPrefix { get; init; } = "farquery";

    /// <summary>Token authentication.</summary>
    public string? Token { get; init; }

    /// <summary>User for user/password authentication.</summary>
    public string? User { get; init; }

    /// <summary>Password for <see cref="User"/>.</summary>
    public string? Password { get; init; }

    /// <summary>CA bundle for a TLS broker (default: the system store).</summary>
    public string? CaFile { get; init; }

    /// <summary>Alerts buffered while the broker is away.</summary>
    public int Buffer { get; init; } = 10_000;
}
