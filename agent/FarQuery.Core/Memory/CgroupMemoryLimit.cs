// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Text;

namespace FarQuery.Core.Memory;

/// <summary>The memory limit of the cgroup this process runs in: cgroup v2's <c>memory.max</c>, else cgroup v1's
/// <c>memory.limit_in_bytes</c>, found through <c>/proc/self/cgroup</c> (a container with its own cgroup namespace
/// sees its group as <c>/</c>, one without sees the full path).</summary>
/// <param name="Bytes">The limit.</param>
/// <param name="Source">Which file it came from, for status lines.</param>
public readonly record struct CgroupMemoryLimit(long Bytes, string Source)
{
    // cgroup v1 reports "no limit" as the largest page-aligned long (9223372036854771712); anything this large is none.
    private const long Unlimited = 1L << 60;

    /// <summary>Reads the limit; null when there is none or it cannot be read.</summary>
    public static CgroupMemoryLimit? Read(HostFileSystem fs)
    {
        fs.TryReadAllBytes("/proc/self/cgroup", out var cgroup);
        var v2Path = GroupPath(cgroup, controller: null);
        if (v2Path is not null)
        {
            foreach (var dir in Candidates("/sys/fs/cgroup", v2Path))
            {
                if (fs.TryReadAllBytes(dir + "/memory.max", out var max))
                {
                    return ParseLimit(max) is { } b ? new CgroupMemoryLimit(b, "cgroup v2 memory.max") : null;
                }
            }
        }

        var v1Path = GroupPath(cgroup, "memory") ?? "/";
        foreach (var dir in Candidates("/sys/fs/cgroup/memory", v1Path))
        {
            if (fs.TryReadAllBytes(dir + "/memory.limit_in_bytes", out var limit))
            {
                return ParseLimit(limit) is { } b ? new CgroupMemoryLimit(b, "cgroup v1 memory.limit_in_bytes") : null;
            }
        }

        return null;
    }

    /// <summary>A limit file's value: bytes, or null for <c>max</c>, an unlimited v1 value, or garbage.</summary>
    public static long? ParseLimit(ReadOnlySpan<byte> text)
    {
        text = text.Trim("\n\r\t "u8);
        return Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length && value > 0 && value < Unlimited ? value : null;
    }

    /// <summary>The group path of a <c>/proc/self/cgroup</c> line: the v2 line (<c>0::/path</c>) when
    /// <paramref name="controller"/> is null, else the v1 line naming that controller (<c>4:memory:/path</c>).</summary>
    public static string? GroupPath(ReadOnlySpan<byte> procSelfCgroup, string? controller)
    {
        foreach (var range in procSelfCgroup.Split((byte)'\n'))
        {
            var line = procSelfCgroup[range];
            var first = line.IndexOf((byte)':');
            if (first < 0)
            {
                continue;
            }

            var rest = line[(first + 1)..];
            var second = rest.IndexOf((byte)':');
            if (second < 0)
            {
                continue;
            }

            var controllers = rest[..second];
            var path = Encoding.UTF8.GetString(rest[(second + 1)..]);
            if (controller is null)
            {
                if (line[..first].SequenceEqual("0"u8) && controllers.IsEmpty)
                {
                    return path;
                }
            }
            else
            {
                foreach (var c in controllers.Split((byte)','))
                {
                    if (controllers[c].SequenceEqual(Encoding.ASCII.GetBytes(controller)))
                    {
                        return path;
                    }
                }
            }
        }

        return null;
    }

    // The group's own directory first; then the mount's root, which is the group itself when the cgroup namespace starts
    // there but /proc/self/cgroup still shows a host path (older runtimes bind-mount the group at /sys/fs/cgroup).
    private static IEnumerable<string> Candidates(string mount, string groupPath)
    {
        var trimmed = groupPath.TrimEnd('/');
        if (trimmed.Length > 0 && !trimmed.Contains("/..", StringComparison.Ordinal))
        {
            yield return mount + trimmed;
        }

        yield return mount;
    }
}
