// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Admin;

/// <summary>The status report and the table list: what exists in the shared <see cref="TableContext"/> (agent facts,
/// event buffers, publishers) plus whatever the registered <see cref="IStatusSource"/>s (tracer, scheduler, backend)
/// report.</summary>
public sealed partial class AdminServer
{
    private StatusReport BuildStatus()
    {
        var context = Context;
        var now = context.Time.GetUtcNow().ToUnixTimeSeconds();
        return new StatusReport
        {
            Version = context.Agent.Version,
            InstanceId = context.Agent.InstanceId,
            Pid = context.Agent.Pid,
            Uid = PeerCredentials.EffectiveUid,
            StartTime = context.Agent.StartTime,
            UptimeSeconds = Math.Max(0, now - context.Agent.StartTime),
            Socket = SocketPath,
            Admin = counters.Snapshot(workers, idle),
            EventTables = [.. context.Events.Buffers.OrderBy(b => b.Name, StringComparer.Ordinal)
                .Select(b => new EventTableStatus(b.Name, b.Publisher, b.Added, b.Dropped, b.Expired, b.Count, b.Capacity))],
            Publishers = [.. context.Events.Publishers.OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new PublisherState(p.Name, p.Active, p.Message, p.Dropped))],
            Sections = [.. StatusSources.Of(context).All.Select(Section)],
        };
    }

    private static StatusSection Section(IStatusSource source)
    {
        try
        {
            return new StatusSection { Name = source.Name, Values = [.. source.GetStatus()] };
        }
        catch (Exception e)
        {
            // One broken subsystem must not hide the others' status.
            return new StatusSection { Name = source.Name, Values = [new("error", e.Message)] };
        }
    }

    private List<TableInfo> TableList() =>
    [
        .. workers.Primary.Tables.Select(t => new TableInfo
        {
            Name = t.Name,
            Description = t.Schema.Description,
            Event = t.Schema.IsEventTable,
            Aliases = t.Schema.Aliases,
            Columns = [.. t.Schema.Columns.Select(c => new ColumnInfo
            {
                Name = c.Name,
                Type = c.Type.ToSql(),
                Options = (int)c.Options,
                Collate = c.Collate,
                Description = c.Description,
            })],
        }),
    ];
}
