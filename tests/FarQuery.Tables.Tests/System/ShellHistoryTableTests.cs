// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class ShellHistoryTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("shell_history", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_BashTimestampsAndZshExtendedHistory()
    {
        var rows = Fixtures.Query("debian12", "select time, command, history_file from shell_history where uid = 0").Rows();
        Assert.Equal(["ls -la /app", "curl http://169.254.170.2/v2/credentials", "exit", "cat /etc/shadow", "env"], rows.Select(r => (string)r["command"]!));
        Assert.Equal([1732530000L, 1732530060L, 0L, 1732531000L, 1732531005L], rows.Select(r => (long)r["time"]!));
        Assert.Equal("/root/.zsh_history", rows[3]["history_file"]);
    }

    [Fact]
    public void Query_DamagedHistory_KeepsCommandsAndBadStampsAsText()
    {
        var rows = Fixtures.Query("damaged", "select time, command from shell_history").Rows();
        // The file is cut after a timestamp line ("#17325"), which has no command to give a row.
        Assert.Equal(["#notatime", "echo one", ": 17xx:0;weird"], rows.Select(r => (string)r["command"]!));
        Assert.Equal(1732530000L, rows[0]["time"]);
    }
}
