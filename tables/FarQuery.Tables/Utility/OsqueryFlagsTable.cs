// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Tables;

/// <summary>Every flag the agent declares (docs/flags.md), with its default and the value in force: the command line
/// over the flagfile over the config's <c>options</c> over the environment. The agent puts the <see cref="FlagValues"/>
/// of the config in force in <c>TableContext.Services</c>; without one (an in-process query) every flag shows its
/// default. Fleet reads distributed_interval, config_tls_refresh, logger_tls_period and pack_delimiter from here.</summary>
public sealed partial class OsqueryFlagsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var values = Context.Services.Get<FlagValues>() ?? FlagValues.Defaults;
        foreach (var flag in FlagCatalog.All)
        {
            var row = NewRow();
            row.Name = flag.Name;
            row.Type = flag.TypeName;
            row.Description = flag.NoEffect is null ? flag.Description : $"{flag.Description} (no effect here: {flag.NoEffect})";
            row.DefaultValue = flag.Default;

            // memory_budget 0 means "size it from the container": the value shown is the size it got.
            row.Value = flag == FlagCatalog.MemoryBudget
                ? (Context.Budget.Bytes >> 20).ToString(CultureInfo.InvariantCulture)
                : values.Get(flag);
            row.ShellOnly = 0L;
            yield return row;

            // osquery lists an alias as a flag of its own; Fleet's detail query asks for config_tls_refresh by name.
            foreach (var alias in flag.Aliases)
            {
                var copy = row.Copy();
                copy.Name = alias;
                copy.Description = $"Alias of {flag.Name}: {flag.Description}";
                yield return copy;
            }
        }
    }
}
