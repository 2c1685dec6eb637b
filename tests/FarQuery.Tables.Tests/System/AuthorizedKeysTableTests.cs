// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class AuthorizedKeysTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("authorized_keys", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_KeysWithOptionsAndComments()
    {
        var rows = Fixtures.Query("debian12", "select * from authorized_keys where uid = 0").Rows();
        Assert.Equal(["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256"], rows.Select(r => (string)r["algorithm"]!));
        Assert.Equal("deploy@ci", rows[0]["comment"]);
        Assert.Equal("from=\"10.0.0.0/8\",no-pty", rows[1]["options"]);
        Assert.Equal("ops key 2024", rows[1]["comment"]);
        Assert.Equal("", rows[2]["comment"]);
        Assert.Equal("/root/.ssh/authorized_keys", rows[0]["key_file"]);
    }

    [Fact]
    public void Query_DamagedFile_ValidKeyLinesOnly()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select algorithm, key from authorized_keys").Rows());
        Assert.Equal("AAAAgood", row["key"]);
    }
}
