// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class KnownHostsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("known_hosts", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_EveryEntryLineAsWritten()
    {
        var rows = Fixtures.Query("debian12", "select uid, key, key_file from known_hosts").Rows;
        Assert.Equal([0L, 1000L, 1000L, 1000L, 1000L], rows.Select(r => (long)r[0]!));
        Assert.StartsWith("@revoked * ssh-ed25519 ", (string)rows[0][1]!, StringComparison.Ordinal);
        Assert.StartsWith("|1|F1E1KeoE/eEWhi10WpGv4OdiO6Y=|", (string)rows[1][1]!, StringComparison.Ordinal);
        Assert.StartsWith("[bastion.internal.example]:2222,10.0.4.17 ", (string)rows[3][1]!, StringComparison.Ordinal);
        Assert.StartsWith("@cert-authority ", (string)rows[4][1]!, StringComparison.Ordinal);
        Assert.Equal("/home/cloudsdk/.ssh/known_hosts", rows[1][2]);
    }

    [Fact]
    public void Query_JoinUsers_UidConstraintReachesTheTable()
    {
        var rows = Fixtures.Query("debian12", "select username from users join known_hosts using (uid) where uid = 0").Rows;
        Assert.Equal(["root"], rows.Select(r => (string)r[0]!));
    }

    [Fact]
    public void Query_CommentsAndBlanksOnly_NoRows()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from known_hosts").Rows);
    }
}
