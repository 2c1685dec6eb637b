// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Secrets;

namespace FarQuery.Remote.Tls;

/// <summary>The request layer of osquery's TLS remote API: enrollment (with osquery's <c>step²</c> back-off), the node
/// key on every request, <c>node_invalid</c> → forget the key → the next request enrolls again, and the four endpoint
/// calls. Errors are <see cref="RemoteException"/>s whose messages never hold the enroll secret.</summary>
public sealed class TlsRemoteClient : IDisposable
{
    private readonly RemoteOptions options;
    private readonly EnrollSecretSource secretSource;
    private readonly Func<Dictionary<string, Dictionary<string, string>>> hostDetails;
    private readonly Action<string> warn;
    private readonly TlsTransport transport;
    private readonly NodeKeyStore keys;
    private readonly SemaphoreSlim enrollGate = new(1, 1);
    private EnrollSecret? secret;
    private long enrollments;
    private long reenrollments;
    private long enrollFailures;

    /// <summary>Creates the client (no network I/O until the first request).</summary>
    /// <param name="options">Remote flags.</param>
    /// <param name="secretSource">Where the enroll secret comes from; resolved at the first enrollment.</param>
    /// <param name="hostIdentifier">The <c>host_identifier</c> sent at enrollment.</param>
    /// <param name="hostDetails">Builds <c>host_details</c> (the first row of os_version, osquery_info, system_info,
    /// platform_info).</param>
    /// <param name="warn">Where problems are reported (never with the secret in them).</param>
    public TlsRemoteClient(RemoteOptions options, EnrollSecretSource secretSource, string hostIdentifier,
        Func<Dictionary<string, Dictionary<string, string>>> hostDetails, Action<string> warn)
    {
        this.options = options;
        this.secretSource = secretSource;
        this.hostDetails = hostDetails;
        this.warn = m => warn(Redact(m));
        HostIdentifier = hostIdentifier;
        transport = new TlsTransport(options, Redact);
        keys = new NodeKeyStore(options.NodeKeyPath, this.warn);
        keys.Load(options.EnrollAlways);
    }

    /// <summary>The identifier sent at enrollment.</summary>
    public string HostIdentifier { get; }

    /// <summary>The current node key, or null while not enrolled.</summary>
    public string? NodeKey => keys.Current;

    /// <summary>Successful enrollments.</summary>
    public long Enrollments => Interlocked.Read(ref enrollments);

    /// <summary>Failed enrollment attempts.</summary>
    public long EnrollFailures => Interlocked.Read(ref enrollFailures);

    /// <summary>Node keys the server declared invalid.</summary>
    public long Reenrollments => Interlocked.Read(ref reenrollments);

    /// <summary>Requests sent, enrollments included.</summary>
    public long Requests => transport.Requests;

    /// <summary>The options (runtime-tunable ones may change with the config).</summary>
    public RemoteOptions Options => options;

    /// <summary>Scrubs the enroll secret from a text.</summary>
    public string Redact(string text) => BackendText.Clean(secret?.Redact(text) ?? text);

