// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Inotify;

namespace FarQuery.Events.Tests.Inotify;

public sealed class FimPatternTests
{
    private static FimPattern Parse(string text, bool partial = true)
    {
        Assert.True(FimPattern.TryParse(text, partial, out var p, out var error), error);
        return p!;
    }

    private static bool Matches(string pattern, string path, bool partial = true) =>
        Parse(pattern, partial).Matches(path.Split('/', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("/etc/%%", "/etc/passwd", true)]
    [InlineData("/etc/%%", "/etc/ssh/sshd_config", true)]
    [InlineData("/etc/%%", "/etc", false)]
    [InlineData("/etc/%", "/etc/passwd", true)]
    [InlineData("/etc/%", "/etc/ssh/sshd_config", false)]
    [InlineData("/etc/", "/etc/passwd", true)]
    [InlineData("/etc/", "/etc/ssh/x", false)]
    [InlineData("/bin/%sh", "/bin/bash", true)]
    [InlineData("/bin/%sh", "/bin/bashx", false)]
    [InlineData("/bin/ba%", "/bin/bash", true)]
    [InlineData("/home/%/.ssh/%%", "/home/alice/.ssh/authorized_keys", true)]
    [InlineData("/home/%/.ssh/%%", "/home/alice/.sshx/authorized_keys", false)]
    [InlineData("/home/%/.ssh", "/home/alice/.ssh", true)]
    [InlineData("/etc/passwd", "/etc/passwd", true)]
    [InlineData("/etc/passwd", "/etc/passwd.bak", false)]
    [InlineData("/etc/ssh", "/etc/ssh/sshd_config", true)]
    [InlineData("/etc/**", "/etc/a/b", true)]
    [InlineData("/etc/*", "/etc/a", true)]
    public void Matches_OsqueryWildcards_AsDocumented(string pattern, string path, bool expected) =>
        Assert.Equal(expected, Matches(pattern, path));

    [Fact]
    public void Matches_ExcludeSyntax_PartialWildcardIsLiteral()
    {
        Assert.False(Matches("/tmp/xyz%", "/tmp/xyzabc", partial: false));
        Assert.True(Matches("/tmp/xyz%", "/tmp/xyz%", partial: false));
        Assert.True(Matches("/tmp/%/cache", "/tmp/a/cache", partial: false));
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("~/.ssh")]
    [InlineData("/Users/%%/x.conf")]
    [InlineData("/a/../b")]
    [InlineData("")]
    public void TryParse_Invalid_ReturnsError(string text)
    {
        Assert.False(FimPattern.TryParse(text, partialWildcards: true, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void WatchPlanning_RecursivePattern_BaseIsTheRecursiveRoot()
    {
        var p = Parse("/var/www/%%");
        Assert.Equal(2, p.LiteralPrefix);
        Assert.True(p.Recursive);
        Assert.False(p.CanMatchChildren(1));
        Assert.True(p.CanMatchChildren(2));
        Assert.True(p.CanMatchChildren(5));
        Assert.True(p.SubdirectoryNeedsWatch(2, "anything"));
        Assert.True(p.SubdirectoryNeedsWatch(1, "www"));
        Assert.False(p.SubdirectoryNeedsWatch(1, "log"));
    }

    [Fact]
    public void WatchPlanning_WildcardStem_WatchesStemsAndTargetsOnly()
    {
        var p = Parse("/home/%/.ssh/%");
        Assert.True(p.SubdirectoryNeedsWatch(1, "alice"));
        Assert.True(p.SubdirectoryNeedsWatch(2, ".ssh"));
        Assert.False(p.SubdirectoryNeedsWatch(2, "Documents"));
        Assert.False(p.SubdirectoryNeedsWatch(3, "sub"));
        Assert.True(p.ChildMatches(3, "authorized_keys"));
        Assert.False(p.ChildMatches(2, ".ssh"));
    }

    [Fact]
    public void WatchPlanning_LiteralLeaf_ParentWatchedAndLeafDirectoryToo()
    {
        var p = Parse("/etc/passwd");
        Assert.True(p.LeafOrChildren);
        Assert.True(p.CanMatchChildren(1));
        Assert.True(p.ChildMatches(1, "passwd"));
        Assert.False(p.ChildMatches(1, "shadow"));
        Assert.True(p.SubdirectoryNeedsWatch(1, "passwd"));
        Assert.Equal("/etc", p.PrefixPath(1));
    }
}
