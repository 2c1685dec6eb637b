// SPDX-License-Identifier: Apache-2.0

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
        long? Get(string key) => m.TryGetValue(key, out var v) ? v : null;
        var row = NewRow();
        row.MemoryTotal = Get("MemTotal");
        row.MemoryFree = Get("MemFree");
        row.MemoryAvailable = Get("MemAvailable");
        row.Buffers = Get("Buffers");
        row.Cached = Get("Cached");
        row.SwapCached = Get("SwapCached");
        row.Active = Get("Active");
        row.Inactive = Get("Inactive");
        row.SwapTotal = Get("SwapTotal");
        row.SwapFree = Get("SwapFree");
        yield return row;
    }
}
