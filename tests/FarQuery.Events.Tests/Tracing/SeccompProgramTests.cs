// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;
using static Interop.Libc;
using S = Interop.Syscalls;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The filter program, run through a small classic-BPF interpreter over hand-made seccomp_data (the kernel's
/// own verdicts are covered end to end by TracedAppTests).</summary>
public sealed class SeccompProgramTests
{
    private const uint Trace = SECCOMP_RET_TRACE;
    private const uint Allow = SECCOMP_RET_ALLOW;

    [Theory]
    [InlineData(0x0, Allow)] // O_RDONLY
    [InlineData(0x80000, Allow)] // O_RDONLY|O_CLOEXEC
    [InlineData(0x1, Trace)] // O_WRONLY
    [InlineData(0x2, Trace)] // O_RDWR
    [InlineData(0x40, Trace)] // O_CREAT
    [InlineData(0x200, Trace)] // O_TRUNC
    public void Build_Openat_StopsOnlyOnWriteFlags(uint flags, uint expected)
    {
        var program = SeccompProgram.Build(traceReadOpens: false);
        Assert.Equal(expected, Run(program, S.openat, 0xffffff9c, 0x1000, flags));
        if (S.open >= 0)
        {
            Assert.Equal(expected, Run(program, S.open, 0x1000, flags));
        }
    }

    [Fact]
    public void Build_TraceReadOpens_StopsOnEveryOpen()
    {
        var program = SeccompProgram.Build(traceReadOpens: true);
        Assert.Equal(Trace, Run(program, S.openat, 0xffffff9c, 0x1000, 0));
    }

    [Fact]
    public void Build_EveryListedSyscall_Stops_AndOthersRun()
    {
        var program = SeccompProgram.Build(false);
        foreach (var nr in SeccompProgram.AlwaysTraced.Where(n => n >= 0))
        {
            Assert.Equal(Trace, Run(program, nr));
        }

        Assert.Equal(Allow, Run(program, S.read));
        Assert.Equal(Allow, Run(program, S.write));
        Assert.Equal(Allow, Run(program, S.clone));
        Assert.Equal(Allow, Run(program, S.kill));
    }

    [Fact]
    public void Build_EveryNumber_GetsTheVerdictOfTheSyscallList()
    {
        var program = SeccompProgram.Build(false);
        var traced = SeccompProgram.AlwaysTraced.Where(n => n >= 0).ToHashSet();
        for (var nr = 0; nr < 1024; nr++)
        {
            // Read-only opens and non-packet sockets (all zero arguments here) are allowed.
            Assert.Equal(traced.Contains(nr) ? Trace : Allow, Run(program, nr));
        }
    }

    [Fact]
    public void Build_HotSyscalls_RunFewInstructions()
    {
        // Kernels before 5.11 (Fargate's 5.10) run the filter on every syscall; a linear list would cost one comparison
        // per traced syscall. The binary search keeps read/write near 15 instructions (three of them the argument-checked
        // syscalls tested first).
        var program = SeccompProgram.Build(false);
        Assert.InRange(Steps(program, S.read), 1, 16);
        Assert.InRange(Steps(program, S.write), 1, 16);
    }

    [Fact]
    public void Build_ReadOnlyOpenat_IsDecidedInAFewInstructions()
    {
        // openat is the one frequent syscall whose verdict depends on an argument, so the kernel runs the program for it:
        // arch check, number, flags.
        var program = SeccompProgram.Build(false);
        Assert.InRange(Steps(program, S.openat), 1, 8);
    }

    [Fact]
    public void Build_Socket_StopsOnlyForAfPacket()
    {
        var program = SeccompProgram.Build(false);
        Assert.Equal(Trace, Run(program, S.socket, AF_PACKET, 3, 0x300));
        Assert.Equal(Allow, Run(program, S.socket, AF_INET, 1, 0));
    }

    [Fact]
    public void Build_ForeignArchitecture_Stops()
    {
        var program = SeccompProgram.Build(false);
        Assert.Equal(Trace, RunArch(program, S.read, 0x40000003));
    }

    private static uint Run(sock_filter[] program, int nr, params ulong[] args) => ClassicBpf.Run(program, nr, args);

    private static uint RunArch(sock_filter[] program, int nr, uint arch, params ulong[] args) => ClassicBpf.RunArch(program, nr, arch, args);

    private static int Steps(sock_filter[] program, int nr) => ClassicBpf.Steps(program, nr);
}
