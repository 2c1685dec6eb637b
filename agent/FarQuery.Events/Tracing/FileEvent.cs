// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>One file event: an open for write, creat, rename, unlink, mkdir, rmdir, chmod, link or symlink.</summary>
public sealed record FileEvent : TraceEvent
{
    /// <summary>open, creat, rename, unlink, mkdir, rmdir, chmod, link, symlink.</summary>
    public required string Operation { get; init; }

    /// <summary>Parent pid.</summary>
    public long Ppid { get; init; } = -1;

    /// <summary>Executable path of the process.</summary>
    public string? Executable { get; init; }

    /// <summary>Working directory of the process.</summary>
    public string? Cwd { get; init; }

    /// <summary>Resolved absolute path (lexically normalised, relative paths joined to the directory fd or cwd).</summary>
    public string? Path { get; init; }

    /// <summary>The path exactly as passed to the syscall (Falco's fd.nameraw).</summary>
    public string? PathRaw { get; init; }

    /// <summary>Resolved destination for rename and link; the link target as given for symlink.</summary>
    public string? DestPath { get; init; }

    /// <summary>Open flags (octal text) for opens.</summary>
    public string? Flags { get; init; }

    /// <summary>Mode argument (chmod, mkdir, creat/open with O_CREAT), octal text.</summary>
    public string? Mode { get; init; }

    /// <summary>Process credential ids.</summary>
    public ProcessIds Ids { get; init; } = ProcessIds.Unknown;

    /// <summary>Audit login uid.</summary>
    public long? Auid { get; init; }

    /// <summary>succeeded or failed.</summary>
    public string? Status { get; init; }

    /// <summary>Return value (fd for opens; −errno on failure).</summary>
    public long? Result { get; init; }
}
