// SPDX-License-Identifier: Apache-2.0
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace FarQuery.Remote.Tls;

/// <summary>The transport layer of the remote client (docs/conventions.md §18): one <see cref="HttpClient"/> on a
/// <see cref="SocketsHttpHandler"/>, HTTPS only, the server verified against <c>--tls_server_certs</c> or the system
/// store, an optional client certificate, osquery's headers, a timeout and capped redirects. Like osquery
/// (docs/osquery-compat.md §2.1) it ignores the HTTP status: the body is parsed as JSON, an unparsable body is a failure,
/// <c>"node_invalid": true</c> and a top-level <c>"error"</c> are failures.</summary>
internal sealed class TlsTransport : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private readonly HttpClient client;
    private readonly RemoteOptions options;
    private readonly Func<string, string> redact;
    private readonly X509Certificate2Collection trusted = [];
    private readonly X509Certificate2? clientCertificate;

    /// <summary>Builds the client; throws <see cref="RemoteException"/> when the CA bundle or client certificate cannot be
    /// loaded (a configuration error the operator must see).</summary>
    public TlsTransport(RemoteOptions options, Func<string, string> redact)
    {
        this.options = options;
        this.redact = redact;
        if (options.TlsHostname.Contains("://", StringComparison.Ordinal))
        {
            throw new RemoteException($"--tls_hostname must be host[:port] without a scheme, not '{options.TlsHostname}'");
        }

        var ssl = new SslClientAuthenticationOptions
        {
            // osquery documents TLS 1.2; 1.3 is allowed too since every current server offers it.
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (options.ServerCertsPath is not null)
        {
            try
            {
                trusted.ImportFromPem(BoundedFile.ReadAllText(options.ServerCertsPath));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new RemoteException($"cannot load --tls_server_certs {options.ServerCertsPath}: {e.Message}", e);
            }

            if (trusted.Count == 0)
            {
                throw new RemoteException($"--tls_server_certs {options.ServerCertsPath} holds no PEM certificate");
            }

            // Only the configured CAs anchor the chain (as osquery's CA file does); the host name is still checked by
            // SslStream against the certificate's subjectAltName.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(trusted);
            ssl.CertificateChainPolicy = policy;
        }

        if (options.ClientCertPath is not null)
        {
            try
            {
                var certPem = BoundedFile.ReadAllText(options.ClientCertPath, BoundedFile.FlagFileMaxBytes);
                clientCertificate = X509Certificate2.CreateFromPem(certPem, options.ClientKeyPath is null ? certPem : BoundedFile.ReadAllText(options.ClientKeyPath, BoundedFile.FlagFileMaxBytes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new RemoteException($"cannot load --tls_client_cert/--tls_client_key: {e.Message}", e);
            }

            ssl.ClientCertificates = [clientCertificate];
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        var handler = new SocketsHttpHandler
        {
            SslOptions = ssl,
            ConnectTimeout = options.Timeout,
            AllowAutoRedirect = options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
            AutomaticDecompression = DecompressionMethods.None,
            // A replaced server (new IP behind the same name) is picked up without restarting the task.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxResponseHeadersLength = 64,
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        client.DefaultRequestHeaders.Accept.Add(Json);
    }

    /// <summary>Requests sent (status).</summary>
    public long Requests => Interlocked.Read(ref requests);

    private long requests;

    /// <summary>POSTs <paramref name="body"/> to <paramref name="endpoint"/> and returns the parsed response object.</summary>
    public async Task<JsonDocument> PostAsync(string endpoint, byte[] body, string? nodeKey, bool gzip, CancellationToken cancellation)
    {
        var uri = new Uri("https://" + options.TlsHostname + (endpoint.StartsWith('/') ? endpoint : "/" + endpoint));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(options.Timeout);
        byte[] payload = gzip ? Gzip(body) : body;
        byte[] response;
        HttpStatusCode status;
        try
        {
            try
            {
                (status, response) = await SendAsync(uri, payload, nodeKey, gzip, timeout.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError && e.StatusCode is null)
            {
                // The connection closed before any response (seen with single-threaded HTTP/1.0 servers such as osquery's
                // Python test server under concurrent requests): one immediate retry on a fresh connection, as a browser
                // does. A log batch may then arrive twice, which osquery's at-least-once logging allows.
                (status, response) = await SendAsync(uri, payload, nodeKey, gzip, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            throw new RemoteException($"{endpoint}: no answer within {options.Timeout.TotalSeconds:0}s", e);
        }
        catch (HttpRequestException e)
        {
            throw new RemoteException($"{endpoint}: {redact(Describe(e))}", e);
        }

        if (options.Dump is { } dump)
        {
            // The enroll answer carries the new node key before the client knows to redact it: its body is left out.
            var shown = endpoint == options.EnrollEndpoint ? $"({response.Length} bytes)" : redact(System.Text.Encoding.UTF8.GetString(response));
            dump($"POST {endpoint} ({payload.Length} bytes{(gzip ? ", gzip" : "")}) -> HTTP {(int)status}: {shown}");
        }

        return Parse(endpoint, status, response);
    }

    private async Task<(HttpStatusCode, byte[])> SendAsync(Uri uri, byte[] payload, string? nodeKey, bool gzip, CancellationToken cancellation)
    {
        Interlocked.Increment(ref requests);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        if (nodeKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "NodeKey " + nodeKey);
        }

        using var reply = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
        return (reply.StatusCode, await ReadLimitedAsync(reply.Content, cancellation).ConfigureAwait(false));
    }

    /// <summary>osquery's reading of a response: any status, a JSON object, <c>node_invalid</c>, <c>error</c>.</summary>
    private JsonDocument Parse(string endpoint, HttpStatusCode status, byte[] response)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(response);
        }
        catch (JsonException)
        {
            throw new RemoteException($"{endpoint}: the response (HTTP {(int)status}, {response.Length} bytes) is not JSON");
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new RemoteException($"{endpoint}: the response (HTTP {(int)status}) is not a JSON object");
        }

        if (doc.RootElement.TryGetProperty("node_invalid", out var invalid) && invalid.ValueKind == JsonValueKind.True)
        {
            var why = ErrorText(doc.RootElement);
            doc.Dispose();
            throw new NodeInvalidException($"{endpoint}: node_invalid (HTTP {(int)status}){(why.Length > 0 ? ": " + redact(why) : "")}");
        }

        if (doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            var why = error.GetString() ?? "";
            doc.Dispose();
            throw new RemoteException($"{endpoint}: server error (HTTP {(int)status}): {redact(why)}");
        }

        return doc;
    }

    private static string ErrorText(JsonElement root) =>
        root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : "";

    /// <summary>The innermost useful message: a certificate rejection is reported by the SslStream inside.</summary>
    private static string Describe(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += " (" + inner.Message + ")";
        }

        return text;
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellation)
    {
        if (content.Headers.ContentLength > options.MaxResponseBytes)
        {
            throw new RemoteException($"the response is larger than {options.MaxResponseBytes} bytes");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > options.MaxResponseBytes)
            {
                throw new RemoteException($"the response is larger than {options.MaxResponseBytes} bytes");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(body);
        }

        return output.ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        client.Dispose();
        clientCertificate?.Dispose();
        foreach (var c in trusted)
        {
            c.Dispose();
        }
    }
}
