// SPDX-License-Identifier: Apache-2.0
using S = Interop.Syscalls;

namespace FarQuery.Events.Tracing;

/// <summary>What a traced syscall is about; it decides which decoder runs and which event (and table) it feeds.</summary>
internal enum SyscallFamily
{
    /// <summary>execve, execveat: a <see cref="ProcessEvent"/> written at PTRACE_EVENT_EXEC (process_events).</summary>
    Exec,

    /// <summary>File changes: a <see cref="FileEvent"/> (process_file_events).</summary>
    File,

    /// <summary>Socket calls: a <see cref="SocketEvent"/> (socket_events).</summary>
    Socket,

    /// <summary>The rarer process-level calls the detections need: a <see cref="ProcessEvent"/> with a detail
    /// (process_events).</summary>
    Process,
}

/// <summary>How a syscall's seccomp verdict is decided (docs/events.md, "Traced syscalls").</summary>
internal enum FilterKind
{
    /// <summary>Never stops at its entry (execve: PTRACE_EVENT_EXEC already stops the new image).</summary>
    None,

    /// <summary>Always stops.</summary>
    Always,

    /// <summary>Stops when the argument has any of the <see cref="FilterRule.Value"/> bits.</summary>
    ArgAnyBit,

    /// <summary>Stops when the argument equals <see cref="FilterRule.Value"/>.</summary>
    ArgEquals,
}

/// <summary>The seccomp rule of one syscall: the kind, the argument tested (only its low 32 bits are loaded), the
/// value, and whether tracing read opens turns it into <see cref="FilterKind.Always"/>.</summary>
internal readonly record struct FilterRule(FilterKind Kind, int Arg = 0, uint Value = 0, bool AlwaysWhenTracingReads = false)
{
    /// <summary>O_WRONLY | O_RDWR | O_CREAT | O_TRUNC: the same on x86_64 and arm64. An open with none of them cannot
    /// modify the file, so it never stops unless read opens are traced.</summary>
    public const uint OpenWriteFlags = 0x243;

    /// <summary>Stops at every call.</summary>
    public static FilterRule Always => new(FilterKind.Always);

    /// <summary>Never stops at its entry.</summary>
    public static FilterRule None => new(FilterKind.None);

    /// <summary>An open whose flags are argument <paramref name="flagsArg"/>: stops on write opens only.</summary>
    public static FilterRule WriteOpen(int flagsArg) => new(FilterKind.ArgAnyBit, flagsArg, OpenWriteFlags, AlwaysWhenTracingReads: true);

    /// <summary>The kind in force once the <c>trace_read_opens</c> option is applied.</summary>
    public FilterKind KindFor(bool traceReadOpens) => traceReadOpens && AlwaysWhenTracingReads ? FilterKind.Always : Kind;
}

/// <summary>Decodes a file syscall's arguments at its seccomp-stop.</summary>
/// <param name="tid">The stopped thread (for reads of its memory).</param>
/// <param name="args">The six syscall arguments.</param>
internal delegate PtraceLoop.FileCall FileDecoder(int tid, ulong[] args);

/// <summary>Decodes a rarer process-level syscall's arguments into the <c>detail</c> text.</summary>
/// <param name="tid">The stopped thread (for reads of its memory).</param>
/// <param name="tgid">Its process (for /proc/[pid]/fd lookups).</param>
/// <param name="args">The six syscall arguments.</param>
internal delegate string DetailDecoder(int tid, int tgid, ulong[] args);

/// <summary>One traced syscall: its number on this architecture, its name, family, seccomp rule and decoder. Exactly
/// one decoder is set for a File or Process syscall; a Socket syscall has its action instead; Exec has none (the exec
/// path reads argv itself).</summary>
internal sealed record SyscallDescriptor(int Nr, string Name, SyscallFamily Family, FilterRule Filter,
    FileDecoder? File = null, string? SocketAction = null, DetailDecoder? Detail = null)
{
    /// <summary>The table its events land in.</summary>
    public string Feeds => Family switch
    {
        SyscallFamily.File => "process_file_events",
        SyscallFamily.Socket => "socket_events",
        _ => "process_events",
    };
}

/// <summary>The traced syscalls of this architecture, in one table that drives the seccomp program
/// (<see cref="SeccompProgram"/>), the <c>syscall</c> column names and the seccomp-stop decoders
/// (<c>PtraceLoop.Syscalls.cs</c>), in the way falcosecurity/libs keeps one syscall table per architecture. The numbers
/// come from <c>Interop.Syscalls.{x64,arm64}.cs</c>, chosen by MSBuild; a syscall absent on the architecture has number
/// -1 there and is left out here (docs/events.md).</summary>
internal static class TracedSyscalls
{
    private const int AT_FDCWD = -100;
    private const int AT_REMOVEDIR = 0x200;
    private const ulong O_CREAT = 0x40;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Every traced syscall present on this architecture. Syscalls whose verdict depends on an argument come
    /// first, in the order the seccomp program tests them (openat, the most frequent, first).</summary>
    public static readonly SyscallDescriptor[] All = [.. Declare().Where(d => d.Nr >= 0)];

