// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Loaded kernel modules from /proc/modules; empty where the file is absent (Fargate's microVM kernel).</summary>
[RowSource(typeof(KernelModule))]
public sealed partial class KernelModulesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/modules", out var bytes))
        {
            yield break;
        }

        foreach (var m in ProcModules.Parse(bytes))
        {
            var row = RowFrom(m);
            yield return row;
        }
    }
}
