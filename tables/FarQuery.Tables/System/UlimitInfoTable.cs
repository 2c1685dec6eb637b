// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The agent's resource limits, read from /proc/self/limits rather than getrlimit(2) so tests can replay a
/// captured file; the values are the same (man 5 proc). Rows use osquery's short names, in its (alphabetical) order;
/// limits osquery does not list (the realtime timeout) are left out.</summary>
public sealed partial class UlimitInfoTable(TableContext context) : Table(context)
{
    /// <summary>The kernel's limit names mapped to the RLIMIT_* short names osquery reports.</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Max address space"] = "as",
        ["Max core file size"] = "core",
        ["Max cpu time"] = "cpu",
        ["Max data size"] = "data",
        ["Max file size"] = "fsize",
        ["Max file locks"] = "locks",
        ["Max locked memory"] = "memlock",
        ["Max msgqueue size"] = "msgqueue",
        ["Max nice priority"] = "nice",
        ["Max open files"] = "nofile",
        ["Max processes"] = "nproc",
        ["Max resident set"] = "rss",
        ["Max realtime priority"] = "rtprio",
        ["Max pending signals"] = "sigpending",
        ["Max stack size"] = "stack",
    };

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/self/limits", out var bytes))
        {
            yield break;
        }

        var limits = ProcLimits.Parse(bytes)
            .Where(l => Names.ContainsKey(l.Name))
            .Select(l => (Type: Names[l.Name], l.Soft, l.Hard))
            .OrderBy(l => l.Type, StringComparer.Ordinal);
        foreach (var (type, soft, hard) in limits)
        {
            var row = NewRow();
            row.Type = type;
            row.SoftLimit = soft;
            row.HardLimit = hard;
            yield return row;
        }
    }
}
