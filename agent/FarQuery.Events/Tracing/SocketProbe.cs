// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>Asks the kernel about a tracee's socket through a duplicate of its descriptor (pidfd_open + pidfd_getfd,
/// Linux ≥ 5.6; allowed because we are its tracer). On older kernels every field stays null and rows keep the address the
/// app passed.</summary>
internal readonly record struct SocketProbe(long? Family, long? Protocol, Sockaddr? Local, Sockaddr? Remote)
{
    /// <summary>Family, protocol, local and peer address of descriptor <paramref name="fd"/> of process <paramref name="pid"/>.</summary>
    public static unsafe SocketProbe Query(int pid, int fd)
    {
        var pidfd = pidfd_open(pid);
        if (pidfd < 0)
        {
            return default;
        }

        try
        {
            var sock = pidfd_getfd(pidfd, fd);
            if (sock < 0)
            {
                return default;
            }

            try
            {
                int value = 0;
                uint len = sizeof(int);
                long? family = getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &value, &len) == 0 ? value : null;
                len = sizeof(int);
                long? protocol = getsockopt(sock, SOL_SOCKET, SO_PROTOCOL, &value, &len) == 0 ? value : null;
                var buf = stackalloc byte[128];
                uint alen = 128;
                Sockaddr? local = getsockname(sock, buf, &alen) == 0 && Sockaddr.TryParse(new ReadOnlySpan<byte>(buf, (int)Math.Min(alen, 128)), out var l) && l.Family != 0 ? l : null;
                alen = 128;
                Sockaddr? remote = getpeername(sock, buf, &alen) == 0 && Sockaddr.TryParse(new ReadOnlySpan<byte>(buf, (int)Math.Min(alen, 128)), out var r) && r.Family != 0 ? r : null;
                return new SocketProbe(family, protocol, local, remote);
            }
            finally
            {
                close(sock);
            }
        }
        finally
        {
            close(pidfd);
        }
    }
}
