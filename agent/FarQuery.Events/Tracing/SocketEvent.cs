// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>One socket event: connect, bind, listen, accept, or socket (AF_PACKET only).</summary>
public sealed record SocketEvent : TraceEvent
{
    /// <summary>connect, bind, listen, accept, socket.</summary>
    public required string Action { get; init; }

    /// <summary>Executable path.</summary>
    public string? Path { get; init; }

    /// <summary>The socket descriptor (the new one for accept).</summary>
    public long? Fd { get; init; }

    /// <summary>Address family (2 = AF_INET, 10 = AF_INET6, 1 = AF_UNIX, 17 = AF_PACKET).</summary>
    public long? Family { get; init; }

    /// <summary>Protocol (6 = TCP, 17 = UDP), from SO_PROTOCOL.</summary>
    public long? Protocol { get; init; }

    /// <summary>Local address.</summary>
    public string? LocalAddress { get; init; }

    /// <summary>Local port.</summary>
    public long? LocalPort { get; init; }

    /// <summary>Remote address.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>Remote port.</summary>
    public long? RemotePort { get; init; }

    /// <summary>Unix-domain socket path.</summary>
    public string? Socket { get; init; }

    /// <summary>succeeded, failed, in_progress (non-blocking connect) or no_client (non-blocking accept).</summary>
    public string? Status { get; init; }

    /// <summary>Return value (−errno on failure).</summary>
    public long? Result { get; init; }
}
