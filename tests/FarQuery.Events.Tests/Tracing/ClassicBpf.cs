// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;
using S = Interop.Syscalls;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>A small classic-BPF interpreter over hand-made seccomp_data, for the seccomp program tests (the kernel's own
/// verdicts are covered end to end by TracedAppTests).</summary>
internal static class ClassicBpf
{
    /// <summary>Executes the subset of classic BPF the builder emits; the verdict.</summary>
    internal static uint Run(sock_filter[] program, int nr, params ulong[] args) => RunArch(program, nr, S.AUDIT_ARCH, args);

    internal static int Steps(sock_filter[] program, int nr)
    {
        steps = 0;
        Run(program, nr);
        return steps;
    }

    [ThreadStatic]
    private static int steps;

    internal static uint RunArch(sock_filter[] program, int nr, uint arch, params ulong[] args)
    {
        var data = new byte[seccomp_data.Size];
        BitConverter.TryWriteBytes(data.AsSpan(0), nr);
        BitConverter.TryWriteBytes(data.AsSpan(4), arch);
        for (var i = 0; i < args.Length; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(16 + (8 * i)), args[i]);
        }

        uint a = 0;
        for (var pc = 0; pc < program.Length; pc++)
        {
            var insn = program[pc];
            steps++;
            switch (insn.code)
            {
                case BPF_LD | BPF_W | BPF_ABS:
                    a = BitConverter.ToUInt32(data, (int)insn.k);
                    break;
                case BPF_JMP | BPF_JEQ | BPF_K:
                    pc += a == insn.k ? insn.jt : insn.jf;
                    break;
                case BPF_JMP | BPF_JGE | BPF_K:
                    pc += a >= insn.k ? insn.jt : insn.jf;
                    break;
                case BPF_JMP | BPF_JSET | BPF_K:
                    pc += (a & insn.k) != 0 ? insn.jt : insn.jf;
                    break;
                case BPF_RET | BPF_K:
                    return insn.k;
                default:
                    throw new InvalidOperationException($"unexpected opcode 0x{insn.code:x}");
            }
        }

        throw new InvalidOperationException("program fell off its end");
    }
}
