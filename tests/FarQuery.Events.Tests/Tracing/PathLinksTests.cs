// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>Following a write's or an exec's links against real links in a temporary directory (the deny checks' second
/// look).</summary>
public sealed class PathLinksTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-links-").FullName;

    [Fact]
    public void Follow_NewNameBelowALinkToEtc_LandsBelowEtc()
    {
        File.CreateSymbolicLink(Path.Join(dir, "conf"), "/etc");
        Assert.Equal("/etc/fq-not-there", PathLinks.Follow(Path.Join(dir, "conf", "fq-not-there")));
    }

    [Fact]
    public void Follow_DanglingFinalLink_IsItsTarget()
    {
        File.CreateSymbolicLink(Path.Join(dir, "planted"), "/usr/bin/fq-not-there");
        Assert.Equal("/usr/bin/fq-not-there", PathLinks.Follow(Path.Join(dir, "planted")));
    }

    [Fact]
    public void Follow_RelativeLinkChain_FollowsEachStep()
    {
        Directory.CreateDirectory(Path.Join(dir, "real"));
        File.CreateSymbolicLink(Path.Join(dir, "a"), "b");
        File.CreateSymbolicLink(Path.Join(dir, "b"), "real/new");
        Assert.Equal(Path.Join(dir, "real", "new"), PathLinks.Follow(Path.Join(dir, "a")));
    }

    [Fact]
    public void Follow_PlainPaths_AreUnchanged()
    {
        var file = Path.Join(dir, "file");
        File.WriteAllText(file, "x");
        Assert.Equal(file, PathLinks.Follow(file));
        Assert.Equal(Path.Join(dir, "new"), PathLinks.Follow(Path.Join(dir, "new")));
    }

    [Fact]
    public void Follow_MissingDirectory_IsNull()
    {
        Assert.Null(PathLinks.Follow(Path.Join(dir, "no-dir", "file")));
    }

    [Fact]
    public void Follow_LinkLoop_IsNull()
    {
        File.CreateSymbolicLink(Path.Join(dir, "loop"), "loop");
        Assert.Null(PathLinks.Follow(Path.Join(dir, "loop")));
    }

    [Fact]
    public void RealPath_LinkToAFile_IsTheFile()
    {
        var file = Path.Join(dir, "program");
        File.WriteAllText(file, "x");
        File.CreateSymbolicLink(Path.Join(dir, "innocent"), file);
        Assert.Equal(file, PathLinks.RealPath(Path.Join(dir, "innocent")));
    }

    [Fact]
    public void RealPath_FileBelowALinkToADirectory_IsBelowTheDirectory()
    {
        Directory.CreateDirectory(Path.Join(dir, "real"));
        File.WriteAllText(Path.Join(dir, "real", "program"), "x");
        File.CreateSymbolicLink(Path.Join(dir, "s"), "real");
        Assert.Equal(Path.Join(dir, "real", "program"), PathLinks.RealPath(Path.Join(dir, "s", "program")));
    }

    [Fact]
    public void RealPath_DanglingLink_IsNull()
    {
        // Unlike Follow (a write may create the target), an exec needs the file to exist.
        File.CreateSymbolicLink(Path.Join(dir, "planted"), Path.Join(dir, "not-there"));
        Assert.Null(PathLinks.RealPath(Path.Join(dir, "planted")));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
