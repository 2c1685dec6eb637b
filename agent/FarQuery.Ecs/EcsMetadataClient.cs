// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Globalization;
using System.Net;
using FarQuery.Core;

namespace FarQuery.Ecs;

/// <summary>Reads the ECS task metadata endpoint (v4, falling back to v3; docs/ecs-and-ssm.md §1–§2) for the ECS tables and the
/// result-log decorations. One <see cref="HttpClient"/> on a <see cref="SocketsHttpHandler"/>, short timeouts, a few
/// retries on transient failures, and a cache per document: <c>/task</c> is refreshed every few seconds because it
/// carries the status, the own container and the tags only every few minutes. When a refresh fails the last good
/// document is still served (marked stale), so a hiccup of the endpoint does not blank the task context. Never throws
/// for endpoint errors: every result carries the error text, and <see cref="Status"/> says what happened last.</summary>
public sealed class EcsMetadataClient : IDisposable
{
    private readonly HttpClient? http;
    private readonly EcsClientOptions options;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly Slot<EcsTask> task = new("/task");
    private readonly Slot<EcsTask> taskWithTags = new("/taskWithTags");
    private readonly Slot<EcsContainer> self = new("");
    private readonly Slot<IReadOnlyList<EcsContainerStats>> taskStats = new("/task/stats");
    private readonly Slot<EcsContainerStats> selfStats = new("/stats");
    private EcsClientStatus status;
    private long failures;
    private long requests;
    private bool tagsUnsupported;

    /// <summary>Creates a client for an endpoint.</summary>
    /// <param name="endpoint">Where to ask; an unavailable endpoint makes every call return its reason.</param>
    /// <param name="options">Timeouts, retries and cache ages; defaults suit the link-local endpoint.</param>
    /// <param name="time">Clock for the cache ages (tests move it).</param>
    public EcsMetadataClient(EcsEndpoint endpoint, EcsClientOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        this.options = options ?? new EcsClientOptions();
        this.time = time ?? TimeProvider.System;
        status = new EcsClientStatus(false, endpoint.IsAvailable ? endpoint.Reason + "; not queried yet" : endpoint.Reason, 0);
        if (!endpoint.IsAvailable)
        {
            return;
        }

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = this.options.ConnectTimeout,

            // The endpoint is link-local; a proxy from HTTP_PROXY could not reach it (the AWS SDK bypasses proxies too).
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = this.options.RequestTimeout,
            MaxResponseContentBufferSize = this.options.MaxResponseBytes,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("farquery");
    }

    /// <summary>The endpoint this client reads.</summary>
    public EcsEndpoint Endpoint { get; }

    /// <summary>What the client did last, or why it cannot work.</summary>
    /// <remarks>Read without the fetch lock, so a status reader never waits for a fetch in progress.</remarks>
    public EcsClientStatus Status => Volatile.Read(ref status);

    /// <summary>HTTP requests sent so far, retries included.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>A client for the endpoint named by the environment (<see cref="EcsEndpoint.FromEnvironment"/>).</summary>
    public static EcsMetadataClient FromEnvironment(Func<string, string?>? getVariable = null, EcsClientOptions? options = null) =>
        new(EcsEndpoint.FromEnvironment(getVariable), options);

    /// <summary>The task document (<c>/task</c>). With <paramref name="withTags"/>, the task and container-instance tags
    /// and tag errors of <c>/taskWithTags</c> are added; that path makes the agent call ListTagsForResource, so it is
    /// cached as long as the other facts, and remembered as unsupported after a 404 (it is documented for EC2 only).</summary>
    public EcsResult<EcsTask> GetTask(bool withTags = false, CancellationToken cancellationToken = default)
    {
        var result = Get(task, options.TaskMaxAge, EcsMetadataParser.TryParseTask, cancellationToken);
        if (!withTags || result.Value is null)
        {
            return result;
        }

        lock (gate)
        {
            if (tagsUnsupported)
            {
                return result;
            }
        }

        var tags = Get(taskWithTags, options.FactsMaxAge, EcsMetadataParser.TryParseTask, cancellationToken);
        if (tags.Value is not { } t)
        {
            return result;
        }

        return result with
        {
            Value = result.Value with
            {
                TaskTagsJson = t.TaskTagsJson,
                ContainerInstanceTagsJson = t.ContainerInstanceTagsJson,
                ErrorsJson = t.ErrorsJson,
            },
        };
    }

    /// <summary>The document of the container FarQuery runs in (<c>${uri}</c>).</summary>
    public EcsResult<EcsContainer> GetContainer(CancellationToken cancellationToken = default) =>
        Get(self, options.FactsMaxAge, EcsMetadataParser.TryParseContainer, cancellationToken);

    /// <summary>Stats of every container of the task (<c>/task/stats</c>).</summary>
    public EcsResult<IReadOnlyList<EcsContainerStats>> GetTaskStats(CancellationToken cancellationToken = default) =>
        Get(taskStats, options.StatsMaxAge, EcsStatsParser.TryParseTaskStats, cancellationToken);

