// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;
using S = Interop.Syscalls;

namespace FarQuery.Events.Tracing;

/// <summary>Decoding of seccomp-stops (syscall entry: arguments and strings are read here, before the kernel acts) and of
/// the matching syscall-exit-stops (result), into file, socket and process events.</summary>
internal sealed partial class PtraceLoop
{
    private const int AT_FDCWD = -100;
    private const long EINPROGRESS = 115;
    private const long EAGAIN = 11;

    // Set when the kernel lacks PTRACE_GET_SYSCALL_INFO (or a test asks for the fallback).
    private bool useRegisters = options.UseRegisters;

    /// <summary>Reads the stopped syscall: PTRACE_GET_SYSCALL_INFO (Linux ≥ 5.3) when available, else the registers. At
    /// an exit stop only <paramref name="rval"/> is meaningful.</summary>
    private unsafe bool TryGetSyscall(int tid, bool exit, out int nr, ulong[] args, out long rval)
    {
        nr = -1;
        rval = 0;
        if (!useRegisters)
        {
            ptrace_syscall_info info = default;
            if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(ptrace_syscall_info), (nint)(&info)) > 0)
            {
                if (exit)
                {
                    rval = info.rval;
                    return info.op == PTRACE_SYSCALL_INFO_EXIT;
                }

                nr = (int)info.nr;
                ((ReadOnlySpan<ulong>)info.args).CopyTo(args);

                // A foreign-ABI syscall (i386 int 0x80) has other numbers: let it run unrecorded.
                return info.op == PTRACE_SYSCALL_INFO_SECCOMP && info.arch == S.AUDIT_ARCH;
            }

