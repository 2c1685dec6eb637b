// SPDX-License-Identifier: Apache-2.0
using System.Collections.Frozen;

namespace FarQuery.Events.Tracing;

/// <summary>An action the tracer can refuse at its seccomp-stop, before the kernel runs it (docs/response.md,
/// "deny").</summary>
public enum DenyCheck
{
    /// <summary>An open for writing (or creat) of a path below /etc.</summary>
    WriteBelowEtc,

    /// <summary>An open for writing (or creat) of a path below a binary directory.</summary>
    WriteBelowBinaryDir,

    /// <summary>An execve/execveat of a file below /dev/shm.</summary>
    ExecFromDevShm,

    /// <summary>An execve/execveat of a memfd (fexecve, /proc/self/fd/N).</summary>
    ExecFromMemfd,

    /// <summary>PTRACE_ATTACH or PTRACE_SEIZE of another process.</summary>
    PtraceAttach,

    /// <summary>socket(AF_PACKET, ...).</summary>
    PacketSocket,

    /// <summary>init_module, finit_module.</summary>
    ModuleLoad,

    /// <summary>mount.</summary>
    Mount,

    /// <summary>unshare.</summary>
    Unshare,

    /// <summary>setns.</summary>
    Setns,
}

/// <summary>One enforceable check and the bundled detection it enforces: a deny playbook's filter (rule globs,
/// priority, tags) is matched against these to pick the checks it turns on.</summary>
/// <param name="Check">The check.</param>
/// <param name="Rule">The detection's rule name (farquery-detections).</param>
/// <param name="Priority">Its Falco priority.</param>
/// <param name="Tags">Its tags.</param>
public sealed record DenyRule(DenyCheck Check, string Rule, string Priority, IReadOnlyList<string> Tags)
{
    /// <summary>The errno the refused syscall returns: EACCES ("Permission denied", 13) for opens and execs, as the kernel
    /// answers a file it will not open or run, so tools print what an operator expects; EPERM ("Operation not
    /// permitted", 1) for the calls the kernel itself refuses that way without the capability (ptrace, sockets, modules,
    /// mount, namespaces).</summary>
    public int Errno => Check is DenyCheck.WriteBelowEtc or DenyCheck.WriteBelowBinaryDir or DenyCheck.ExecFromDevShm or DenyCheck.ExecFromMemfd ? 13 : 1;

    /// <summary>The errno's C name.</summary>
    public string ErrnoName => Errno == 13 ? "EACCES" : "EPERM";
}

/// <summary>How one check is enforced: by which playbook, only logged (dry run), and which process names (the
/// kernel's 15-character <c>comm</c>) are let through.</summary>
/// <param name="Playbook">The playbook's name.</param>
/// <param name="DryRun">Only log the would-be denial; the syscall runs.</param>
/// <param name="AllowedNames">Process names never denied (a package manager writing /etc, say).</param>
public sealed record DenyEnforcement(string Playbook, bool DryRun, IReadOnlySet<string> AllowedNames);

/// <summary>What the tracer decided at a stop.</summary>
/// <param name="Rule">The check and its detection.</param>
/// <param name="Enforcement">Who asked for it.</param>
/// <param name="Detail">What was refused (the path, the request).</param>
public sealed record DenyDecision(DenyRule Rule, DenyEnforcement Enforcement, string Detail);

/// <summary>The checks the tracer applies at its seccomp-stops, compiled once from the deny playbooks and immutable:
/// the tracer thread reads it without a lock and decides with a few comparisons and path prefix tests, never SQL
/// (docs/response.md, "deny"). A config reload swaps the whole object.</summary>
public sealed class DenyPolicy
{
    /// <summary>Directories whose files are programs: a write below one plants or replaces a binary.</summary>
    public static readonly IReadOnlyList<string> BinaryDirectories = ["/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/local/bin/", "/usr/local/sbin/", "/usr/libexec/"];

    /// <summary>Every check the tracer can enforce, with the detection each one enforces.</summary>
    public static readonly IReadOnlyList<DenyRule> Catalog =
    [
        new(DenyCheck.WriteBelowEtc, "Write below etc", "ERROR", ["container", "filesystem", "mitre_persistence", "T1098"]),
        new(DenyCheck.WriteBelowBinaryDir, "Write below binary dir", "ERROR", ["container", "filesystem", "mitre_persistence", "T1543"]),
        new(DenyCheck.ExecFromDevShm, "Execution from /dev/shm", "WARNING", ["container", "mitre_execution", "T1059.004"]),
        new(DenyCheck.ExecFromMemfd, "Fileless execution via memfd_create", "CRITICAL", ["container", "process", "mitre_defense_evasion", "T1620"]),
        new(DenyCheck.PtraceAttach, "PTRACE attached to process", "WARNING", ["container", "process", "mitre_privilege_escalation", "T1055.008"]),
        new(DenyCheck.PacketSocket, "Packet socket created in container", "NOTICE", ["container", "network", "mitre_credential_access", "T1557.002"]),
        new(DenyCheck.ModuleLoad, "Linux Kernel Module Injection Detected", "WARNING", ["container", "process", "mitre_persistence", "TA0003"]),
        new(DenyCheck.Mount, "Mount in container", "WARNING", ["container", "filesystem", "mitre_privilege_escalation", "T1611"]),
        new(DenyCheck.Unshare, "Change namespace privileges via unshare", "NOTICE", ["container", "mitre_privilege_escalation", "T1611"]),
        new(DenyCheck.Setns, "Change thread namespace", "NOTICE", ["container", "process", "mitre_privilege_escalation", "T1611"]),
    ];