    /// <summary>Stats of the container FarQuery runs in (<c>/stats</c>).</summary>
    public EcsResult<EcsContainerStats> GetContainerStats(CancellationToken cancellationToken = default) =>
        Get(selfStats, options.StatsMaxAge, EcsStatsParser.TryParseContainerStats, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => http?.Dispose();

    private EcsResult<T> Get<T>(Slot<T> slot, TimeSpan maxAge, ParseBody<T> parse, CancellationToken cancellationToken)
        where T : class
    {
        if (http is null || Endpoint.BaseUrl is null)
        {
            return new EcsResult<T>(null, Endpoint.Reason);
        }

        // One fetch at a time: concurrent queries then share one response instead of all asking the endpoint at once.
        lock (gate)
        {
            var now = time.GetTimestamp();
            if (slot.Value is not null && slot.Error is null && time.GetElapsedTime(slot.FetchedAt, now) < maxAge)
            {
                return new EcsResult<T>(slot.Value, null);
            }

            // A failing endpoint is not asked again for a moment, so that a run of queries does not each wait out
            // the timeouts and retries.
            if (slot.Error is not null && time.GetElapsedTime(slot.FailedAt, now) < options.RetryFailedAfter)
            {
                return new EcsResult<T>(slot.Value, slot.Error);
            }

            var url = Endpoint.BaseUrl + slot.Suffix;
            if (TryFetch(url, cancellationToken, out var body, out var statusCode, out var error)
                && parse(body, out var value, out error))
            {
                slot.Value = value;
                slot.FetchedAt = now;
                slot.Error = null;
                Volatile.Write(ref status, new EcsClientStatus(true, $"ok: GET {url} ({Endpoint.Reason})", failures));
                return new EcsResult<T>(value, null);
            }

            error = $"GET {url}: {error}";
            if (statusCode == (int)HttpStatusCode.NotFound && ReferenceEquals(slot, taskWithTags))
            {
                // Expected where the platform lacks the path (Fargate documents only /task): not a failure of the
                // endpoint, so neither the status nor the failure count changes.
                tagsUnsupported = true;
                slot.Error = error;
                slot.FailedAt = now;
                return new EcsResult<T>(null, error);
            }

            failures++;
            if (slot.Value is not null)
            {
                error += $" (serving the document fetched {time.GetElapsedTime(slot.FetchedAt, now).TotalSeconds:0} s ago)";
            }

            slot.Error = error;
            slot.FailedAt = now;
            Volatile.Write(ref status, new EcsClientStatus(false, error, failures));
            return new EcsResult<T>(slot.Value, error);
        }
    }

    /// <summary>GETs a URL with retries. Retried: timeouts, connection failures and 5xx (the agent answers 500 while it
    /// is still gathering data); not retried: other statuses, which will not change by asking again.</summary>
    private bool TryFetch(string url, CancellationToken cancellationToken, out byte[] body, out int statusCode, out string error)
    {
        body = [];
        statusCode = 0;
        error = "";
        var attempts = Math.Max(1, options.Attempts);
        for (var attempt = 1; ; attempt++)
        {
            bool transient;
            Interlocked.Increment(ref requests);
            var started = time.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);

                // The request's timeout from the deadline thread: HttpClient's own is a thread-pool timer, which a
                // starved pool holds up while a table waits here on SQLite's thread (docs/tables-and-paths.md, "Time
                // limits"). The client's timeout stays as the backstop.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using var timer = options.RequestTimeout > TimeSpan.Zero ? Deadline.CancelAfter(timeout, options.RequestTimeout) : null;

                // ResponseContentRead buffers the body under the timeout, so a server that stalls mid-body times out
                // too (a synchronous read of an unbuffered stream would not observe it).
                using var response = http!.Send(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                statusCode = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    using var stream = response.Content.ReadAsStream(timeout.Token);
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    body = copy.ToArray();
                    return true;
                }

                error = $"HTTP {statusCode.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}".TrimEnd() + Snippet(response);
                transient = statusCode >= 500;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = TimeoutMessage();
                transient = true;
            }
            catch (HttpRequestException e)
            {
                error = e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} {inner.Message}" : e.Message;
                transient = true;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
            {
                // The synchronous connect path aborts a pending connect by disposing its socket when the timeout fires,
                // which can surface as ObjectDisposedException rather than a cancellation.
                error = time.GetElapsedTime(started) >= options.RequestTimeout ? TimeoutMessage() : $"request aborted ({e.GetType().Name}: {e.Message})";
                transient = true;
            }

            if (!transient || attempt >= attempts)
            {
                if (attempt > 1)
                {
                    error += $" (after {attempt.ToString(CultureInfo.InvariantCulture)} attempts)";
                }

                return false;
            }

            // A short backoff: the endpoint is local, so a longer wait only delays the query.
            var delay = options.RetryDelay * Math.Pow(2, attempt - 1);
            if (delay > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(delay))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Debug.Assert(attempt < attempts, "the loop ends at the last attempt");
        }
    }

    /// <summary>The start of an error body (the agent explains its 4xx/5xx in it), on one line, or "".</summary>
    private static string Snippet(HttpResponseMessage response)
    {
        const int Max = 200;
        using var stream = response.Content.ReadAsStream();
        var buffer = new byte[Max];
        var length = stream.ReadAtLeast(buffer, Max, throwOnEndOfStream: false);
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, length).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "" : ": " + text + (length == Max ? "…" : "");
    }

    private string TimeoutMessage() =>
        $"no response within {options.RequestTimeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";

    /// <summary>Parses a response body.</summary>
    private delegate bool ParseBody<T>(ReadOnlySpan<byte> json, out T? value, out string error)
        where T : class;

    /// <summary>The cached document of one path.</summary>
    private sealed class Slot<T>(string suffix)
        where T : class
    {
        public string Suffix { get; } = suffix;

        public T? Value { get; set; }

        public long FetchedAt { get; set; }

        public string? Error { get; set; }

        public long FailedAt { get; set; }
    }
}
