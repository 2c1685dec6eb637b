// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>Builds the classic-BPF seccomp filter that decides which syscalls stop in the tracer (ptrace.md §3.2,
/// detections.md §3). Everything not listed runs at full speed (SECCOMP_RET_ALLOW).</summary>
internal static class SeccompProgram
{
    /// <summary>O_WRONLY | O_RDWR | O_CREAT | O_TRUNC: the same on x86_64 and arm64. An open with none of them cannot
    /// modify the file, so it never stops unless read opens are traced.</summary>
    internal const uint OpenWriteFlags = 0x243;

    /// <summary>Syscalls that always stop (numbers absent on the architecture are -1 and skipped). execve is not among
    /// them: PTRACE_EVENT_EXEC already stops the new image before its first instruction, with argv, the environment and
    /// AT_EXECFN still as passed, so its entry stop would only add a stop per exec. execveat stays: it is rare, and only its
    /// entry tells it apart (fexecve of a memfd).</summary>
    internal static readonly int[] AlwaysTraced =
    [
        Interop.Syscalls.execveat,
        Interop.Syscalls.creat, Interop.Syscalls.openat2,
        Interop.Syscalls.mkdir, Interop.Syscalls.mkdirat, Interop.Syscalls.rmdir,
        Interop.Syscalls.unlink, Interop.Syscalls.unlinkat,
        Interop.Syscalls.rename, Interop.Syscalls.renameat, Interop.Syscalls.renameat2,
        Interop.Syscalls.link, Interop.Syscalls.linkat, Interop.Syscalls.symlink, Interop.Syscalls.symlinkat,
        Interop.Syscalls.chmod, Interop.Syscalls.fchmod, Interop.Syscalls.fchmodat, Interop.Syscalls.fchmodat2,
        Interop.Syscalls.connect, Interop.Syscalls.bind, Interop.Syscalls.listen, Interop.Syscalls.accept, Interop.Syscalls.accept4,
        Interop.Syscalls.ptrace, Interop.Syscalls.memfd_create,
        Interop.Syscalls.setuid, Interop.Syscalls.setgid, Interop.Syscalls.setreuid, Interop.Syscalls.setregid,
        Interop.Syscalls.setresuid, Interop.Syscalls.setresgid,
        Interop.Syscalls.setns, Interop.Syscalls.unshare,
        Interop.Syscalls.init_module, Interop.Syscalls.finit_module, Interop.Syscalls.mount,
    ];

    /// <summary>__X32_SYSCALL_BIT, or 0 on arm64. A field rather than the constant itself: with the constant, the arm64 build
    /// fails on "unreachable code" (CS0162) in the x86_64-only branch below.</summary>
    private static readonly uint X32SyscallBit = Interop.Syscalls.X32_SYSCALL_BIT;

    /// <summary>The program for this architecture.</summary>
    public static sock_filter[] Build(bool traceReadOpens)
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

        // The syscalls whose verdict depends on an argument come first. Since Linux 5.11 the kernel caches a constant
        // verdict per syscall number and skips the filter for it (read, write, close, mmap ... never run it); only these
        // run the program, openat at the rate the app opens files, so they get the shortest path.
        if (!traceReadOpens)
        {
            JumpIfSyscall(p, Interop.Syscalls.openat, "openat");
            JumpIfSyscall(p, Interop.Syscalls.open, "open");
        }

        // AF_PACKET sockets only: other socket() calls are reported through connect/bind/listen/accept.
        JumpIfSyscall(p, Interop.Syscalls.socket, "socket");

        // Which label each special syscall goes to; every other number is allowed.
        var targets = new SortedDictionary<uint, string>();
        foreach (var nr in AlwaysTraced)
        {
            Set(targets, nr, "trace");
        }

        if (traceReadOpens)
        {
            Set(targets, Interop.Syscalls.openat, "trace");
            Set(targets, Interop.Syscalls.open, "trace");
        }

        // A binary search over the numbers rather than one comparison per syscall: kernels before 5.11 (no verdict cache)
        // run the filter on every syscall, and read/write must not pay ~40 comparisons each (dd bs=1 measures that).
        var keys = targets.Keys.ToArray();
        Tree(p, keys, targets, 0, keys.Length);

        if (!traceReadOpens)
        {
            // Only the low 32 bits of the flags argument are loaded: every O_* flag fits in them.
            p.Label("openat");
            p.Load(seccomp_data.args + (8 * 2));
            p.JumpIfAnyBit(OpenWriteFlags, "trace", null);
            p.Return(SECCOMP_RET_ALLOW);
            p.Label("open");
            p.Load(seccomp_data.args + (8 * 1));
            p.JumpIfAnyBit(OpenWriteFlags, "trace", null);
            p.Return(SECCOMP_RET_ALLOW);
        }

        p.Label("socket");
        p.Load(seccomp_data.args);
        p.JumpIfEqual(AF_PACKET, "trace", null);
        p.Return(SECCOMP_RET_ALLOW);

        p.Label("trace");
        p.Return(SECCOMP_RET_TRACE);
        return p.Assemble();
    }

    private static void JumpIfSyscall(Assembler p, int nr, string label)
    {
        if (nr >= 0)
        {
            p.JumpIfEqual((uint)nr, label, null);
        }
    }

    private static void Set(SortedDictionary<uint, string> targets, int nr, string label)
    {
        if (nr >= 0)
        {
            targets[(uint)nr] = label;
        }
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