    private const long OpenWriteFlags = 0x243; // O_WRONLY | O_RDWR | O_CREAT | O_TRUNC, the same on x86_64 and arm64
    private const long PTRACE_ATTACH = 16;
    private const long PTRACE_SEIZE = 0x4206;
    private const long AF_PACKET = 17;

    private readonly FrozenDictionary<DenyCheck, DenyEnforcement> checks;

    /// <summary>Compiles the enabled checks; the first enforcement given for a check that is not a dry run wins.</summary>
    public DenyPolicy(IEnumerable<KeyValuePair<DenyCheck, DenyEnforcement>> enabled)
    {
        var map = new Dictionary<DenyCheck, DenyEnforcement>();
        foreach (var (check, how) in enabled)
        {
            if (!map.TryGetValue(check, out var had) || (had.DryRun && !how.DryRun))
            {
                map[check] = how;
            }
        }

        checks = map.ToFrozenDictionary();
    }

    /// <summary>The checks in force.</summary>
    public IReadOnlyCollection<DenyCheck> Checks => checks.Keys;

    /// <summary>Whether execve must stop at its entry (it does not otherwise, docs/tracer.md §3.2): only then can an exec
    /// fail with EPERM instead of replacing the caller.</summary>
    public bool NeedsExecStops => checks.ContainsKey(DenyCheck.ExecFromDevShm) || checks.ContainsKey(DenyCheck.ExecFromMemfd);

    /// <summary>Whether a write open can be refused: only then does the tracer follow a write's links (PathLinks).</summary>
    public bool ChecksWrites => checks.ContainsKey(DenyCheck.WriteBelowEtc) || checks.ContainsKey(DenyCheck.WriteBelowBinaryDir);

    /// <summary>Whether an exec's links are worth following (PathLinks.RealPath): the /dev/shm check judges where a file
    /// is, and a link may lead to the caller's /proc/self/fd/N, which holds a memfd or a /dev/shm file.</summary>
    public bool FollowsExecLinks => checks.ContainsKey(DenyCheck.ExecFromDevShm) || checks.ContainsKey(DenyCheck.ExecFromMemfd);

    /// <summary>Whether the operation and flags make a creat or an open for writing, creating or truncating.</summary>
    public static bool IsWrite(string operation, long? flags) => operation == "creat" || (operation == "open" && ((flags ?? 0) & OpenWriteFlags) != 0);

    /// <summary>An open or creat of <paramref name="path"/> (resolved, absolute) with <paramref name="flags"/>.</summary>
    public DenyDecision? ForOpen(string operation, string? path, long? flags, string? name)
    {
        if (path is null || !IsWrite(operation, flags))
        {
            return null;
        }

        if (path.StartsWith("/etc/", StringComparison.Ordinal))
        {
            return Decide(DenyCheck.WriteBelowEtc, name, path);
        }

        foreach (var dir in BinaryDirectories)
        {
            if (path.StartsWith(dir, StringComparison.Ordinal))
            {
                return Decide(DenyCheck.WriteBelowBinaryDir, name, path);
            }
        }

        return null;
    }

    /// <summary>An exec of <paramref name="target"/>: the path as resolved, or what a /proc/self/fd/N or an
    /// AT_EMPTY_PATH descriptor points at (<c>/memfd:name (deleted)</c>).</summary>
    public DenyDecision? ForExec(string? target, string? name)
    {
        if (target is null)
        {
            return null;
        }

        if (target.StartsWith("/dev/shm/", StringComparison.Ordinal))
        {
            return Decide(DenyCheck.ExecFromDevShm, name, target);
        }

        return target.StartsWith("/memfd:", StringComparison.Ordinal) ? Decide(DenyCheck.ExecFromMemfd, name, target) : null;
    }

    /// <summary>A socket(<paramref name="family"/>, ...) call.</summary>
    public DenyDecision? ForSocket(long family, string? name) => family == AF_PACKET ? Decide(DenyCheck.PacketSocket, name, "socket(AF_PACKET)") : null;

    /// <summary>A ptrace call with <paramref name="request"/> on <paramref name="pid"/>.</summary>
    public DenyDecision? ForPtrace(long request, int pid, string? name) =>
        request is PTRACE_ATTACH or PTRACE_SEIZE ? Decide(DenyCheck.PtraceAttach, name, $"ptrace({(request == PTRACE_ATTACH ? "PTRACE_ATTACH" : "PTRACE_SEIZE")}, {pid})") : null;

    /// <summary>One of the calls denied whatever their arguments (module loading, mount, unshare, setns).</summary>
    public DenyDecision? ForCall(DenyCheck check, string detail, string? name) => Decide(check, name, detail);

    private DenyDecision? Decide(DenyCheck check, string? name, string detail)
    {
        if (!checks.TryGetValue(check, out var how) || (name is not null && how.AllowedNames.Contains(name)))
        {
            return null;
        }

        return new DenyDecision(Catalog[(int)check], how, detail);
    }
}

/// <summary>A syscall the tracer refused (or, in a dry run, would have): handed to the response engine off the tracer
/// thread.</summary>
/// <param name="Decision">What was decided.</param>
/// <param name="Syscall">The syscall's name.</param>
/// <param name="Pid">The process.</param>
/// <param name="Tid">The thread.</param>
/// <param name="Parent">Its parent.</param>
/// <param name="Name">Its name (comm).</param>
/// <param name="Path">Its executable.</param>
/// <param name="Cmdline">Its command line.</param>
/// <param name="Time">Unix time.</param>
/// <param name="Enforced">Whether the syscall was refused (false: a dry run, or the registers could not be written).</param>
public sealed record Denial(
    DenyDecision Decision, string Syscall, int Pid, int Tid, long Parent, string? Name, string? Path, string? Cmdline, long Time, bool Enforced);
