// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class MountsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RootHasSizes()
    {
        var rows = TableAssert.SelectStarMatchesSpec("mounts").Rows();
        var root = rows.Last(r => (string)r["path"]! == "/");
        Assert.True((long)root["blocks_size"]! > 0);
        Assert.True((long)root["blocks"]! >= (long)root["blocks_free"]!);
    }

    [Fact]
    public void Query_LiveRoot_SizesMatchStatFs()
    {
        // stat -f prints the statfs(2) fields: block size, total, free, available blocks, total and free inodes.
        if (Fixtures.RequireTool("stat", "-f", "-c", "%S %b %f %a %c %d", "/") is not { } output)
        {
            return;
        }

        using var host = TableAssert.Host();
        var row = host.Query("select blocks_size, blocks, blocks_free, blocks_available, inodes, inodes_free from mounts where path = '/'").Rows[^1];
        var expected = output.Trim().Split(' ').Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected[0], row[0]);
        Assert.Equal(expected[1], row[1]);
        Assert.Equal(expected[4], row[4]);

        // Free counts move while other processes write; they must be close, not equal.
        Assert.InRange((long)row[2]!, expected[2] - 100_000, expected[2] + 100_000);
        Assert.InRange((long)row[3]!, expected[3] - 100_000, expected[3] + 100_000);
    }

    [Fact]
    public void Query_Debian12_ListsEveryMount()
    {
        var lines = File.ReadAllLines(Path.Join(Fixtures.Root("debian12"), "proc/mounts")).Length;
        var rows = Fixtures.Query("debian12", "select device, path, type, flags from mounts").Rows();
        Assert.Equal(lines, rows.Count);
        Assert.Contains(rows, r => (string)r["device"]! == "/dev/vda" && (string)r["path"]! == "/" && (string)r["type"]! == "ext4");
    }

    [Fact]
    public void Query_DamagedMounts_DecodesEscapesAndKeepsShortLines()
    {
        var rows = Fixtures.Query("damaged", "select device, path, type, flags from mounts").Rows.Select(r => string.Join('|', r)).ToList();
        Assert.Equal(["/dev/nvme0n1p1|/data dir|xfs|rw,noatime", "overlay|/|overlay|rw,relatime,lowerdir=/l", "truncated|/only||"], rows);
    }
}
