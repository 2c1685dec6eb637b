// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class OperaExtensionsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("opera_extensions", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_ExtensionsOfEveryUserAndChannel()
    {
        var rows = Fixtures.Query("debian12", "select * from opera_extensions order by uid").Rows();
        Assert.Equal([0L, 1000L], rows.Select(r => (long)r["uid"]!));

        var hints = rows[0];
        Assert.Equal(("Rich Hints", "kbmfpngjjgdllneeigpgjifpgocmfgmb", "1.2.0", "dev@example.com", 0L), ((string)hints["name"]!, (string)hints["identifier"]!, (string)hints["version"]!, (string)hints["author"]!, (long)hints["persistent"]!));
        Assert.Equal("/root/.config/opera-developer/Extensions/kbmfpngjjgdllneeigpgjifpgocmfgmb/1.2.0_0", hints["path"]);

        // Localized through _locales/en (message keys compare case-insensitively); background scripts stay loaded.
        var blocker = rows[1];
        Assert.Equal(("Opera Ad Blocker", "Blocks ads on the pages you visit.", "en", 1L), ((string)blocker["name"]!, (string)blocker["description"]!, (string)blocker["locale"]!, (long)blocker["persistent"]!));
        Assert.Equal(("Opera Software", "https://extension-updates.opera.com/api/omaha/update/"), ((string)blocker["author"]!, (string)blocker["update_url"]!));
    }

    [Fact]
    public void Query_PackQueryJoinOnUid_OnlyThatUsersExtensions()
    {
        var rows = Fixtures.Query("debian12", "select opera_extensions.* from users join opera_extensions using (uid) where users.username = 'cloudsdk'").Rows();
        Assert.Equal(["Opera Ad Blocker"], rows.Select(r => (string)r["name"]!));
        Assert.Empty(Fixtures.Query("debian12", "select * from opera_extensions where uid = 4242").Rows);
    }
}