    private static readonly SyscallDescriptor?[] ByNumber = Index(All);

    /// <summary>The descriptor of syscall <paramref name="nr"/>, when it is traced.</summary>
    public static bool TryGet(int nr, out SyscallDescriptor descriptor)
    {
        descriptor = (uint)nr < (uint)ByNumber.Length ? ByNumber[nr]! : null!;
        return descriptor is not null;
    }

    /// <summary>The name of syscall <paramref name="nr"/>, or <c>syscall_N</c> for one not in the table.</summary>
    public static string Name(int nr) => TryGet(nr, out var d) ? d.Name : "syscall_" + nr.ToString(Inv);

    private static SyscallDescriptor?[] Index(SyscallDescriptor[] all)
    {
        var index = new SyscallDescriptor?[all.Max(d => d.Nr) + 1];
        foreach (var d in all)
        {
            if (index[d.Nr] is not null)
            {
                throw new InvalidOperationException($"syscall {d.Nr} is listed twice ({index[d.Nr]!.Name}, {d.Name})");
            }

            index[d.Nr] = d;
        }

        return index;
    }

    private static SyscallDescriptor File(int nr, string name, FilterRule rule, FileDecoder decode) => new(nr, name, SyscallFamily.File, rule, File: decode);

    private static SyscallDescriptor Socket(int nr, string name, string action, FilterRule rule) => new(nr, name, SyscallFamily.Socket, rule, SocketAction: action);

    private static SyscallDescriptor Process(int nr, string name, DetailDecoder decode) => new(nr, name, SyscallFamily.Process, FilterRule.Always, Detail: decode);

    // The uid and gid variants of the set*id calls take the same arguments, so they share their detail.
    private static string OneId(int tid, int tgid, ulong[] a) => string.Create(Inv, $"id={(int)a[0]}");

    private static string RealEffective(int tid, int tgid, ulong[] a) => string.Create(Inv, $"real={(int)a[0]} effective={(int)a[1]}");

    private static string RealEffectiveSaved(int tid, int tgid, ulong[] a) => string.Create(Inv, $"real={(int)a[0]} effective={(int)a[1]} saved={(int)a[2]}");

