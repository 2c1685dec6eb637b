// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The scan behind process_open_sockets and listening_ports: socket inodes held by each process (the
/// "socket:[inode]" links of /proc/[pid]/fd), matched against the socket lists of each network namespace
/// (/proc/[pid]/net/{tcp,tcp6,udp,udp6,raw,raw6,unix}, read once per namespace through one of its processes).</summary>
internal static class OpenSocketScan
{
    /// <summary>One socket, with the process and descriptor that hold it (-1 when no visible process does).</summary>
    /// <param name="Pid">Holder pid or -1.</param>
    /// <param name="Fd">Descriptor number or -1.</param>
    /// <param name="Inet">The IPv4/IPv6 socket, or null for a UNIX socket.</param>
    /// <param name="Unix">The UNIX socket, or null.</param>
    /// <param name="NetNamespace">Inode of the network namespace, or empty when unknown.</param>
    internal sealed record OpenSocket(long Pid, long Fd, ProcNetSocket? Inet, ProcNetUnix? Unix, string NetNamespace)
    {
        /// <summary>The socket inode.</summary>
        public long Inode => Inet?.Inode ?? Unix?.Inode ?? 0;
    }

    private static readonly (string File, int Family, int Protocol)[] InetFiles =
    [
        ("tcp", ProcNetSocket.Inet, ProcNetSocket.Tcp),
        ("tcp6", ProcNetSocket.Inet6, ProcNetSocket.Tcp),
        ("udp", ProcNetSocket.Inet, ProcNetSocket.Udp),
        ("udp6", ProcNetSocket.Inet6, ProcNetSocket.Udp),
        ("raw", ProcNetSocket.Inet, ProcNetSocket.Raw),
        ("raw6", ProcNetSocket.Inet6, ProcNetSocket.Raw),
    ];

    /// <summary>Every socket held by the given pids (every pid when null). IPv4/IPv6 sockets no process holds
    /// (TIME_WAIT, or held by a process in another pid namespace) are returned with pid -1 when there is no pid filter
    /// or the filter names -1.</summary>
    public static IEnumerable<OpenSocket> Scan(HostFileSystem fs, IReadOnlyList<long>? pids, bool includeUnix, CancellationToken cancellation)
    {
        var holders = new Dictionary<(string Ns, long Inode), List<(long Pid, long Fd)>>();
        var includeUnowned = pids is null || pids.Contains(-1);
        var namespaces = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        // The agent's own namespace: where a process whose ns link we may not read (pid 1 of some sandboxes) is assumed
        // to live, and whose sockets /proc/net shows even when no process of it is visible (a fixture tree).
        var selfNs = fs.TryReadLink("/proc/self/ns/net", out var self) ? BracketValue(self) : "";

        // Finding sockets nobody holds needs every namespace, so "pid = -1" walks every process, like no filter.
        var list = includeUnowned ? fs.ListPids() : pids!.Where(p => p is > 0 and <= int.MaxValue).Select(p => (int)p);
        foreach (var pid in list)
        {
            cancellation.ThrowIfCancellationRequested();
            var dir = fs.OpenProcess(pid);
            var readable = fs.TryReadLink(dir + "/ns/net", out var link);
            var ns = readable ? BracketValue(link) : selfNs;
            if (!namespaces.TryGetValue(ns, out var dirs))
            {
                namespaces[ns] = dirs = [];
            }

            if (readable)
            {
                dirs.Add(dir);
            }

            foreach (var (fd, inode) in SocketDescriptors(fs, dir))
            {
                if (!holders.TryGetValue((ns, inode), out var owners))
                {
                    holders[(ns, inode)] = owners = [];
                }

                owners.Add((pid, fd));
            }
        }

        if (includeUnowned && !namespaces.ContainsKey(selfNs))
        {
            namespaces[selfNs] = [];
        }

        if (namespaces.TryGetValue(selfNs, out var selfDirs))
        {
            // /proc/net is the agent's own view: the last resort when every process of the namespace has exited.
            selfDirs.Add(fs.Resolve("/proc"));
        }

        foreach (var (ns, dirs) in namespaces)
        {
            foreach (var (socket, inode) in ReadNamespace(fs, dirs, includeUnix))
            {
                cancellation.ThrowIfCancellationRequested();
                if (holders.TryGetValue((ns, inode), out var owners))
                {
                    foreach (var (pid, fd) in owners)
                    {
                        if (pids is not null && !pids.Contains(pid))
                        {
                            continue;
                        }

                        yield return socket with { Pid = pid, Fd = fd, NetNamespace = ns };
                    }
                }
                else if (includeUnowned && socket.Inet is not null)
                {
                    yield return socket with { NetNamespace = ns };
                }
            }
        }
    }

    /// <summary>The socket lists of one namespace, read through the first of its processes still alive.</summary>
    private static IEnumerable<(OpenSocket Socket, long Inode)> ReadNamespace(HostFileSystem fs, List<string> dirs, bool includeUnix)
    {
        foreach (var dir in dirs)
        {
            // A process that exits mid-scan takes its /proc/[pid]/net view with it: try the next one of the namespace.
            if (!fs.TryReadAllBytes(dir + "/net/tcp", out var first))
            {
                continue;
            }

            var results = new List<(OpenSocket, long)>();
            foreach (var (file, family, protocol) in InetFiles)
            {
                var bytes = first;
                if (file != "tcp" && !fs.TryReadAllBytes(dir + "/net/" + file, out bytes))
                {
                    // IPv6 or raw lists are absent when the kernel lacks the module; the others still count.
                    continue;
                }

                foreach (var s in ProcNetSocket.Parse(bytes, family, protocol))
                {
                    results.Add((new OpenSocket(-1, -1, s, null, ""), s.Inode));
                }
            }

            if (includeUnix && fs.TryReadAllBytes(dir + "/net/unix", out var unix))
            {
                foreach (var u in ProcNetUnix.Parse(unix))
                {
                    results.Add((new OpenSocket(-1, -1, null, u, ""), u.Inode));
                }
            }

            return results;
        }

        return [];
    }

    /// <summary>(fd, inode) for every "socket:[inode]" link of /proc/[pid]/fd; nothing when the process is gone or
    /// its descriptors are not ours to read (EACCES without CAP_SYS_PTRACE).</summary>
    private static List<(long Fd, long Inode)> SocketDescriptors(HostFileSystem fs, string dir)
    {
        var result = new List<(long, long)>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(dir + "/fd");
            foreach (var entry in entries)
            {
                if (!long.TryParse(Path.GetFileName(entry.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var fd)
                    || !fs.TryReadLink(entry, out var target) || !target.StartsWith("socket:[", StringComparison.Ordinal)
                    || !long.TryParse(BracketValue(target), NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
                {
                    continue;
                }

                result.Add((fd, inode));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited or closed descriptors while we listed them: keep what was read.
        }

        return result;
    }

    /// <summary>"4026531840" from "net:[4026531840]" or "socket:[1075]".</summary>
    private static string BracketValue(string link)
    {
        var open = link.IndexOf('[', StringComparison.Ordinal);
        var close = link.LastIndexOf(']');
        return open >= 0 && close > open ? link[(open + 1)..close] : link;
    }
}
