// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>Following a write's or an exec's links against real links in a temporary directory (the deny checks' second
/// look).</summary>
public sealed class PathLinksTests : IDisposable
{
    private static readonly int Me = Environment.ProcessId;
    private readonly string dir = Directory.CreateTempSubdirectory("fq-links-").FullName;

    [Fact]
    public void Follow_NewNameBelowALinkToEtc_LandsBelowEtc()
    {
        File.CreateSymbolicLink(Path.Join(dir, "conf"), "/etc");
        Assert.Equal("/etc/fq-not-there", PathLinks.Follow(Me, Path.Join(dir, "conf", "fq-not-there")));
    }

    [Fact]
    public void Follow_DanglingFinalLink_IsItsTarget()
    {
        File.CreateSymbolicLink(Path.Join(dir, "planted"), "/usr/bin/fq-not-there");
        Assert.Equal("/usr/bin/fq-not-there", PathLinks.Follow(Me, Path.Join(dir, "planted")));
    }

    [Fact]
    public void Follow_RelativeLinkChain_FollowsEachStep()
    {
        Directory.CreateDirectory(Path.Join(dir, "real"));
        File.CreateSymbolicLink(Path.Join(dir, "a"), "b");
        File.CreateSymbolicLink(Path.Join(dir, "b"), "real/new");
        Assert.Equal(Path.Join(dir, "real", "new"), PathLinks.Follow(Me, Path.Join(dir, "a")));
    }

    [Fact]
    public void Follow_PlainPaths_AreUnchanged()
    {
        var file = Path.Join(dir, "file");
        File.WriteAllText(file, "x");
        Assert.Equal(file, PathLinks.Follow(Me, file));
        Assert.Equal(Path.Join(dir, "new"), PathLinks.Follow(Me, Path.Join(dir, "new")));
    }

    [Fact]
    public void Follow_MissingDirectory_IsNull()
    {
        Assert.Null(PathLinks.Follow(Me, Path.Join(dir, "no-dir", "file")));
    }

    [Fact]
    public void Follow_LinkLoop_IsNull()
    {
        File.CreateSymbolicLink(Path.Join(dir, "loop"), "loop");
        Assert.Null(PathLinks.Follow(Me, Path.Join(dir, "loop")));
    }

    [Fact]
    public void RealPath_LinkToAFile_IsTheFile()
    {
        var file = Path.Join(dir, "program");
        File.WriteAllText(file, "x");
        File.CreateSymbolicLink(Path.Join(dir, "innocent"), file);
        Assert.Equal(file, PathLinks.RealPath(Me, Path.Join(dir, "innocent")));
    }

    [Fact]
    public void RealPath_FileBelowALinkToADirectory_IsBelowTheDirectory()
    {
        Directory.CreateDirectory(Path.Join(dir, "real"));
        File.WriteAllText(Path.Join(dir, "real", "program"), "x");
        File.CreateSymbolicLink(Path.Join(dir, "s"), "real");
        Assert.Equal(Path.Join(dir, "real", "program"), PathLinks.RealPath(Me, Path.Join(dir, "s", "program")));
    }

    [Fact]
    public void RealPath_DanglingLink_IsNull()
    {
        // Unlike Follow (a write may create the target), an exec needs the file to exist.
        File.CreateSymbolicLink(Path.Join(dir, "planted"), Path.Join(dir, "not-there"));
        Assert.Null(PathLinks.RealPath(Me, Path.Join(dir, "planted")));
    }

    [Fact]
    public void RealPath_LinkToProcSelfFd_IsWhatTheCallersDescriptorHolds()
    {
        // Another process holds /dev/shm/... on descriptor 7 and the link names /proc/self/fd/7: it must be resolved in
        // that process's view, where realpath(3) in this process would see its own descriptor 7 (or none).
        var shm = "/dev/shm/fq-links-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(shm, "x");
        File.CreateSymbolicLink(Path.Join(dir, "l"), "/proc/self/fd/7");
        using var holder = Hold("exec 7< " + shm + "; exec sleep 30");
        try
        {
            Assert.Equal(shm, PathLinks.RealPath(holder.Id, Path.Join(dir, "l")));
        }
        finally
        {
            File.Delete(shm);
        }
    }

    [Fact]
    public void RealPath_LinkThroughDevFdToAMemfd_IsTheMemfdName()
    {
        File.CreateSymbolicLink(Path.Join(dir, "m"), "/dev/fd/7");
        using var holder = Hold("exec python3 -c \"import os, time; os.dup2(os.memfd_create('fq-payload'), 7); time.sleep(30)\"");
        Assert.Equal("/memfd:fq-payload (deleted)", PathLinks.RealPath(holder.Id, Path.Join(dir, "m")));
    }

    [Fact]
    public void RealPath_DotDotAfterALink_LeavesTheLinksTarget()
    {
        Directory.CreateDirectory(Path.Join(dir, "a", "b"));
        File.WriteAllText(Path.Join(dir, "a", "program"), "x");
        File.CreateSymbolicLink(Path.Join(dir, "s"), Path.Join(dir, "a", "b"));
        Assert.Equal(Path.Join(dir, "a", "program"), PathLinks.RealPath(Me, Path.Join(dir, "s", "..", "program")));
    }

    [Theory]
    [InlineData("/proc/12/fd/3", true)]
    [InlineData("/proc/12/task/13/fd/3", true)]
    [InlineData("/proc/self/fd/3", false)]
    [InlineData("/proc/12/fdinfo/3", false)]
    [InlineData("/proc/12/fd", false)]
    [InlineData("/tmp/proc/12/fd/3", false)]
    public void IsDescriptorLink_Path_IsOnlyAProcessesDescriptor(string path, bool expected) =>
        Assert.Equal(expected, PathLinks.IsDescriptorLink(path));

    [Theory]
    [InlineData("/proc/self", "/proc/42")]
    [InlineData("/proc/thread-self", "/proc/42/task/42")]
    [InlineData("/proc/1", "/proc/1")]
    [InlineData("/tmp/self", "/tmp/self")]
    public void Caller_NamesThatMeanTheLooker_AreTheCallers(string path, string expected) =>
        Assert.Equal(expected, PathLinks.Caller(42, path));

    /// <summary>A shell running <paramref name="script"/>, killed when disposed; returned once its descriptor 7 is
    /// there.</summary>
    private static Holder Hold(string script)
    {
        var holder = new Holder(System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", script]))!);
        FarQuery.TestSupport.Eventually.True(() => File.Exists($"/proc/{holder.Id}/fd/7"), "descriptor 7 of the holder", 10);
        return holder;
    }

    private sealed class Holder(System.Diagnostics.Process process) : IDisposable
    {
        public int Id => process.Id;

        public void Dispose()
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
