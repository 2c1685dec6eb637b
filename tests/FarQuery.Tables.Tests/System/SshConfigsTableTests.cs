// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class SshConfigsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("ssh_configs", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_UserConfig_OptionsLowerCasedUnderTheirBlocks()
    {
        var rows = Fixtures.Query("debian12", "select block, option from ssh_configs where uid = 1000").Rows
            .Select(r => $"{r[0]}|{r[1]}").ToList();
        Assert.Equal(
        [
            "host bastion|hostname bastion.internal.example",
            "host bastion|user ec2-user",
            "host bastion|identityfile ~/.ssh/id_ed25519",
            "host *.internal.example !bastion.internal.example|proxyjump bastion",
            "host *.internal.example !bastion.internal.example|stricthostkeychecking accept-new",
            "match host git.example.com exec \"test -n $ci\"|identitiesonly yes",
        ], rows);
    }

    [Fact]
    public void Query_SystemConfig_Uid0AndIncludeNotFollowed()
    {
        var rows = Fixtures.Query("debian12", "select block, option from ssh_configs where ssh_config_file = '/etc/ssh/ssh_config'").Rows;
        Assert.Equal(["", "include /etc/ssh/ssh_config.d/*.conf"], rows[0]);
        Assert.Contains(rows, r => (string)r[0]! == "host *" && (string)r[1]! == "hashknownhosts yes");
        Assert.Equal(4, rows.Count);
        Assert.Single(Fixtures.Query("debian12", "select 1 from ssh_configs where uid = 0 and option = 'sendenv lang lc_*'").Rows);
    }

    [Fact]
    public void Query_DamagedConfig_TabAfterHostIsAnOption()
    {
        var rows = Fixtures.Query("damaged", "select block, option from ssh_configs").Rows.Select(r => $"{r[0]}|{r[1]}");
        Assert.Equal(["|host\tnotablock", "|user x"], rows);
    }
}
