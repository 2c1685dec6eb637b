// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The response playbooks' actions, as the agent recorded them (<see cref="Add"/>).</summary>
public sealed partial class ResponseActionsTable(TableContext context) : EventTableBase(context, PublisherName)
{
    /// <summary>The publisher name the rows are buffered under.</summary>
    public const string PublisherName = "response";

    /// <summary>Records one action.</summary>
    public static void Add(TableContext context, long time, string playbook, string action, string rule, long pid, string outcome, string detail)
    {
        var row = NewRow();
        row.Time = time;
        row.Playbook = playbook;
        row.Action = action;
        row.Rule = rule;
        row.Pid = pid;
        row.Outcome = outcome;
        row.Detail = detail;
        context.Events.Buffer(Spec, PublisherName).Add(row);
    }
}
