// SPDX-License-Identifier: Apache-2.0
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace FarQuery.Tables;

/// <summary>The certificate a TLS server presents, read with one handshake (no request is sent). The certificate is
/// accepted whatever it is: curl_certificate reports it, it does not trust it. Bounded by a timeout joined with the
/// query's deadline; never throws for what the network or the server does.</summary>
internal static class TlsPeer
{
    /// <summary>Splits <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>; the port is 443 when none is given.</summary>
    public static bool TrySplit(string hostname, out string host, out int port)
    {
        host = hostname;
        port = 443;
        var colon = hostname.LastIndexOf(':');
        if (hostname.StartsWith('['))
        {
            var close = hostname.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = hostname[1..close];
            return close == hostname.Length - 1 || (hostname[close + 1] == ':' && ParsePort(hostname[(close + 2)..], out port));
        }

        // Two colons and no brackets: a bare IPv6 address.
        if (colon > 0 && hostname.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            host = hostname[..colon];
            return ParsePort(hostname[(colon + 1)..], out port);
        }

        return host.Length > 0;
    }

    private static bool ParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;

    /// <summary>Connects and handshakes; the leaf certificate, or null with the reason.</summary>
    public static X509Certificate2? Fetch(string host, int port, TimeSpan timeout, CancellationToken query, out string? error)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(query);
        if (timeout > TimeSpan.Zero)
        {
            deadline.CancelAfter(timeout);
        }

        try
        {
            using var tcp = new TcpClient();
            tcp.ConnectAsync(host, port, deadline.Token).AsTask().GetAwaiter().GetResult();
            using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            };
            tls.AuthenticateAsClientAsync(options, deadline.Token).GetAwaiter().GetResult();
            error = null;
            return tls.RemoteCertificate is { } cert ? X509CertificateLoader.LoadCertificate(cert.GetRawCertData()) : null;
        }
        catch (OperationCanceledException) when (!query.IsCancellationRequested)
        {
            error = "timed out";
            return null;
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException or ArgumentException)
        {
            error = e.Message;
            return null;
        }
    }
}
