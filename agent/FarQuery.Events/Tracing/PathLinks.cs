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
    public static string? Follow(string path) => Follow(path, 0);

    private static string? Follow(string path, int depth)
    {
        if (RealPath(path) is { } full)
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
            return PtraceLoop.Resolve(0, AT_FDCWD, target, dir) is { } next ? Follow(next, depth + 1) : null;
        }

        return RealPath(dir) is { } resolvedDir ? (resolvedDir == "/" ? "/" + name : resolvedDir + "/" + name) : null;
    }

    /// <summary>Where an existing path really is, every link followed (realpath): what an exec runs, since the file it
    /// names must exist. Null when a component does not exist or the links loop.</summary>
    public static unsafe string? RealPath(string path)
    {
        var input = NulTerminated(path);
        var output = new byte[ProcFs.PathMax];
        fixed (byte* i = input)
        fixed (byte* o = output)
        {
            if (realpath(i, o) == null)
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(output, 0, output.AsSpan().IndexOf((byte)0));
    }

    private static string? ReadLink(string path) => ProcFs.ReadLink(NulTerminated(path));

    private static byte[] NulTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");
}