    private static IEnumerable<SyscallDescriptor> Declare()
    {
        var always = FilterRule.Always;
        return
        [
            // Argument-checked first: since Linux 5.11 the kernel caches a constant verdict per number and runs the
            // program only for these, openat at the rate the app opens files.
            File(S.openat, "openat", FilterRule.WriteOpen(2), static (_, a) => new("open", (int)a[0], a[1], Flags: (long)a[2], Mode: (a[2] & O_CREAT) != 0 ? (long)a[3] : null)),
            File(S.open, "open", FilterRule.WriteOpen(1), static (_, a) => new("open", AT_FDCWD, a[0], Flags: (long)a[1], Mode: (a[1] & O_CREAT) != 0 ? (long)a[2] : null)),

            // AF_PACKET sockets only: other socket() calls are reported through connect/bind/listen/accept.
            Socket(S.socket, "socket", "socket", new FilterRule(FilterKind.ArgEquals, 0, Interop.Libc.AF_PACKET)),

            // execve is not stopped at its entry: PTRACE_EVENT_EXEC stops the new image before its first instruction with
            // argv, the environment and AT_EXECFN still as passed. execveat is: it is rare, and only its entry tells it
            // apart (fexecve of a memfd).
            new(S.execve, "execve", SyscallFamily.Exec, FilterRule.None),
            new(S.execveat, "execveat", SyscallFamily.Exec, always),

            File(S.openat2, "openat2", always, static (tid, a) => OpenAt2(tid, a)),
            File(S.creat, "creat", always, static (_, a) => new("creat", AT_FDCWD, a[0], Mode: (long)a[1])),
            File(S.mkdir, "mkdir", always, static (_, a) => new("mkdir", AT_FDCWD, a[0], Mode: (long)a[1])),
            File(S.mkdirat, "mkdirat", always, static (_, a) => new("mkdir", (int)a[0], a[1], Mode: (long)a[2])),
            File(S.rmdir, "rmdir", always, static (_, a) => new("rmdir", AT_FDCWD, a[0])),
            File(S.unlink, "unlink", always, static (_, a) => new("unlink", AT_FDCWD, a[0])),
            File(S.unlinkat, "unlinkat", always, static (_, a) => new(((int)a[2] & AT_REMOVEDIR) != 0 ? "rmdir" : "unlink", (int)a[0], a[1])),
            File(S.rename, "rename", always, static (_, a) => new("rename", AT_FDCWD, a[0], AT_FDCWD, a[1])),
            File(S.renameat, "renameat", always, static (_, a) => new("rename", (int)a[0], a[1], (int)a[2], a[3])),
            File(S.renameat2, "renameat2", always, static (_, a) => new("rename", (int)a[0], a[1], (int)a[2], a[3])),
            File(S.link, "link", always, static (_, a) => new("link", AT_FDCWD, a[0], AT_FDCWD, a[1])),
            File(S.linkat, "linkat", always, static (_, a) => new("link", (int)a[0], a[1], (int)a[2], a[3])),

            // symlink(target, linkpath): the row's path is the link created; its target is kept as given.
            File(S.symlink, "symlink", always, static (_, a) => new("symlink", AT_FDCWD, a[1], TargetRaw: a[0])),
            File(S.symlinkat, "symlinkat", always, static (_, a) => new("symlink", (int)a[1], a[2], TargetRaw: a[0])),
            File(S.chmod, "chmod", always, static (_, a) => new("chmod", AT_FDCWD, a[0], Mode: (long)a[1])),
            File(S.fchmod, "fchmod", always, static (_, a) => new("chmod", (int)a[0], 0, Mode: (long)a[1], ByFd: true)),
            File(S.fchmodat, "fchmodat", always, static (_, a) => new("chmod", (int)a[0], a[1], Mode: (long)a[2])),
            File(S.fchmodat2, "fchmodat2", always, static (_, a) => new("chmod", (int)a[0], a[1], Mode: (long)a[2])),

            Socket(S.connect, "connect", "connect", always),
            Socket(S.bind, "bind", "bind", always),
            Socket(S.listen, "listen", "listen", always),
            Socket(S.accept, "accept", "accept", always),
            Socket(S.accept4, "accept4", "accept", always),

            Process(S.ptrace, "ptrace", static (_, _, a) => string.Create(Inv, $"request={(long)a[0]} pid={(int)a[1]}")),
            Process(S.memfd_create, "memfd_create", static (tid, _, a) => string.Create(Inv, $"name={TraceeMemory.ReadString(tid, a[0], 256)} flags=0x{a[1]:x}")),
            Process(S.setuid, "setuid", OneId),
            Process(S.setgid, "setgid", OneId),
            Process(S.setreuid, "setreuid", RealEffective),
            Process(S.setregid, "setregid", RealEffective),
            Process(S.setresuid, "setresuid", RealEffectiveSaved),
            Process(S.setresgid, "setresgid", RealEffectiveSaved),
            Process(S.setns, "setns", static (_, tgid, a) => string.Create(Inv, $"fd={(int)a[0]} path={ProcFacts.FdPath(tgid, (int)a[0])} nstype=0x{a[1]:x}")),
            Process(S.unshare, "unshare", static (_, _, a) => string.Create(Inv, $"flags=0x{a[0]:x}")),
            Process(S.init_module, "init_module", static (tid, _, a) => string.Create(Inv, $"size={a[1]} params={TraceeMemory.ReadString(tid, a[2], 256)}")),
            Process(S.finit_module, "finit_module", static (tid, tgid, a) => string.Create(Inv, $"fd={(int)a[0]} path={ProcFacts.FdPath(tgid, (int)a[0])} params={TraceeMemory.ReadString(tid, a[1], 256)} flags=0x{a[2]:x}")),
            Process(S.mount, "mount", static (tid, _, a) => string.Create(Inv, $"source={TraceeMemory.ReadString(tid, a[0], 1024)} target={TraceeMemory.ReadString(tid, a[1], 1024)} fstype={TraceeMemory.ReadString(tid, a[2], 64)} flags=0x{a[3]:x}")),
        ];
    }

    /// <summary>openat2: struct open_how { u64 flags; u64 mode; u64 resolve; } sits behind a pointer the filter cannot
    /// follow, so it always stops and the flags are read here.</summary>
    private static PtraceLoop.FileCall OpenAt2(int tid, ulong[] a)
    {
        Span<byte> how = stackalloc byte[16];
        var n = TraceeMemory.Read(tid, a[2], how);
        long? flags = n >= 8 ? BitConverter.ToInt64(how) : null;
        long? mode = n >= 16 ? BitConverter.ToInt64(how[8..]) : null;
        return new PtraceLoop.FileCall("open", (int)a[0], a[1], Flags: flags, Mode: (flags & 0x40) != 0 ? mode : null);
    }
}
