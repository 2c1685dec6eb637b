// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Admin;

/// <summary>Limits and the socket path of an <see cref="AdminServer"/>; the defaults suit a small Fargate task.</summary>
public sealed class AdminServerOptions
{
    /// <summary>The socket path; null picks <see cref="AdminSocketPath.ForServer"/> (FARQUERY_SOCKET, /var/run, then a
    /// per-user fallback).</summary>
    public string? SocketPath { get; set; }

    /// <summary>Time limit of a query when the client asks for none (10 s).</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most a client may ask for.</summary>
    public TimeSpan MaxQueryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most rows in one result; past it the query stops with an error.</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Most bytes in one response frame; a larger result is replaced by an error.</summary>
    public int MaxResponseBytes { get; set; } = 16 << 20;

    /// <summary>Most bytes in one request frame; a larger length prefix closes the connection.</summary>
    public int MaxRequestBytes { get; set; } = 1 << 20;

    /// <summary>SQL hosts, each on its own thread, so a slow query holds one and the others keep serving.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Most clients connected at once; more are told the server is busy.</summary>
    public int MaxClients { get; set; } = 64;

    /// <summary>Time a client has to read its response before it is dropped.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a client has to send the rest of a frame once its first byte arrived.</summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a new client has to send its first complete request; past it the connection is closed.</summary>
    public TimeSpan FirstRequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a connected client may stay silent between requests (an idle shell keeps its connection this long,
    /// and gives its slot to a newcomer when every slot is taken).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
