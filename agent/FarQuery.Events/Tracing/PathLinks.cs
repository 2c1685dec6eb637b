// SPDX-License-Identifier: Apache-2.0
using System.Text;
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>Follows the symbolic links of an absolute path the way an open that creates or writes it would, or an exec
/// that runs it, so that a deny check sees where a write or an exec lands and not only how it was spelled
/// (docs/response.md, "deny"). Used only for write opens and execs that a deny playbook checks and whose spelled path
/// passed, while the caller waits in its stop.</summary>
internal static class PathLinks
{
    /// <summary>Links followed through dangling final components before giving up, as the kernel's limit of nested links.</summary>
    private const int MaxDepth = 40;

    /// <summary>The path with every link followed: the existing part through realpath; a final component that does not
    /// exist is kept as its name below its resolved directory, and a dangling link there is followed to its target
    /// (an O_CREAT open creates the target). Null when the directory itself cannot be resolved.</summary>
    public static string? Follow(int pid, string path) => Follow(pid, path, 0);

    private static string? Follow(int pid, string path, int depth)
    {
        if (RealPath(pid, path) is { } full)
        {
            return full;
        }

        var slash = path.LastIndexOf('/');
        if (slash < 0 || depth >= MaxDepth)
        {
            return null;
        }

        var dir = slash == 0 ? "/" : path[..slash];
        var name = path[(slash + 1)..];
        if (ReadLink(path) is { } target)
        {
            return PtraceLoop.Resolve(0, AT_FDCWD, target, dir) is { } next ? Follow(pid, next, depth + 1) : null;
        }

        return RealPath(pid, dir) is { } resolvedDir ? (resolvedDir == "/" ? "/" + name : resolvedDir + "/" + name) : null;
    }

    /// <summary>Where an existing path really is, every link followed, as the process <paramref name="pid"/> would
    /// see it: what an exec runs, since the file it names must exist. realpath(3) in the agent would be wrong for the
    /// links whose target depends on who looks: <c>/proc/self</c>, <c>/proc/thread-self</c> and <c>/dev/fd</c> (through
    /// /proc/self) name the agent there, so a link to <c>/proc/self/fd/3</c> would lead to the agent's descriptor, not
    /// the caller's memfd or /dev/shm file. So the components are walked here, with those names taken as the caller's,
    /// and a descriptor link (<c>/proc/N/fd/M</c>) ends the walk with what it points at, which may be no path
    /// (<c>/memfd:x (deleted)</c>, <c>/dev/shm/x (deleted)</c>). Null when a component does not exist or the links loop.</summary>
    public static string? RealPath(int pid, string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return null;
        }

        var pending = new Stack<string>();
        Push(pending, path);
        var resolved = "/";
        var links = 0;
        while (pending.TryPop(out var name))
        {
            if (name == ".")
            {
                continue;
            }

            if (name == "..")
            {
                resolved = Parent(resolved);
                continue;
            }

            var at = Caller(pid, resolved == "/" ? "/" + name : resolved + "/" + name);
            if (IsDescriptorLink(at))
            {
                // A magic link: readlink gives what the descriptor is, and the kernel follows it to that file, not to
                // the name (which may be deleted or no path at all).
                if (ReadLink(at) is not { } open)
                {
                    return null;
                }

                if (pending.Count == 0 || !open.StartsWith('/') || open.EndsWith(" (deleted)", StringComparison.Ordinal))
                {
                    return pending.Count == 0 ? open : null;
                }

                resolved = open;
                continue;
            }

            switch (Link(at, out var target))
            {
                case LinkKind.Missing:
                    return null;
                case LinkKind.Link:
                    if (++links > MaxDepth)
                    {
                        return null;
                    }

                    if (target.StartsWith('/'))
                    {
                        resolved = "/";
                    }

                    Push(pending, target);
                    break;
                default:
                    resolved = at;
                    break;
            }
        }

        return resolved;
    }

    /// <summary>The path with the names that mean "the process looking" taken as process <paramref name="pid"/>.</summary>
    internal static string Caller(int pid, string path) =>
        path == "/proc/self" ? $"/proc/{pid}"
        : path == "/proc/thread-self" ? $"/proc/{pid}/task/{pid}"
        : path;

    /// <summary>Whether <paramref name="path"/> is a descriptor's link: /proc/N/fd/M or /proc/N/task/T/fd/M.</summary>
    internal static bool IsDescriptorLink(string path)
    {
        var parts = path.Split('/');
        return parts is ["", "proc", var p, "fd", var m] ? IsNumber(p) && IsNumber(m)
            : parts is ["", "proc", var q, "task", var t, "fd", var n] && IsNumber(q) && IsNumber(t) && IsNumber(n);
    }

    private static bool IsNumber(string s) => s.Length > 0 && s.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static void Push(Stack<string> pending, string path)
    {
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = names.Length - 1; i >= 0; i--)
        {
            pending.Push(names[i]);
        }
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private enum LinkKind
    {
        Missing,
        NotLink,
        Link,
    }

    /// <summary>One readlink: the target of a link, or whether the path exists without being one (EINVAL).</summary>
    private static unsafe LinkKind Link(string path, out string target)
    {
        target = "";
        var input = NulTerminated(path);
        var output = System.Buffers.ArrayPool<byte>.Shared.Rent(ProcFs.PathMax);
        try
        {
            nint n;
            fixed (byte* i = input)
            fixed (byte* o = output)
            {
                n = readlink(i, o, (nuint)ProcFs.PathMax);
            }

            if (n >= 0)
            {
                target = Encoding.UTF8.GetString(output, 0, (int)n);
                return LinkKind.Link;
            }

            return Interop.LastErrno == Interop.Errno.EINVAL ? LinkKind.NotLink : LinkKind.Missing;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static string? ReadLink(string path) => ProcFs.ReadLink(NulTerminated(path));

    private static byte[] NulTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");
}
