// SPDX-License-Identifier: Apache-2.0
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FarQuery.Response;

/// <summary>POSTs each alert to a URL, as FarQuery's JSON or as a Slack-compatible message. A 2xx answer delivers it;
/// a 5xx, 408, 429 or a network error keeps it for a retry with back-off; any other 4xx refuses it (counted as failed).
/// TLS is verified, against the system store or the output's own CA bundle.</summary>
public sealed class WebhookOutput : AlertOutput
{
    private readonly HttpClient client;
    private readonly WebhookOutputOptions options;

    /// <summary>Creates the output.</summary>
    public WebhookOutput(string name, WebhookOutputOptions options, AlertFilter filter, Action<string> warn)
        : base(name, filter, options.Buffer, warn)
    {
        this.options = options;
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) };
        if (options.CaFile is { Length: > 0 } caFile)
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(caFile);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, trusted),
            };
        }

        client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <inheritdoc/>
    protected override async Task SendAsync(Alert alert, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = new ByteArrayContent(options.Slack ? AlertJson.Slack(alert) : AlertJson.Generic(alert)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (header, value) in options.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await client.SendAsync(request, cancellation).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return;
        }

        var why = $"{options.SafeUrl}: HTTP {status}";
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException(why);
        }

        throw new AlertRejectedException(why);
    }

    /// <inheritdoc/>
    protected override void DisposeCore() => client.Dispose();

    // A chain to one of the output's own CAs (the host name still has to match: only chain errors are re-checked).
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}

/// <summary>Settings of a webhook output.</summary>
public sealed record WebhookOutputOptions
{
    /// <summary>Where alerts are POSTed (https, or http on loopback).</summary>
    public required Uri Url { get; init; }

    /// <summary>Send Slack's <c>text</c> + blocks body instead of FarQuery's JSON.</summary>
    public bool Slack { get; init; }

    /// <summary>Headers added to every request (secret ones already resolved).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>CA bundle the receiver's certificate must chain to (default: the system store).</summary>
    public string? CaFile { get; init; }

    /// <summary>Alerts buffered while the receiver is away.</summary>
    public int Buffer { get; init; } = 1_000;

    /// <summary>The URL without its path and query (Slack's webhook path is itself a secret), for messages.</summary>
    public string SafeUrl => Url.GetLeftPart(UriPartial.Authority);
}
