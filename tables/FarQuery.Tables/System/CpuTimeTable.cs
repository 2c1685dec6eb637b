// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Per-core times from the cpuN lines of /proc/stat, in USER_HZ ticks as the kernel prints them.</summary>
public sealed partial class CpuTimeTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/stat", out var bytes))
        {
            yield break;
        }

        foreach (var cpu in CpuTimes.Parse(bytes))
        {
            var row = NewRow();
            row.Core = cpu.Core;
            for (var i = 0; i < CpuTimes.FieldCount; i++)
            {
                // Columns user..guest_nice follow core in the kernel's order; a field the kernel did not print stays NULL.
                // The ordinal is computed, so this one write goes around the typed setters (the values are long).
                row.Values[C.User + i] = cpu.Times[i] >= 0 ? cpu.Times[i] : null;
            }

            yield return row;
        }
    }
}
