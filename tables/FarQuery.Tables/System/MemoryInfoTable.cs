// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>One row from /proc/meminfo, in bytes. Inside a container this is the VM's memory, not the cgroup limit.</summary>
public sealed partial class MemoryInfoTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/meminfo", out var bytes))
        {
            yield break;
        }

        var m = MemInfo.Parse(bytes);
        object? Get(string key) => m.TryGetValue(key, out var v) ? v : null;
        var row = NewRow();
        row[C.MemoryTotal] = Get("MemTotal");
        row[C.MemoryFree] = Get("MemFree");
        row[C.MemoryAvailable] = Get("MemAvailable");
        row[C.Buffers] = Get("Buffers");
        row[C.Cached] = Get("Cached");
        row[C.SwapCached] = Get("SwapCached");
        row[C.Active] = Get("Active");
        row[C.Inactive] = Get("Inactive");
        row[C.SwapTotal] = Get("SwapTotal");
        row[C.SwapFree] = Get("SwapFree");
        yield return row;
    }
}
