// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

/// <summary>The ipc fixture's /proc/sysvipc/shm was read while a test program held three segments: 0 (0640, attached),
/// 1 (0600, SHM_LOCK) and 2 (0666, IPC_PRIVATE, attached read-only and then marked with IPC_RMID).</summary>
public sealed class SharedMemoryTableTests
{
    [Fact]
    public void SelectStar_Ipc_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("shared_memory", context: Fixtures.Context("ipc")).Rows();
        Assert.Equal([0L, 1L, 2L], rows.Select(r => (long)r["shmid"]!));
    }

    [Fact]
    public void Query_AttachedSegment_EveryField()
    {
        var row = Assert.Single(Fixtures.Query("ipc", "select * from shared_memory where shmid = 0").Rows());
        Assert.Equal("0640", row["permissions"]);
        Assert.Equal(4096L, row["size"]);
        Assert.Equal(7906L, row["creator_pid"]);
        Assert.Equal(7906L, row["pid"]);
        Assert.Equal(1L, row["attached"]);
        Assert.Equal(0L, row["owner_uid"]);
        Assert.Equal(1796508028L, row["atime"]);
        Assert.Equal(0L, row["dtime"]);
        Assert.Equal("", row["status"]);
        Assert.Equal(0L, row["locked"]);
    }

    [Fact]
    public void Query_LockedAndRemovedSegments_StatusAndLocked()
    {
        var rows = Fixtures.Query("ipc", "select shmid, permissions, status, locked from shared_memory where shmid in (1, 2) order by shmid").Rows;
        Assert.Equal([[1L, "2600", "", 1L], [2L, "1666", "dest", 0L]], rows);
    }

    [Fact]
    public void Parse_HeaderAndDamagedLines_Skipped()
    {
        var text = "       key      shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap\n"u8.ToArray()
            .Concat("         0          7   999  10 1 1 0 0 0 0 0 0 0 0 0 0\n         0          8   644  10 1 1 0 0 0 0 0 0 0\n"u8.ToArray())
            .Concat("         0          9   644  10 1 1 0 0 0 0 0 0 0 5 0 0"u8.ToArray()).ToArray();
        var s = Assert.Single(SysvShmSegment.Parse(text));
        Assert.Equal(9L, s.Shmid);
        Assert.Equal(5L, s.Ctime);
    }
}
