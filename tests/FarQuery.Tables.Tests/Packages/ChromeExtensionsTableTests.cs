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

    [Fact]
    public void Query_Debian12_ProfileSettingsAndManifestExtras()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select *, permissions_json, optional_permissions_json, manifest_json, key from chrome_extensions").Rows());

        // From the profile's Preferences (extensions.settings.<id>).
        Assert.Equal(("cjpalhdlnbpafiamejdnhcphjbkeiagm", 1L), ((string)row["referenced_identifier"]!, (long)row["referenced"]!));
        Assert.Equal(("true", "1"), ((string)row["from_webstore"]!, (string)row["state"]!));
        Assert.Equal("13357368532153372", row["install_time"]);
        Assert.Equal(new DateTimeOffset(2024, 4, 12, 4, 8, 52, TimeSpan.Zero).ToUnixTimeSeconds(), row["install_timestamp"]);

        // From the installed manifest (sha256sum of the fixture file).
        Assert.Equal("en_US", row["current_locale"]);
        Assert.Equal(0L, row["persistent"]);
        Assert.Equal("file:///*", row["optional_permissions"]);
        Assert.Equal("[ \"file:///*\" ]", row["optional_permissions_json"]);
        Assert.Equal("[ \"contextMenus\", \"privacy\", \"storage\", \"tabs\", \"<all_urls>\" ]", row["permissions_json"]);
        Assert.Equal("93fa7ec7a551e450ec3b09cce9c1fa10a7ffcc93b723a7e3fd581f9aa9efcff6", row["manifest_hash"]);
        Assert.StartsWith("{", (string)row["manifest_json"]!);
        Assert.Equal("", row["key"]);
    }

    [Fact]
    public void Query_DamagedProfileWithoutPreferences_Unreferenced()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select referenced, referenced_identifier, state, from_webstore, install_timestamp from chrome_extensions").Rows());

        Assert.Equal(new object?[] { 0L, "", "", "", null }, row.Values.ToArray());
    }
}