    /// <summary>Returns the node key, enrolling first if there is none. Enrollment retries up to
    /// <c>--tls_enroll_max_attempts</c> times with a <c>min(step², --tls_enroll_max_interval)</c> back-off.</summary>
    public async Task<string> EnsureEnrolledAsync(CancellationToken cancellation)
    {
        if (keys.Current is { } current)
        {
            return current;
        }

        await enrollGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (keys.Current is { } raced)
            {
                return raced;
            }

            for (var step = 1; ; step++)
            {
                try
                {
                    var key = await EnrollOnceAsync(cancellation).ConfigureAwait(false);
                    keys.Set(key);
                    Interlocked.Increment(ref enrollments);
                    return key;
                }
                catch (Exception e) when (e is RemoteException or EnrollSecretException)
                {
                    Interlocked.Increment(ref enrollFailures);
                    if (e is EnrollSecretException { Retryable: false } || (options.EnrollMaxAttempts > 0 && step >= options.EnrollMaxAttempts))
                    {
                        throw new RemoteException($"enrollment failed after {step} attempt(s): {Redact(e.Message)}", e);
                    }

                    var delay = TimeSpan.FromTicks(Math.Min(options.BackoffUnit.Ticks * step * step, options.EnrollMaxInterval.Ticks));
                    warn($"farquery: enrollment failed: {e.Message} (attempt {step}, retrying in {delay.TotalSeconds:0.#}s)");
                    await Task.Delay(delay, cancellation).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            enrollGate.Release();
        }
    }

    private async Task<string> EnrollOnceAsync(CancellationToken cancellation)
    {
        secret ??= await secretSource.ResolveAsync(warn, cancellation).ConfigureAwait(false);
        Dictionary<string, Dictionary<string, string>> details;
        try
        {
            details = hostDetails();
        }
        catch (Exception e)
        {
            // Host details are informative; enrolling without them beats not enrolling.
            warn("farquery: host details for enrollment are incomplete: " + e.Message);
            details = [];
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new EnrollRequest
        {
            EnrollSecret = secret.Reveal(),
            HostIdentifier = HostIdentifier,
            HostDetails = details,
        }, RemoteJsonContext.Default.EnrollRequest);
        using var doc = await transport.PostAsync(options.EnrollEndpoint, body, null, false, cancellation).ConfigureAwait(false);
        var root = doc.RootElement;
        // osquery accepts "id" when "node_key" is absent (docs/osquery-compat.md §2.2).
        var key = (root.TryGetProperty("node_key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null)
            ?? (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null);
        if (string.IsNullOrEmpty(key))
        {
            throw new RemoteException($"{options.EnrollEndpoint}: the enroll response has no node_key");
        }

        return key;
    }

    /// <summary>POSTs a body built for the current node key; on <c>node_invalid</c> forgets the key (unless
    /// <c>--disable_reenrollment</c>) so the next call enrolls again.</summary>
    internal async Task<JsonDocument> PostAsync(string endpoint, Func<string, byte[]> body, bool gzip, CancellationToken cancellation)
    {
        var key = await EnsureEnrolledAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await transport.PostAsync(endpoint, body(key), key, gzip, cancellation).ConfigureAwait(false);
        }
        catch (NodeInvalidException)
        {
            if (!options.DisableReenrollment && keys.Clear(key))
            {
                Interlocked.Increment(ref reenrollments);
            }

            throw;
        }
    }

    /// <summary>POSTs a body that carries no node key (carve blocks, which the server checks by session id).</summary>
    internal Task<JsonDocument> PostWithoutNodeKeyAsync(string endpoint, byte[] body, CancellationToken cancellation) =>
        transport.PostAsync(endpoint, body, null, false, cancellation);

    /// <summary>Fetches the config (docs/osquery-compat.md §2.3): the response object is the config itself.</summary>
    public async Task<string> FetchConfigAsync(CancellationToken cancellation)
    {
        using var doc = await PostAsync(options.ConfigEndpoint, NodeKeyBody, false, cancellation).ConfigureAwait(false);
        return doc.RootElement.GetRawText();
    }

    /// <summary>Sends one batch of log lines of one <c>log_type</c> (each line is already a JSON object).</summary>
    public async Task SendLogsAsync(string logType, IReadOnlyList<string> lines, CancellationToken cancellation)
    {
        using var doc = await PostAsync(options.LoggerEndpoint, key => LogBody(key, logType, lines), options.LoggerCompress, cancellation).ConfigureAwait(false);
    }

    /// <summary>Asks for distributed work; the caller owns the returned document.</summary>
    public Task<JsonDocument> ReadDistributedAsync(CancellationToken cancellation) =>
        PostAsync(options.DistributedReadEndpoint, NodeKeyBody, false, cancellation);

    /// <summary>Sends distributed results.</summary>
    internal async Task WriteDistributedAsync(Func<string, DistributedWriteRequest> results, CancellationToken cancellation)
    {
        using var doc = await PostAsync(options.DistributedWriteEndpoint,
            key => JsonSerializer.SerializeToUtf8Bytes(results(key), RemoteJsonContext.Default.DistributedWriteRequest), false, cancellation).ConfigureAwait(false);
    }

    private static byte[] NodeKeyBody(string key) => JsonSerializer.SerializeToUtf8Bytes(new NodeKeyRequest { NodeKey = key }, RemoteJsonContext.Default.NodeKeyRequest);

    /// <summary><c>{"node_key":…,"log_type":…,"data":[line, …]}</c> with each line embedded as raw JSON (the lines are
    /// validated when buffered).</summary>
    internal static byte[] LogBody(string key, string logType, IReadOnlyList<string> lines)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("node_key", key);
            json.WriteString("log_type", logType);
            json.WriteStartArray("data");
            foreach (var line in lines)
            {
                json.WriteRawValue(line, skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        transport.Dispose();
        enrollGate.Dispose();
    }
}
