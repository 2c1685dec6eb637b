// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class ChromeExtensionsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("chrome_extensions", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_LocalizedNameAndManifestFields()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select * from chrome_extensions").Rows());
        Assert.Equal(("chrome", 0L, "Default"), ((string)row["browser_type"]!, (long)row["uid"]!, (string)row["profile"]!));
        Assert.Equal("uBlock Origin", row["name"]);
        Assert.Equal("Finally, an efficient blocker. Easy on CPU and memory.", row["description"]);
        Assert.Equal(("cjpalhdlnbpafiamejdnhcphjbkeiagm", "1.54.0", "en"), ((string)row["identifier"]!, (string)row["version"]!, (string)row["default_locale"]!));
        Assert.Equal("contextMenus, privacy, storage, tabs, <all_urls>", row["permissions"]);
        Assert.Equal("Raymond Hill & contributors", row["author"]);
        Assert.Equal("/root/.config/google-chrome/Default/Extensions/cjpalhdlnbpafiamejdnhcphjbkeiagm/1.54.0_0", row["path"]);
    }

    [Fact]
    public void Query_DamagedManifest_ReadableVersionOnly()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select browser_type, name, version, description from chrome_extensions").Rows());
        Assert.Equal(("chromium", "ok ext", "2.0"), ((string)row["browser_type"]!, (string)row["name"]!, (string)row["version"]!));

        // The message key is missing from a missing messages.json: the placeholder stays.
        Assert.Equal("__MSG_missing__", row["description"]);
    }
}