            if (Interop.LastErrno is Interop.Errno.EIO or Interop.Errno.EINVAL)
            {
                // Kernel older than 5.3: fall back to the registers from now on.
                useRegisters = true;
            }
            else
            {
                return false;
            }
        }

        if (!GetSyscallRegisters(tid, out var n, args, out rval, out var native) || !native)
        {
            return false;
        }

        nr = (int)n;
        return true;
    }

    private void OnSeccomp(Tracee t)
    {
        t.Call = null;
        var a = new ulong[6];
        if (!TryGetSyscall(t.Tid, exit: false, out var nr, a, out _))
        {
            return;
        }

        if (!TracedSyscalls.TryGet(nr, out var d))
        {
            return;
        }

        var call = new PendingCall(nr, a);
        var pid = t.Tgid;
        if (d.Family == SyscallFamily.Exec)
        {
            // The only moment argv exists: after a successful exec the old memory is gone (docs/tracer.md §3.5). The row is
            // written at PTRACE_EVENT_EXEC, so a failed execve (a shell trying each PATH entry) leaves none.
            var (pathArg, argvArg, envArg) = nr == S.execve ? (a[0], a[1], a[2]) : (a[1], a[2], a[3]);
            var argvList = TraceeMemory.ReadStringArray(t.Tid, argvArg, 4096, out var argvSize);
            List<string>? env = null;
            long envSize = 0;
            if (options.CaptureEnvironment)
            {
                env = TraceeMemory.ReadStringArray(t.Tid, envArg, 4096, out envSize);
            }

            call.Exec = new ExecCall(TraceeMemory.ReadString(t.Tid, pathArg), argvList, argvSize, env, envSize);
            if (options.Deny is { } policy && policy.NeedsExecStops
                && ForExec(policy, pid, ExecTarget(pid, nr, a, call.Exec.Path)) is { } decision && Deny(t, call, decision))
            {
                // Refused: no exec event will come, and no row is written (the process still runs its old image).
                return;
            }

            t.Call = call;
            return;
        }

        switch (d.Family)
        {
            case SyscallFamily.File:
                DecodeFile(t, pid, call, d.File!);
                break;
            case SyscallFamily.Socket:
                DecodeSocket(t, call, d.SocketAction!);
                break;
            case SyscallFamily.Process:
                call.Rare = d.Detail!(t.Tid, t.Tgid, a);
                break;
            default:
                return;
        }

        if (options.Deny is { } deny && Decide(deny, t, call) is { } verdict && Deny(t, call, verdict))
        {
            // The syscall was skipped and returns the errno: its row is written now, with status "denied".
            var rval = -(long)verdict.Rule.Errno;
            if (call.File is { } f)
            {
                EmitFile(t, call, f, rval, denied: true);
            }
            else if (call.Socket is { } so)
            {
                EmitSocket(t, call, so, rval, denied: true);
            }
            else if (call.Rare is { } rare)
            {
                EmitRare(t, call, rare, rval, denied: true);
            }

            return;
        }

        t.Call = call;
        t.ExitPending = true;
    }

    /// <summary>The policy's verdict on a decoded file, socket or process call; null lets it run. Cheap: prefix tests
    /// and comparisons over what was decoded anyway (docs/response.md, "deny").</summary>
    private DenyDecision? Decide(DenyPolicy policy, Tracee t, PendingCall call)
    {
        var nr = call.Nr;
        var a = call.Args;
        if (call.File is { } f)
        {
            var writer = Facts(t.Tgid).Name;
            return policy.ForOpen(f.Operation, f.Path, f.Flags, writer) ?? ForLinkedWrite(policy, t.Tgid, f, writer);
        }

        if (nr == S.socket)
        {
            return policy.ForSocket((long)(int)a[0], Facts(t.Tgid).Name);
        }

        if (call.Rare is not { } detail)
        {
            return null;
        }

        var name = Facts(t.Tgid).Name;
        return nr == S.ptrace ? policy.ForPtrace((long)a[0], (int)a[1], name)
            : nr == S.init_module || nr == S.finit_module ? policy.ForCall(DenyCheck.ModuleLoad, TracedSyscalls.Name(nr) + " " + detail, name)
            : nr == S.mount ? policy.ForCall(DenyCheck.Mount, "mount " + detail, name)
            : nr == S.unshare ? policy.ForCall(DenyCheck.Unshare, "unshare " + detail, name)
            : nr == S.setns ? policy.ForCall(DenyCheck.Setns, "setns " + detail, name)
            : null;
    }

    /// <summary>A write whose spelled path passed, checked again where its links lead (a link below /tmp to /etc), when
    /// the writer shares the agent's root (docs/response.md, "deny").</summary>
    private static DenyDecision? ForLinkedWrite(DenyPolicy policy, int pid, FileCall f, string? writer) =>
        f.Path is { } path && policy.ChecksWrites && DenyPolicy.IsWrite(f.Operation, f.Flags)
        && SharesAgentRoot(pid) && PathLinks.Follow(pid, path) is { } real && real != path
            ? policy.ForOpen(f.Operation, real, f.Flags, writer)
            : null;

    /// <summary>The policy's verdict on an exec of <paramref name="target"/> (ExecTarget): as spelled, and when that
    /// passes, where its links lead (a link in /tmp to a file in /dev/shm, to /dev/shm itself, or to the caller's
    /// /proc/self/fd/N holding a memfd), when the caller shares
    /// the agent's root (docs/response.md, "deny"). The refusal then names the resolved path. Only the file named to
    /// execve/execveat is judged: a script's interpreter is the kernel's choice, made after this stop.</summary>
    private DenyDecision? ForExec(DenyPolicy policy, int pid, string? target)
    {
        var name = Facts(pid).Name;
        return policy.ForExec(target, name)
            ?? (target is not null && policy.FollowsExecLinks && SharesAgentRoot(pid) && PathLinks.RealPath(pid, target) is { } real && real != target
                ? policy.ForExec(real, name)
                : null);
    }

    /// <summary>Whether the process's root is the agent's: only then do the agent's path lookups (realpath, readlink)
    /// see what the process's own would; a chrooted process's links resolve in its own tree.</summary>
    private static bool SharesAgentRoot(int pid) => ProcFs.ReadLink(pid, "root"u8) == "/";

    /// <summary>Refuses the stopped syscall with the check's errno (unless the enforcement is a dry run) and tells the response
    /// engine; true when the syscall will not run. If the registers cannot be written the syscall runs and the denial is
    /// reported as failed by its detail.</summary>
    private bool Deny(Tracee t, PendingCall call, DenyDecision decision)
    {
        var skipped = !decision.Enforcement.DryRun && SkipSyscall(t.Tid, -(long)decision.Rule.Errno);
        if (skipped)
        {
            t.Call = null;
            t.ExitPending = false;
        }

        if (options.OnDenial is { } report)
        {
            var facts = Facts(t.Tgid);
            try
            {
                report(new Denial(decision, TracedSyscalls.Name(call.Nr), t.Tgid, t.Tid, facts.Parent, facts.Name, facts.Exe, facts.Cmdline, Now(), skipped));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The report is the response engine's; the decision at the stop stands either way.
                publisher.CountDropped();
            }
        }

        return skipped;
    }

    /// <summary>What an exec would run: the path resolved against the cwd or the directory descriptor, and for a
    /// descriptor (execveat with AT_EMPTY_PATH, or /proc/self/fd/N, /dev/fd/N) what it points at, such as
    /// <c>/memfd:x (deleted)</c>.</summary>
    private static string? ExecTarget(int pid, int nr, ulong[] a, string? raw)
    {
        const ulong AT_EMPTY_PATH = 0x1000;
        if (nr == S.execveat && string.IsNullOrEmpty(raw) && (a[4] & AT_EMPTY_PATH) != 0)
        {
            return ProcFacts.FdPath(pid, (int)a[0]);
        }

        var path = Resolve(pid, nr == S.execveat ? (int)a[0] : AT_FDCWD, raw, ProcFacts.Cwd(pid));
        if (path is null)
        {
            return null;
        }

        foreach (var prefix in (string[])["/proc/self/fd/", "/dev/fd/", $"/proc/{pid}/fd/"])
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(path.AsSpan(prefix.Length), out var fd))
            {
                return ProcFacts.FdPath(pid, fd);
            }
        }

        return path;
    }

    private void OnSyscallExit(Tracee t)
    {
        t.ExitPending = false;
        var call = t.Call;
        t.Call = null;
        if (call is null || !TryGetSyscall(t.Tid, exit: true, out _, new ulong[6], out var rval))
        {
            return;
        }

        if (call.File is { } file)
        {
            EmitFile(t, call, file, rval);
        }
        else if (call.Socket is { } socket)
        {
            EmitSocket(t, call, socket, rval);
        }
        else if (call.Rare is { } rare)
        {
            EmitRare(t, call, rare, rval);
        }
    }

    private static void DecodeFile(Tracee t, int pid, PendingCall c, FileDecoder decode)
    {
        var f = decode(t.Tid, c.Args);
        var cwd = ProcFacts.Cwd(pid);
        f.Cwd = cwd;
        if (f.ByFd)
        {
            f.Path = ProcFacts.FdPath(pid, f.DirFd);
            f.PathRaw = f.Path;
        }
        else
        {
            f.PathRaw = TraceeMemory.ReadString(t.Tid, f.PathArg);
            f.Path = Resolve(pid, f.DirFd, f.PathRaw, cwd);
        }

        if (f.DestArg != 0)
        {
            f.DestPath = Resolve(pid, f.DestDirFd, TraceeMemory.ReadString(t.Tid, f.DestArg), cwd);
        }
        else if (f.TargetRaw != 0)
        {
            f.DestPath = TraceeMemory.ReadString(t.Tid, f.TargetRaw);
        }

        c.File = f;
    }

    private void EmitFile(Tracee t, PendingCall c, FileCall f, long rval, bool denied = false)
    {
        // Read-only opens reach here only when traced on purpose; keep them as "open" with their flags.
        var facts = Facts(t.Tgid);
        Emit(new FileEvent
        {
            Operation = f.Operation,
            Syscall = TracedSyscalls.Name(c.Nr),
            Pid = t.Tgid,
            Tid = t.Tid,
            Ppid = facts.Parent,
            Executable = facts.Exe,
            Cwd = f.Cwd,
            Path = f.Path,
            PathRaw = f.PathRaw,
            DestPath = f.DestPath,
            Flags = f.Flags is { } fl ? Octal(fl) : null,
            Mode = f.Mode is { } m ? Octal(m & 0xfff) : null,
            Ids = facts.Ids,
            Auid = facts.Auid,
            Status = denied ? "denied" : rval < 0 ? "failed" : "succeeded",
            Result = rval,
            Time = Now(),
            Uptime = Uptime(),
        });
    }

    private static void DecodeSocket(Tracee t, PendingCall c, string action)
    {
        var a = c.Args;
        var nr = c.Nr;
        var s = new SocketCall(action);
        if (nr == S.connect || nr == S.bind)
        {
            // The address the app asked for, read before the kernel acts (and kept when the call fails).
            var len = (int)Math.Min(a[2], 128);
            Span<byte> buf = stackalloc byte[128];
            var n = TraceeMemory.Read(t.Tid, a[1], buf[..len]);
            if (Sockaddr.TryParse(buf[..n], out var addr))
            {
                s.Requested = addr;
            }
        }

        c.Socket = s;
    }

    private void EmitSocket(Tracee t, PendingCall c, SocketCall s, long rval, bool denied = false)
    {
        var a = c.Args;
        var nr = c.Nr;
        var fd = nr == S.accept || nr == S.accept4 || nr == S.socket ? rval : (long)(int)a[0];
        var status = denied ? "denied"
            : rval >= 0 ? "succeeded"
            : nr == S.connect && -rval == EINPROGRESS ? "in_progress"
            : (nr == S.accept || nr == S.accept4) && -rval == EAGAIN ? "no_client"
            : "failed";

        // What the kernel made of the socket: a copy of the tracee's descriptor (pidfd_getfd, Linux ≥ 5.6) answers
        // getsockname/getpeername/SO_PROTOCOL without injecting syscalls into the app.
        var probe = fd >= 0 && (rval >= 0 || -rval == EINPROGRESS) ? SocketProbe.Query(t.Tgid, (int)fd) : default;
        var family = probe.Family ?? s.Requested?.Family;
        Sockaddr? local = probe.Local ?? (s.Action == "bind" ? s.Requested : null);
        Sockaddr? remote = probe.Remote ?? (s.Action == "connect" ? s.Requested : null);
        if (nr == S.socket)
        {
            family = (long)(int)a[0];
        }

        Emit(new SocketEvent
        {
            Action = s.Action,
            Syscall = TracedSyscalls.Name(nr),
            Pid = t.Tgid,
            Tid = t.Tid,
            Path = Facts(t.Tgid).Exe,
            Fd = fd >= 0 ? fd : (nr == S.accept || nr == S.accept4 ? null : (long)(int)a[0]),
            Family = family,
            Protocol = probe.Protocol ?? (nr == S.socket ? (long)(int)a[2] : null),
            LocalAddress = local?.Address,
            LocalPort = local?.Port,
            RemoteAddress = remote?.Address,
            RemotePort = remote?.Port,
            Socket = (s.Action == "connect" ? remote?.UnixPath : null) ?? local?.UnixPath,
            Status = status,
            Result = rval,
            Time = Now(),
            Uptime = Uptime(),
        });
    }

    private void EmitRare(Tracee t, PendingCall c, string detail, long rval, bool denied = false)
    {
        var nr = c.Nr;
        var facts = Facts(t.Tgid);
        if (rval >= 0 && (nr == S.setuid || nr == S.setgid || nr == S.setreuid || nr == S.setregid || nr == S.setresuid || nr == S.setresgid))
        {
            // Credentials changed: later rows of this process must show the new ids.
            facts.Refresh();
        }

        Emit(new ProcessEvent
        {
            Syscall = TracedSyscalls.Name(nr),
            Pid = t.Tgid,
            Tid = t.Tid,
            Parent = facts.Parent,
            Path = facts.Exe,
            Cmdline = facts.Cmdline,
            Cwd = ProcFacts.Cwd(t.Tgid),
            Name = facts.Name,
            Ids = facts.Ids,
            Auid = facts.Auid,
            Detail = detail,
            Status = denied ? "denied" : rval < 0 ? "failed" : "succeeded",
            Result = rval,
            Time = Now(),
            Uptime = Uptime(),
        });
    }

    /// <summary>Joins a path to its directory (cwd or the directory fd) and normalises it lexically; symlinks are not
    /// followed (the target may not exist yet, or any more).</summary>
    internal static string? Resolve(int pid, int dirFd, string? raw, string? cwd)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.StartsWith('/'))
        {
            return Normalize(raw);
        }

        var dir = dirFd == AT_FDCWD ? cwd : ProcFacts.FdPath(pid, dirFd);
        return dir is null ? null : Normalize(dir + "/" + raw);
    }

    /// <summary>Removes empty, "." and ".." components of an absolute path.</summary>
    internal static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var p in path.Split('/'))
        {
            if (p.Length == 0 || p == ".")
            {
                continue;
            }

            if (p == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(p);
        }

        return "/" + string.Join('/', parts);
    }

    private static string Octal(long value) => "0" + Convert.ToString(value, 8);

    /// <summary>The syscall seen at a seccomp-stop.</summary>
    internal sealed class PendingCall(int nr, ulong[] args)
    {
        public int Nr { get; } = nr;

        public ulong[] Args { get; } = args;

        public ExecCall? Exec { get; set; }

        public FileCall? File { get; set; }

        public SocketCall? Socket { get; set; }

        public string? Rare { get; set; }
    }

    internal sealed record ExecCall(string? Path, List<string>? Argv, long ArgvSize, List<string>? Env, long EnvSize);

    internal sealed record FileCall(string Operation, int DirFd, ulong PathArg, int DestDirFd = AT_FDCWD, ulong DestArg = 0,
        ulong TargetRaw = 0, long? Flags = null, long? Mode = null, bool ByFd = false)
    {
        public string? Cwd { get; set; }

        public string? Path { get; set; }

        public string? PathRaw { get; set; }

        public string? DestPath { get; set; }
    }

    internal sealed class SocketCall(string action)
    {
        public string Action { get; } = action;

        public Sockaddr? Requested { get; set; }
    }
}
