// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;
using static Interop.Libc;
using S = Interop.Syscalls;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The one table of traced syscalls: complete descriptors, and the seccomp program built from it gives the
/// expected verdict for every number.</summary>
public sealed class TracedSyscallsTests
{
    /// <summary>The syscalls that stop whatever their arguments, by name (those absent on arm64 have number -1).</summary>
    private static readonly int[] ExpectedAlways =
    [
        S.execveat, S.creat, S.openat2, S.mkdir, S.mkdirat, S.rmdir, S.unlink, S.unlinkat, S.rename, S.renameat, S.renameat2,
        S.link, S.linkat, S.symlink, S.symlinkat, S.chmod, S.fchmod, S.fchmodat, S.fchmodat2,
        S.connect, S.bind, S.listen, S.accept, S.accept4, S.ptrace, S.memfd_create,
        S.setuid, S.setgid, S.setreuid, S.setregid, S.setresuid, S.setresgid, S.setns, S.unshare,
        S.init_module, S.finit_module, S.mount,
    ];

    [Fact]
    public void All_EveryDescriptor_HasNameRuleAndDecoderOfItsFamily()
    {
        Assert.NotEmpty(TracedSyscalls.All);
        foreach (var d in TracedSyscalls.All)
        {
            Assert.True(d.Nr >= 0, d.Name);
            Assert.False(string.IsNullOrEmpty(d.Name));
            Assert.True(d.Family == SyscallFamily.Exec || d.Filter.Kind != FilterKind.None, d.Name);
            switch (d.Family)
            {
                case SyscallFamily.File:
                    Assert.NotNull(d.File);
                    Assert.Equal("process_file_events", d.Feeds);
                    break;
                case SyscallFamily.Socket:
                    Assert.False(string.IsNullOrEmpty(d.SocketAction), d.Name);
                    Assert.Equal("socket_events", d.Feeds);
                    break;
                case SyscallFamily.Process:
                    Assert.NotNull(d.Detail);
                    Assert.Equal("process_events", d.Feeds);
                    break;
                case SyscallFamily.Exec:
                    Assert.Equal("process_events", d.Feeds);
                    break;
            }
        }
    }

    [Fact]
    public void All_Numbers_AreUnique()
    {
        Assert.Equal(TracedSyscalls.All.Length, TracedSyscalls.All.Select(d => d.Nr).Distinct().Count());
        Assert.Equal(TracedSyscalls.All.Length, TracedSyscalls.All.Select(d => d.Name).Distinct().Count());
    }

    [Fact]
    public void Name_TracedSyscall_IsItsKernelName()
    {
        Assert.Equal("openat", TracedSyscalls.Name(S.openat));
        Assert.Equal("renameat2", TracedSyscalls.Name(S.renameat2));
        Assert.Equal("execve", TracedSyscalls.Name(S.execve));
    }

    [Fact]
    public void Name_UntracedSyscall_IsItsNumber()
    {
        Assert.Equal("syscall_" + S.read, TracedSyscalls.Name(S.read));
        Assert.Equal("syscall_-1", TracedSyscalls.Name(-1));
        Assert.Equal("syscall_100000", TracedSyscalls.Name(100_000));
    }

    [Fact]
    public void TryGet_Openat_DecodesFlagsAndModeOfACreatingOpen()
    {
        Assert.True(TracedSyscalls.TryGet(S.openat, out var d));
        var call = d.File!(0, [unchecked((ulong)-100), 0x1000, 0x241, 0x1a4, 0, 0]);
        Assert.Equal("open", call.Operation);
        Assert.Equal(-100, call.DirFd);
        Assert.Equal(0x241L, call.Flags);
        Assert.Equal(0x1a4L, call.Mode);
    }

    [Fact]
    public void TryGet_Setresuid_DecodesDetail()
    {
        Assert.True(TracedSyscalls.TryGet(S.setresuid, out var d));
        Assert.Equal("real=0 effective=1000 saved=-1", d.Detail!(0, 0, [0, 1000, unchecked((ulong)-1), 0, 0, 0]));
    }

    [Fact]
    public void AlwaysTraced_EqualsTheExpectedSyscalls()
    {
        Assert.Equal(ExpectedAlways.Where(n => n >= 0).Order(), SeccompProgram.AlwaysTraced.Order());
    }

    [Fact]
    public void SeccompProgram_BuiltFromTable_GivesTheExpectedVerdictForEveryNumber()
    {
        var program = SeccompProgram.Build(traceReadOpens: false);
        var always = ExpectedAlways.Where(n => n >= 0).ToHashSet();
        for (var nr = 0; nr < 1024; nr++)
        {
            var expected = always.Contains(nr) ? SECCOMP_RET_TRACE : SECCOMP_RET_ALLOW;
            Assert.Equal(expected, ClassicBpf.Run(program, nr, 0, 0, 0, 0, 0, 0));
        }

        // The argument rules: write opens, AF_PACKET sockets.
        Assert.Equal(SECCOMP_RET_TRACE, ClassicBpf.Run(program, S.openat, 0, 0, 1));
        Assert.Equal(SECCOMP_RET_ALLOW, ClassicBpf.Run(program, S.openat, 0, 0, 0x80000));
        Assert.Equal(SECCOMP_RET_TRACE, ClassicBpf.Run(program, S.socket, AF_PACKET));
        Assert.Equal(SECCOMP_RET_ALLOW, ClassicBpf.Run(program, S.execve));
    }

    [Fact]
    public void SeccompProgram_TraceReadOpens_TurnsOpenRulesIntoAlways()
    {
        var program = SeccompProgram.Build(traceReadOpens: true);
        Assert.Equal(SECCOMP_RET_TRACE, ClassicBpf.Run(program, S.openat, 0, 0, 0));
        Assert.Equal(SECCOMP_RET_ALLOW, ClassicBpf.Run(program, S.socket, 2));
    }
}
