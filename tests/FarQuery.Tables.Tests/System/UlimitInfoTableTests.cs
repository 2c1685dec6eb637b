// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class UlimitInfoTableTests
{
    [Fact]
    public void SelectStar_LiveProcess_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("ulimit_info").Rows();
        Assert.Equal(15, rows.Count);
    }

    [Fact]
    public void Query_LiveNofile_MatchesShellUlimit()
    {
        // The test host's own children inherit its limits, so the shell's answer is the reference.
        var soft = Fixtures.RequireTool("sh", "-c", "ulimit -Sn")?.Trim();
        var hard = Fixtures.RequireTool("sh", "-c", "ulimit -Hn")?.Trim();
        using var host = TableAssert.Host();
        var row = Assert.Single(host.Query("select soft_limit, hard_limit from ulimit_info where type = 'nofile'").Rows);
        Assert.Equal([soft, hard], row);
    }

    [Fact]
    public void Query_Debian12_OsqueryNamesInOrder()
    {
        var rows = Fixtures.Query("debian12", "select type, soft_limit, hard_limit from ulimit_info").Rows;
        Assert.Equal(["as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "sigpending", "stack"],
            rows.Select(r => (string)r[0]!));
        Assert.Equal(["stack", "8388608", "unlimited"], rows[^1]);
        Assert.Equal(["core", "0", "unlimited"], rows[1]);
    }

    [Fact]
    public void Query_NoLimitsFile_NoRows()
    {
        Assert.Empty(Fixtures.Query("alpine", "select * from ulimit_info").Rows);
    }
}
