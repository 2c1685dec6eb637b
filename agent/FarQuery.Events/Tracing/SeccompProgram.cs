// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>Builds the classic-BPF seccomp filter that decides which syscalls stop in the tracer, from the rules in
/// <see cref="TracedSyscalls"/> (docs/events.md, "Traced syscalls"). Everything not listed runs at full speed
/// (SECCOMP_RET_ALLOW).</summary>
internal static class SeccompProgram
{
    /// <summary>Syscalls that stop whatever their arguments: the table's <see cref="FilterKind.Always"/> rules.</summary>
    internal static readonly int[] AlwaysTraced = [.. TracedSyscalls.All.Where(d => d.Filter.Kind == FilterKind.Always).Select(d => d.Nr)];

    /// <summary>__X32_SYSCALL_BIT, or 0 on arm64. A field rather than the constant itself: with the constant, the arm64 build
    /// fails on "unreachable code" (CS0162) in the x86_64-only branch below.</summary>
    private static readonly uint X32SyscallBit = Interop.Syscalls.X32_SYSCALL_BIT;

    /// <summary>The program for this architecture.</summary>
    /// <param name="traceReadOpens">Stop on every open (docs/tracer.md §3.2 caveat).</param>
    /// <param name="traceExecEntry">Stop at execve's entry too, so a deny playbook can refuse an exec (docs/response.md).</param>
    public static sock_filter[] Build(bool traceReadOpens, bool traceExecEntry = false)
    {
        var p = new Assembler();

        // A syscall of a foreign ABI (i386 int 0x80 on x86_64) has other numbers: never allow it blindly.
        p.Load(seccomp_data.arch);
        p.JumpIfEqual(Interop.Syscalls.AUDIT_ARCH, "native", null);
        p.Return(SECCOMP_RET_TRACE);
        p.Label("native");
        p.Load(seccomp_data.nr);
        if (X32SyscallBit != 0)
        {
            p.JumpIfGreaterOrEqual(X32SyscallBit, "trace", null);
        }

        // The syscalls whose verdict depends on an argument come first, in table order. Since Linux 5.11 the kernel caches
        // a constant verdict per syscall number and skips the filter for it (read, write, close, mmap ... never run it);
        // only these run the program, openat at the rate the app opens files, so they get the shortest path.
        var checkedArgs = TracedSyscalls.All.Where(d => d.Filter.KindFor(traceReadOpens) is FilterKind.ArgAnyBit or FilterKind.ArgEquals).ToArray();
        foreach (var d in checkedArgs)
        {
            p.JumpIfEqual((uint)d.Nr, d.Name, null);
        }

        // Which label each always-traced syscall goes to; every other number is allowed.
        var targets = new SortedDictionary<uint, string>();
        foreach (var d in TracedSyscalls.All.Where(d => d.Filter.KindFor(traceReadOpens) == FilterKind.Always))
        {
            targets[(uint)d.Nr] = "trace";
        }

        if (traceExecEntry)
        {
            targets[(uint)Interop.Syscalls.execve] = "trace";
        }

        // A binary search over the numbers rather than one comparison per syscall: kernels before 5.11 (no verdict cache)
        // run the filter on every syscall, and read/write must not pay ~40 comparisons each (dd bs=1 measures that).
        var keys = targets.Keys.ToArray();
        Tree(p, keys, targets, 0, keys.Length);

        foreach (var d in checkedArgs)
        {
            // Only the low 32 bits of the argument are loaded: every O_* flag and address family fits in them.
            p.Label(d.Name);
            p.Load(seccomp_data.args + (uint)(8 * d.Filter.Arg));
            if (d.Filter.Kind == FilterKind.ArgAnyBit)
            {
                p.JumpIfAnyBit(d.Filter.Value, "trace", null);
            }
            else
            {
                p.JumpIfEqual(d.Filter.Value, "trace", null);
            }

            p.Return(SECCOMP_RET_ALLOW);
        }

        p.Label("trace");
        p.Return(SECCOMP_RET_TRACE);
        return p.Assemble();
    }

    /// <summary>Emits a search over keys[from..to): small ranges as a run of equality tests ending in ALLOW, larger ones
    /// split by a "nr >= middle" test whose true branch is laid out after the false branch (cBPF jumps only forward).</summary>
    private static void Tree(Assembler p, uint[] keys, SortedDictionary<uint, string> targets, int from, int to)
    {
        if (to - from <= 4)
        {
            for (var i = from; i < to; i++)
            {
                p.JumpIfEqual(keys[i], targets[keys[i]], null);
            }

            p.Return(SECCOMP_RET_ALLOW);
            return;
        }

        var mid = from + ((to - from) / 2);
        var right = p.NewLabel();
        p.JumpIfGreaterOrEqual(keys[mid], right, null);
        Tree(p, keys, targets, from, mid);
        p.Label(right);
        Tree(p, keys, targets, mid, to);
    }

    /// <summary>A tiny two-pass assembler: conditional jumps name labels, resolved to the 8-bit forward offsets cBPF
    /// requires (a jump beyond 255 instructions is a bug in the program shape and throws).</summary>
    private sealed class Assembler
    {
        private readonly List<(sock_filter Insn, string? True, string? False)> code = [];
        private readonly Dictionary<string, int> labels = new(StringComparer.Ordinal);

        private int next;

        public void Label(string name) => labels.Add(name, code.Count);

        public string NewLabel() => "L" + (next++).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void Load(uint offset) => Emit((ushort)(BPF_LD | BPF_W | BPF_ABS), offset);

        public void Return(uint action) => Emit((ushort)(BPF_RET | BPF_K), action);

        public void JumpIfEqual(uint k, string? jt, string? jf) => code.Add((Insn((ushort)(BPF_JMP | BPF_JEQ | BPF_K), k), jt, jf));

        public void JumpIfGreaterOrEqual(uint k, string? jt, string? jf) => code.Add((Insn((ushort)(BPF_JMP | BPF_JGE | BPF_K), k), jt, jf));

        public void JumpIfAnyBit(uint k, string? jt, string? jf) => code.Add((Insn((ushort)(BPF_JMP | BPF_JSET | BPF_K), k), jt, jf));

        public sock_filter[] Assemble()
        {
            var result = new sock_filter[code.Count];
            for (var i = 0; i < code.Count; i++)
            {
                var (insn, jt, jf) = code[i];
                insn.jt = Offset(i, jt);
                insn.jf = Offset(i, jf);
                result[i] = insn;
            }

            if (result.Length > BPF_MAXINSNS)
            {
                throw new InvalidOperationException($"seccomp program has {result.Length} instructions (max {BPF_MAXINSNS})");
            }

            return result;
        }

        private byte Offset(int at, string? label)
        {
            if (label is null)
            {
                return 0;
            }

            var distance = labels[label] - at - 1;
            if (distance is < 0 or > 255)
            {
                throw new InvalidOperationException($"seccomp jump to '{label}' spans {distance} instructions");
            }

            return (byte)distance;
        }

        private void Emit(ushort op, uint k) => code.Add((Insn(op, k), null, null));

        private static sock_filter Insn(ushort op, uint k) => new() { code = op, k = k };
    }
}
