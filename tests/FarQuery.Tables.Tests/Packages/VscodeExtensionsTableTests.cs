// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

public sealed class VscodeExtensionsTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("vscode_extensions", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_VscodeServerIndex()
    {
        var rows = Fixtures.Query("debian12", "select * from vscode_extensions where uid = 0").Rows();
        Assert.Equal(["python", "prerelease-tool"], rows.Select(r => (string)r["name"]!));
        var py = rows[0];
        Assert.Equal(("f1f59ae4-9318-4f3c-a9b5-81b2eaa5f8a5", "2024.2.1", "Microsoft", "998b010b-e2af-44a5-a6cd-0b5fd3b9b6f8"),
            ((string)py["uuid"]!, (string)py["version"]!, (string)py["publisher"]!, (string)py["publisher_id"]!));
        Assert.Equal((1708000000L, 0L, "vscode_server"), ((long)py["installed_at"]!, (long)py["prerelease"]!, (string)py["vscode_edition"]!));
        Assert.Equal("/root/.vscode-server/extensions/ms-python.python-2024.2.1", py["path"]);
        Assert.Equal(("someone", 1L, (object?)null), ((string)rows[1]["publisher"]!, (long)rows[1]["prerelease"]!, rows[1]["installed_at"]));
    }

    [Fact]
    public void Query_TruncatedIndex_NoRowsNoError()
    {
        Assert.Empty(Fixtures.Query("damaged", "select * from vscode_extensions").Rows);
    }
}
