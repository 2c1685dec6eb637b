// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Response;

public sealed class ResponseActionsTableTests
{
    [Fact]
    public void SelectStar_RecordedActions_RowsMatchSpec()
    {
        // Rows older than events_expiry are expired on read: the actions are recorded now.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var context = new TableContext();
        ResponseActionsTable.Add(context, now, "kill-miners", "kill", "Detect crypto miners using the Stratum protocol", 4242, "done", "SIGKILL pid 4242 (xmrig)");
        ResponseActionsTable.Add(context, now + 1, "stop", "stop_task", "Write below etc", 0, "dry_run", "would stop the task");
        using var host = TableAssert.Host(context);
        var rows = host.Query("select time, playbook, action, rule, pid, outcome, detail from response_actions order by time").Rows;
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { now, "kill-miners", "kill", "Detect crypto miners using the Stratum protocol", 4242L, "done", "SIGKILL pid 4242 (xmrig)" }, rows[0]);
        Assert.Equal("dry_run", rows[1][5]);
        TableAssert.SelectStarMatchesSpec("response_actions", context: context);
    }
}
