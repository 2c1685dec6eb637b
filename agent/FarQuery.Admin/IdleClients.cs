// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin;

/// <summary>The connected clients that are waiting for their next request rather than running one, with the time they
/// started waiting. When every slot is taken, the longest-waiting of them gives its slot to a newcomer, so idle or
/// hostile connections can delay an operator by one eviction at most and never lock them out (PROTOCOL.md, "Limits").</summary>
internal sealed class IdleClients
{
    private readonly ConcurrentDictionary<Socket, long> waiting = new();

    /// <summary>Clients waiting now.</summary>
    public int Count => waiting.Count;

    /// <summary>The client has no request in flight from now on.</summary>
    public void Waiting(Socket socket) => waiting[socket] = Stopwatch.GetTimestamp();

    /// <summary>The client's request arrived, or the client is gone: it is no longer evictable.</summary>
    public void Busy(Socket socket) => waiting.TryRemove(socket, out _);

    /// <summary>Closes the client that has waited longest (its pending read then fails and its handler ends, giving back
    /// its slot); false when every client has a request in flight.</summary>
    public bool TryEvictOldest()
    {
        while (true)
        {
            Socket? oldest = null;
            var since = long.MaxValue;
            foreach (var (socket, t) in waiting)
            {
                if (t < since)
                {
                    (oldest, since) = (socket, t);
                }
            }

            if (oldest is null)
            {
                return false;
            }

            // Another newcomer may have taken the same one: only the thread that removes it evicts it.
            if (waiting.TryRemove(new KeyValuePair<Socket, long>(oldest, since)))
            {
                try
                {
                    oldest.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // Already closed by its own handler.
                }

                oldest.Dispose();
                return true;
            }
        }
    }
}
