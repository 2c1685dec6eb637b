// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables;

/// <summary>The osquery flags FarQuery honours, with their defaults and the values the configuration's "options" set
/// (<see cref="OsqueryFlagValues"/>). Fleet reads distributed_interval, config_tls_refresh, config_refresh,
/// logger_tls_period and pack_delimiter from here.</summary>
public sealed partial class OsqueryFlagsTable(TableContext context) : Table(context)
{
    private static readonly (string Name, string Type, string Description, string Default)[] Flags =
    [
        ("config_refresh", "uint32", "Optional interval in seconds to re-read configuration", "0"),
        ("config_tls_refresh", "uint32", "Optional interval in seconds to re-read configuration over TLS", "0"),
        ("distributed_interval", "uint32", "Seconds between polls for distributed (live) queries", "60"),
        ("events_expiry", "uint64", "Seconds an event stays in its buffer", "3600"),
        ("events_max", "uint64", "Maximum number of events kept per event table", "50000"),
        ("host_identifier", "string", "Field used to identify the host running the agent (hostname, uuid, instance, ephemeral, specified)", "hostname"),
        ("logger_tls_period", "uint64", "Seconds between flushing logs over TLS", "4"),
        (MemoryBudgetFlag, "uint64", "MiB the agent may spend on queries, event and log buffers (0: 15% of the container's memory limit, at most 150)", "0"),
        ("pack_delimiter", "string", "Delimiter between pack name and query name in schedule names", "_"),
        ("schedule_default_interval", "uint64", "Query interval used when a scheduled query gives none", "3600"),
        ("schedule_splay_percent", "uint64", "Percent to splay config times", "10"),
    ];

    private const string MemoryBudgetFlag = "memory_budget";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var values = Context.Services.Get<OsqueryFlagValues>()?.Values;
        foreach (var (name, type, description, defaultValue) in Flags)
        {
            var row = NewRow();
            row[C.Name] = name;
            row[C.Type] = type;
            row[C.Description] = description;
            row[C.DefaultValue] = defaultValue;
            row[C.Value] = name == MemoryBudgetFlag
                ? (Context.Budget.Bytes >> 20).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : values is not null && values.TryGetValue(name, out var v) ? v : defaultValue;
            row[C.ShellOnly] = 0L;
            yield return row;
        }
    }
}
