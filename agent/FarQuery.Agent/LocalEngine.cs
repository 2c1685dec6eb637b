// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Memory;

namespace FarQuery.Agent;

/// <summary>Builds an in-process SQL host over every table, for verbs that run without a running agent.</summary>
internal static class LocalEngine
{
    /// <summary>A host over the live container (or the root named by FARQUERY_ROOT, for fixture replays).</summary>
    public static SqlHost Create(TableContext? context = null) => new(TableRegistry.All, context ?? NewContext());

    /// <summary>A context over the live container (or FARQUERY_ROOT), with the memory budget sized from this process's
    /// cgroup unless <paramref name="memoryBudgetMib"/> is given.</summary>
    public static TableContext NewContext(long? memoryBudgetMib = null) => new()
    {
        Fs = new HostFileSystem(Environment.GetEnvironmentVariable("FARQUERY_ROOT") is { Length: > 0 } root ? root : "/"),
        Budget = MemoryBudget.Detect(new HostFileSystem(), memoryBudgetMib),
    };
}
