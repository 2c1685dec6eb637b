// SPDX-License-Identifier: Apache-2.0
using System.Globalization;

namespace FarQuery.Core;

/// <summary>The seam in front of the OS (style.md §15): every table reads /proc, /etc and /sys through this, so tests
/// can point it at a fixture tree, and it counts per-process reads so a test can prove a constraint was pushed down.</summary>
public class HostFileSystem(string root = "/")
{
    private long processReads;

    /// <summary>The directory that stands for "/".</summary>
    public string Root { get; } = root;

    /// <summary>How many /proc/[pid] entries the tables opened since this instance was created.</summary>
    public long ProcessReads => Interlocked.Read(ref processReads);

    /// <summary>Maps an absolute path of the container to a path under <see cref="Root"/>.</summary>
    public string Resolve(string path) => Root == "/" ? path : Path.Join(Root, path);

    /// <summary>Numeric entries of /proc: the pids visible in this pid namespace.</summary>
    public IEnumerable<int> ListPids()
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(Resolve("/proc"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var dir in entries)
        {
            if (int.TryParse(Path.GetFileName(dir.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>Marks the start of reading one /proc/[pid] entry and returns its directory.</summary>
    public string OpenProcess(int pid)
    {
        Interlocked.Increment(ref processReads);
        return Resolve("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads a whole file; false when it is missing, unreadable or vanished (a process that exited mid-scan).</summary>
    public bool TryReadAllBytes(string path, out byte[] bytes)
    {
        try
        {
            var real = path.StartsWith(Root, StringComparison.Ordinal) && Root != "/" ? path : Resolve(path);
            try
            {
                bytes = File.ReadAllBytes(real);
            }
            catch (EndOfStreamException)
            {
                // sysfs attribute files report a size of one page (4096) but hold a few bytes, and File.ReadAllBytes
                // trusts the size and throws at the early end; read them to EOF instead.
                bytes = ReadToEnd(real);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            bytes = [];
            return false;
        }
    }

    /// <summary>Reads a file until read returns 0, whatever size stat reported.</summary>
    private static byte[] ReadToEnd(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Reads a symlink target; false when it is missing or unreadable.</summary>
    public bool TryReadLink(string path, out string target)
    {
        try
        {
            var info = new FileInfo(path.StartsWith(Root, StringComparison.Ordinal) && Root != "/" ? path : Resolve(path));
            target = info.LinkTarget ?? "";
            return info.LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            target = "";
            return false;
        }
    }
}
