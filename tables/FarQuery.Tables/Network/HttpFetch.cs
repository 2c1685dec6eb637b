// SPDX-License-Identifier: Apache-2.0
using System.Buffers;
using System.Diagnostics;
using FarQuery.Core.Flags;

namespace FarQuery.Tables;

/// <summary>The one bounded HTTP GET the request-making tables share (curl, prometheus_metrics): one pooled client,
/// no proxy and no redirects (as osquery's curl), a deadline from the caller joined with the query's, and a body read
/// only up to a cap, so a slow or endless server costs a query at most its timeout and the cap.</summary>
internal static class HttpFetch
{
    // One client for the process: a handler per query would leave sockets in TIME_WAIT and cost a handshake each time.
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    /// <summary>What came back: the status (null when no response came), the time to the end of the body read in
    /// microseconds, the body as read (at most the cap) and the error when the request failed.</summary>
    internal sealed record Response(long? Status, long Microseconds, byte[] Body, string? Error);

    /// <summary>The timeout of --curl_timeout from the flags in force (the default without an agent).</summary>
    public static TimeSpan CurlTimeout(TableContext context) =>
        (context.Services.Get<FlagValues>() ?? FlagValues.Defaults).Seconds(FlagCatalog.CurlTimeout);

    /// <summary>GETs <paramref name="url"/>; never throws for what the network or the server does.</summary>
    public static Response Get(string url, string? userAgent, TimeSpan timeout, int maxBytes, CancellationToken query)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new Response(null, 0, [], "not an http or https url");
        }

        // The timeout from the deadline thread, not the thread pool's timer, which a starved pool would hold up.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(query);
        using var timer = timeout > TimeSpan.Zero ? Deadline.CancelAfter(deadline, timeout) : null;

        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (userAgent is not null)
            {
                request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            }

            // The synchronous Send: a table's Generate runs on SQLite's thread, which must not wait on the thread pool.
            using var response = Client.Send(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            using var stream = response.Content.ReadAsStream(deadline.Token);
            var body = ReadCapped(stream, maxBytes, deadline.Token);
            return new Response((long)response.StatusCode, Micros(clock), body, null);
        }
        catch (OperationCanceledException) when (!query.IsCancellationRequested)
        {
            return new Response(null, Micros(clock), [], $"timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or NotSupportedException)
        {
            return new Response(null, Micros(clock), [], e.InnerException?.Message ?? e.Message);
        }
    }

    private static long Micros(Stopwatch clock) => clock.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

    /// <summary>Reads at most <paramref name="maxBytes"/>: the rest of a larger body is left unread.</summary>
    private static byte[] ReadCapped(Stream stream, int maxBytes, CancellationToken cancel)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes, 64 * 1024));
        try
        {
            using var body = new MemoryStream();
            while (body.Length < maxBytes)
            {
                cancel.ThrowIfCancellationRequested();
                var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes - body.Length));
                if (n == 0)
                {
                    break;
                }

                body.Write(buffer, 0, n);
            }

            return body.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
