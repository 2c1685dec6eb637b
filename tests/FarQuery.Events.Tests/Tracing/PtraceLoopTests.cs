// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>Path resolution of the tracer (the ptrace loop itself is exercised end to end in TracedAppTests).</summary>
public sealed class PtraceLoopTests
{
    [Theory]
    [InlineData("/a/b/../c/./d", "/a/c/d")]
    [InlineData("//etc///passwd", "/etc/passwd")]
    [InlineData("/../../etc", "/etc")]
    [InlineData("/", "/")]
    public void Normalize_RemovesDotsAndSlashes(string path, string expected) =>
        Assert.Equal(expected, PtraceLoop.Normalize(path));

    [Fact]
    public void Resolve_RelativeToCwd_JoinsAndNormalizes() =>
        Assert.Equal("/srv/app/etc/x", PtraceLoop.Resolve(Environment.ProcessId, -100, "../app/./etc/x", "/srv/www"));

    [Fact]
    public void Resolve_Absolute_IgnoresCwd() =>
        Assert.Equal("/etc/shadow", PtraceLoop.Resolve(Environment.ProcessId, -100, "/etc/../etc/shadow", "/tmp"));

    [Fact]
    public void Resolve_RelativeToDirectoryFd_UsesTheFdPath()
    {
        // Resolution only reads /proc/pid/fd/N, so any open descriptor shows the mechanism (.NET cannot open directories).
        var dir = Directory.CreateTempSubdirectory("fq-resolve-").FullName;
        try
        {
            using var handle = File.OpenHandle(Path.Join(dir, "d"), FileMode.CreateNew, FileAccess.Write);
            var fd = (int)handle.DangerousGetHandle();
            Assert.Equal(dir + "/d/x", PtraceLoop.Resolve(Environment.ProcessId, fd, "./x", "/tmp"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Resolve_NullPath_IsNull() => Assert.Null(PtraceLoop.Resolve(Environment.ProcessId, -100, null, "/tmp"));
}
