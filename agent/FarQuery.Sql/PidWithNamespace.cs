// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Sql;

/// <summary>
/// osquery's hidden <c>pid_with_namespace</c> and <c>mount_namespace_id</c> columns, for every table whose spec declares
/// them (docs/osquery-compat.md §0): with <c>pid_with_namespace = N</c> the table is built again over a file-system seam
/// rooted at <c>/proc/N/root</c>, so it reads what process N sees in its mount namespace (in a task that shares its pid
/// namespace, another container's files), and every row carries N and the inode of <c>/proc/N/ns/mnt</c>. Without the
/// constraint the rows are the table's own, with <c>pid_with_namespace</c> 0.
/// </summary>
internal static class PidWithNamespace
{
    /// <summary>The column osquery names for the process whose mount namespace to read.</summary>
    public const string PidColumn = "pid_with_namespace";

    /// <summary>The column osquery names for that namespace's id.</summary>
    public const string NamespaceColumn = "mount_namespace_id";

    /// <summary>The rows of <paramref name="table"/> for <paramref name="query"/>, run in the namespaces the query asks for.</summary>
    public static IEnumerable<object?[]> Rows(TableRegistration registration, Table table, TableContext context, QueryContext query)
    {
        var pidColumn = table.Schema.IndexOf(PidColumn);
        if (pidColumn < 0)
        {
            return table.Generate(query);
        }

        var pids = query.IntegerEquals(pidColumn);
        return pids is null
            ? Stamp(table.Generate(query), pidColumn, 0L, -1, null)
            : InNamespaces(registration, context, query, pidColumn, table.Schema.IndexOf(NamespaceColumn), pids);
    }

    private static IEnumerable<object?[]> InNamespaces(TableRegistration registration, TableContext context, QueryContext query, int pidColumn, int namespaceColumn, IReadOnlyList<long> pids)
    {
        foreach (var pid in pids.Distinct())
        {
            if (pid <= 0 || pid > int.MaxValue)
            {
                continue;
            }

            var proc = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
            var root = context.Fs.Resolve(proc + "/root");

            // A process that exited, or whose root the agent may not follow (another user's without CAP_SYS_PTRACE),
            // has no rows, as in osquery.
            if (!Directory.Exists(root))
            {
                continue;
            }

            var id = context.Fs.TryReadLink(proc + "/ns/mnt", out var link) ? NamespaceId(link) : "";
            var inner = registration.Factory(context.WithFileSystem(new HostFileSystem(root)));
            foreach (var row in Stamp(inner.Generate(query), pidColumn, pid, namespaceColumn, id))
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<object?[]> Stamp(IEnumerable<object?[]> rows, int pidColumn, long pid, int namespaceColumn, string? id)
    {
        foreach (var row in rows)
        {
            row[pidColumn] = pid;
            if (namespaceColumn >= 0)
            {
                row[namespaceColumn] = id;
            }

            yield return row;
        }
    }

    /// <summary>The inode in a namespace link's target (<c>mnt:[4026531840]</c> gives <c>4026531840</c>); the target
    /// itself when it has no brackets.</summary>
    public static string NamespaceId(string link)
    {
        var open = link.IndexOf('[', StringComparison.Ordinal);
        var close = link.LastIndexOf(']');
        return open >= 0 && close > open ? link[(open + 1)..close] : link;
    }
}
