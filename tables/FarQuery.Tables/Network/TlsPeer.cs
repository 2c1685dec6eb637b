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

    /// <summary>Connects and handshakes; the leaf certificate, or null with the reason.
    /// <para>Synchronous on the caller's thread (SQLite's): the asynchronous socket and TLS calls complete on the thread
    /// pool, so a starved pool held the table past its timeout. The timeout comes from the deadline thread and, like the
    /// query's cancellation, closes the socket, which ends a blocked connect or read at once.</para></summary>
    public static X509Certificate2? Fetch(string host, int port, TimeSpan timeout, CancellationToken query, out string? error)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(query);
        using var timer = timeout > TimeSpan.Zero ? Deadline.CancelAfter(deadline, timeout) : null;
        try
        {
            using var socket = Connect(host, port, deadline.Token);
            using var abort = deadline.Token.Register(static s => ((Socket)s!).Dispose(), socket);
            using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            };
            tls.AuthenticateAsClient(options);
            error = null;
            return tls.RemoteCertificate is { } cert ? X509CertificateLoader.LoadCertificate(cert.GetRawCertData()) : null;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException
            or System.Security.Authentication.AuthenticationException or ArgumentException)
        {
            // The query's own cancellation ends the query; the timeout (the socket closed under a call) is this row's.
            query.ThrowIfCancellationRequested();
            error = deadline.IsCancellationRequested ? "timed out" : e.Message;
            return null;
        }
    }

    /// <summary>A socket connected to the first address of <paramref name="host"/> that accepts, one address family at a
    /// time (an image without IPv6 cannot make a dual-mode socket). Cancelling closes the socket being connected.</summary>
    private static Socket Connect(string host, int port, CancellationToken cancellation)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : Dns.GetHostAddresses(host);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            cancellation.ThrowIfCancellationRequested();
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using (cancellation.Register(static s => ((Socket)s!).Dispose(), socket))
            {
                try
                {
                    socket.Connect(address, port);
                    return socket;
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
