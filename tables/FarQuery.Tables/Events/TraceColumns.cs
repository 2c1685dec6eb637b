// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The eight credential columns of process_events and process_file_events; their generated rows implement it,
/// so one method fills both (docs/conventions.md §3, "How a table builds rows").</summary>
internal interface ICredentialColumns
{
    long? Uid { set; }

    long? Euid { set; }

    long? Gid { set; }

    long? Egid { set; }

    long? Fsuid { set; }

    long? Suid { set; }

    long? Fsgid { set; }

    long? Sgid { set; }
}

/// <summary>The same eight columns as text: process_file_events keeps osquery's type for them, TEXT (the audit-based
/// table osquery fills reports them as text).</summary>
internal interface ITextCredentialColumns
{
    string? Uid { set; }

    string? Euid { set; }

    string? Gid { set; }

    string? Egid { set; }

    string? Fsuid { set; }

    string? Suid { set; }

    string? Fsgid { set; }

    string? Sgid { set; }
}

/// <summary>The parent, ancestor and start-time columns every ptrace table carries from the tracer's task table.</summary>
internal interface IAncestryColumns
{
    string? ParentName { set; }

    string? ParentPath { set; }

    string? ParentCmdline { set; }

    string? Ancestors { set; }

    long? StartTime { set; }
}

/// <summary>Fills the column groups the ptrace tables share.</summary>
internal static class TraceColumns
{
    /// <summary>Writes <paramref name="ids"/>; the tracer's -1 (unreadable) becomes NULL.</summary>
    public static void WriteIds<TRow>(TRow row, ProcessIds ids)
        where TRow : struct, ICredentialColumns
    {
        row.Uid = Id(ids.Uid);
        row.Euid = Id(ids.Euid);
        row.Gid = Id(ids.Gid);
        row.Egid = Id(ids.Egid);
        row.Fsuid = Id(ids.Fsuid);
        row.Suid = Id(ids.Suid);
        row.Fsgid = Id(ids.Fsgid);
        row.Sgid = Id(ids.Sgid);
    }

    /// <summary>Writes <paramref name="ids"/> as decimal text; the tracer's -1 (unreadable) becomes NULL.</summary>
    public static void WriteIdsAsText<TRow>(TRow row, ProcessIds ids)
        where TRow : struct, ITextCredentialColumns
    {
        row.Uid = Text(ids.Uid);
        row.Euid = Text(ids.Euid);
        row.Gid = Text(ids.Gid);
        row.Egid = Text(ids.Egid);
        row.Fsuid = Text(ids.Fsuid);
        row.Suid = Text(ids.Suid);
        row.Fsgid = Text(ids.Fsgid);
        row.Sgid = Text(ids.Sgid);
    }

    /// <summary>Writes the parent and ancestors of <paramref name="lineage"/>, and the process's start (NULL when not
    /// known, so that Falco's proc.duration has no value there, as in Falco).</summary>
    public static void WriteAncestry<TRow>(TRow row, ProcessLineage lineage)
        where TRow : struct, IAncestryColumns
    {
        row.ParentName = lineage.ParentName;
        row.ParentPath = lineage.ParentPath;
        row.ParentCmdline = lineage.ParentCmdline;
        row.Ancestors = lineage.Ancestors;
        row.StartTime = lineage.StartTime;
    }

    private static long? Id(long id) => id >= 0 ? id : null;

    private static string? Text(long id) => id >= 0 ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
