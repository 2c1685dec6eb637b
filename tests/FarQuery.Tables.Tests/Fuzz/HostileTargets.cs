// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Tests.Fuzz;

/// <summary>The paths that wedged query workers, made once per test class: a FIFO with no writer, a directory of
/// symlink loops, and a 10,000-level directory tree, next to the kernel's own traps (/dev/zero, /proc/kmsg, ...).</summary>
public sealed class HostileTargets : IDisposable
{
    /// <summary>Levels of the deep tree.</summary>
    public const int DeepLevels = 10_000;

    private readonly string root = Directory.CreateTempSubdirectory("fq-hostile-").FullName;

    /// <summary>Makes the FIFO, the loops and the deep tree.</summary>
    public HostileTargets()
    {
        Fifo = Path.Join(root, "fifo");
        Assert.True(Interop.Libc.mkfifo(Fifo, 0x1b6) == 0, $"mkfifo {Fifo}: {Interop.LastErrno}");

        // Loops of every shape a walker meets: a link to itself, two links to each other, a link to an ancestor.
        Loops = Path.Join(root, "loops");
        Directory.CreateDirectory(Path.Join(Loops, "d"));
        File.CreateSymbolicLink(Path.Join(Loops, "self"), "self");
        File.CreateSymbolicLink(Path.Join(Loops, "a"), "b");
        File.CreateSymbolicLink(Path.Join(Loops, "b"), "a");
        Directory.CreateSymbolicLink(Path.Join(Loops, "d", "up"), "..");
        Directory.CreateSymbolicLink(Path.Join(Loops, "root"), "/");

        // Built bottom-up with renames of short relative names, so no path ever passes PATH_MAX while building (the
        // finished tree is about 20,000 characters deep, beyond what any path-based call can name).
        Deep = Path.Join(root, "deep");
        var top = Path.Join(root, "t");
        var next = Path.Join(root, "n");
        Directory.CreateDirectory(top);
        File.WriteAllText(Path.Join(top, "leaf"), "bottom");
        for (var i = 1; i < DeepLevels; i++)
        {
            Directory.CreateDirectory(next);
            Directory.Move(top, Path.Join(next, "d"));
            Directory.Move(next, top);
        }

        Directory.Move(top, Deep);
    }

    /// <summary>A FIFO nobody writes to: opening it for reading blocks unless O_NONBLOCK.</summary>
    public string Fifo { get; }

    /// <summary>A directory of symlink loops (self, a↔b, d/up → .., root → /).</summary>
    public string Loops { get; }

    /// <summary>The top of a 10,000-level directory tree.</summary>
    public string Deep { get; }

    /// <summary>The container path a target name stands for, or null when the machine has no such file.</summary>
    public string? Resolve(string name) => name switch
    {
        "dev-zero" => "/dev/zero",
        "dev-urandom" => "/dev/urandom",
        "dev" => "/dev",
        "proc-kmsg" => File.Exists("/proc/kmsg") ? "/proc/kmsg" : null,
        "proc-pagemap" => "/proc/self/pagemap",
        "proc" => "/proc",
        "proc-cwd" => "/proc/self/cwd",
        "fifo" => Fifo,
        "loops" => Loops,
        "loop-link" => Path.Join(Loops, "a"),
        "deep" => Deep,
        _ => throw new ArgumentException(name),
    };

    /// <summary>Removes the deep tree top-down with renames (each level moved up and its parent removed), since a
    /// recursive delete by path fails past PATH_MAX, then the rest.</summary>
    public void Dispose()
    {
        var top = Deep;
        var hold = Path.Join(root, "h");
        while (Directory.Exists(Path.Join(top, "d")))
        {
            Directory.Move(Path.Join(top, "d"), hold);
            Directory.Delete(top, recursive: true);
            Directory.Move(hold, top);
        }

        Directory.Delete(root, recursive: true);
    }
}
