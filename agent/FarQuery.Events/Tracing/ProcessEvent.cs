// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>One process-level event: exec, fork/vfork/clone, exit, or a rarer syscall the detections need (ptrace,
/// memfd_create, setuid family, setns/unshare, init_module/finit_module, mount).</summary>
public sealed record ProcessEvent : TraceEvent
{
    /// <summary>Parent pid, or -1.</summary>
    public long Parent { get; init; } = -1;

    /// <summary>Resolved executable path (/proc/pid/exe).</summary>
    public string? Path { get; init; }

    /// <summary>argv joined by spaces (osquery's cmdline).</summary>
    public string? Cmdline { get; init; }

    /// <summary>Total bytes of argv strings.</summary>
    public long? CmdlineSize { get; init; }

    /// <summary>The path passed to execve, before resolution.</summary>
    public string? ExecPath { get; init; }

    /// <summary>Environment joined by spaces, when captured.</summary>
    public string? Env { get; init; }

    /// <summary>Number of environment strings, when captured.</summary>
    public long? EnvCount { get; init; }

    /// <summary>Total bytes of environment strings, when captured.</summary>
    public long? EnvSize { get; init; }

    /// <summary>Working directory.</summary>
    public string? Cwd { get; init; }

    /// <summary>Kernel comm (≤ 15 bytes), what Falco calls proc.name.</summary>
    public string? Name { get; init; }

    /// <summary>Real, effective, saved and filesystem user and group ids; -1 when unknown.</summary>
    public ProcessIds Ids { get; init; } = ProcessIds.Unknown;

    /// <summary>Audit login uid, or null.</summary>
    public long? Auid { get; init; }

    /// <summary>Permission bits of the executed file, octal text.</summary>
    public string? Mode { get; init; }

    /// <summary>Exit code for exit rows.</summary>
    public long? ExitCode { get; init; }

    /// <summary>Terminating signal for exit rows.</summary>
    public long? Signal { get; init; }

    /// <summary>For exit rows: the process died of a SIGSYS that never passed a signal-delivery-stop, which is how the
    /// kernel ends a process for a seccomp filter's KILL_PROCESS or KILL_THREAD (docs/events.md, "Seccomp kills").</summary>
    public bool SeccompKill { get; init; }

    /// <summary>Decoded arguments of the rarer syscalls ("request=PTRACE_ATTACH pid=42").</summary>
    public string? Detail { get; init; }

    /// <summary>succeeded or failed (rarer syscalls), null where not observed.</summary>
    public string? Status { get; init; }

    /// <summary>Return value of the rarer syscalls (−errno on failure).</summary>
    public long? Result { get; init; }
}
