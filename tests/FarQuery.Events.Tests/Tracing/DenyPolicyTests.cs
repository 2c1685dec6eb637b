// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

public sealed class DenyPolicyTests
{
    private static DenyPolicy Policy(bool dryRun = false, params DenyCheck[] checks) =>
        new(checks.Select(c => KeyValuePair.Create(c, new DenyEnforcement("p", dryRun, new HashSet<string>(["dpkg"])))));

    [Theory]
    [InlineData("open", "/etc/passwd", 0x1L, DenyCheck.WriteBelowEtc)]
    [InlineData("open", "/etc/x", 0x241L, DenyCheck.WriteBelowEtc)]
    [InlineData("creat", "/usr/local/bin/tool", null, DenyCheck.WriteBelowBinaryDir)]
    [InlineData("open", "/usr/bin/ls", 0x2L, DenyCheck.WriteBelowBinaryDir)]
    public void ForOpen_WriteBelowAProtectedDirectory_Denied(string operation, string path, long? flags, DenyCheck check)
    {
        var d = Policy(false, DenyCheck.WriteBelowEtc, DenyCheck.WriteBelowBinaryDir).ForOpen(operation, path, flags, "touch");
        Assert.Equal(check, d?.Rule.Check);
        Assert.Equal(path, d?.Detail);
        Assert.Equal(13, d?.Rule.Errno);
    }

    [Theory]
    [InlineData("open", "/etc/passwd", 0x0L)] // read-only
    [InlineData("open", "/etcetera/x", 0x1L)] // not below /etc
    [InlineData("open", "/tmp/etc/x", 0x1L)]
    [InlineData("unlink", "/etc/x", null)] // not an open
    public void ForOpen_NotAWriteBelowEtc_Allowed(string operation, string path, long? flags) =>
        Assert.Null(Policy(false, DenyCheck.WriteBelowEtc, DenyCheck.WriteBelowBinaryDir).ForOpen(operation, path, flags, "touch"));

    [Fact]
    public void ForOpen_CheckNotEnabledOrProcessAllowed_Allowed()
    {
        Assert.Null(Policy(false, DenyCheck.WriteBelowBinaryDir).ForOpen("open", "/etc/x", 1, "touch"));
        Assert.Null(Policy(false, DenyCheck.WriteBelowEtc).ForOpen("open", "/etc/x", 1, "dpkg"));
    }

    [Theory]
    [InlineData("/dev/shm/x", DenyCheck.ExecFromDevShm)]
    [InlineData("/memfd:payload (deleted)", DenyCheck.ExecFromMemfd)]
    public void ForExec_ShmOrMemfd_Denied(string target, DenyCheck check)
    {
        var policy = Policy(false, DenyCheck.ExecFromDevShm, DenyCheck.ExecFromMemfd);
        Assert.True(policy.NeedsExecStops);
        Assert.Equal(check, policy.ForExec(target, "sh")?.Rule.Check);
        Assert.Null(policy.ForExec("/usr/bin/true", "sh"));
    }

    [Fact]
    public void Checks_NoExecCheck_ExecveNeedNotStop() => Assert.False(Policy(false, DenyCheck.WriteBelowEtc, DenyCheck.Mount).NeedsExecStops);

    [Fact]
    public void FollowsExecLinks_OnlyWithAnExecCheck_True()
    {
        // The memfd check follows links too: a link may lead to the caller's /proc/self/fd/N holding a memfd.
        Assert.True(Policy(false, DenyCheck.ExecFromDevShm).FollowsExecLinks);
        Assert.True(Policy(false, DenyCheck.ExecFromMemfd).FollowsExecLinks);
        Assert.False(Policy(false, DenyCheck.WriteBelowEtc).FollowsExecLinks);
    }

    [Fact]
    public void ForPtraceAndSocket_OnlyAttachAndPacket_Denied()
    {
        var policy = Policy(false, DenyCheck.PtraceAttach, DenyCheck.PacketSocket);
        Assert.Equal(DenyCheck.PtraceAttach, policy.ForPtrace(16, 42, "gdb")?.Rule.Check);
        Assert.Equal(DenyCheck.PtraceAttach, policy.ForPtrace(0x4206, 42, "gdb")?.Rule.Check);
        Assert.Null(policy.ForPtrace(0, 0, "gdb")); // PTRACE_TRACEME
        Assert.Equal(1, policy.ForSocket(17, "tcpdump")?.Rule.Errno);
        Assert.Null(policy.ForSocket(2, "curl"));
    }

    [Fact]
    public void New_SameCheckFromDryRunAndEnforcingPlaybooks_EnforcingWins()
    {
        var policy = new DenyPolicy([
            KeyValuePair.Create(DenyCheck.Mount, new DenyEnforcement("try", true, new HashSet<string>())),
            KeyValuePair.Create(DenyCheck.Mount, new DenyEnforcement("real", false, new HashSet<string>())),
        ]);
        Assert.Equal("real", policy.ForCall(DenyCheck.Mount, "mount", "x")?.Enforcement.Playbook);
    }

    [Fact]
    public void Catalog_OrderedByCheck_EachCheckOnce() =>
        Assert.Equal(Enum.GetValues<DenyCheck>(), DenyPolicy.Catalog.Select(r => r.Check));
}
