// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

/// <summary>The ide fixture: user dev (uid 1000) has IntelliJ IDEA 2024.3 with a single-jar plugin, a plugin directory
/// whose lib/ also holds a versioned library and a resources jar carrying decoy plugin.xml files, a directory without
/// any plugin.xml and a text file; PyCharm CE 2024.1 with one plugin; and a Toolbox directory that is no IDE.</summary>
public sealed class JetbrainsPluginsTableTests
{
    private const string Plugins = "/home/dev/.local/share/JetBrains/IntelliJIdea2024.3/plugins";

    [Fact]
    public void SelectStar_Ide_RowsMatchSpec()
    {
        var rows = TableAssert.SelectStarMatchesSpec("jetbrains_plugins", context: Fixtures.Context("ide")).Rows();
        Assert.Equal(["AWS Toolkit", "CE Only", "Markdown Helper"], rows.Select(r => (string)r["name"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Query_PluginDirectory_OwnJarReadFirst()
    {
        var row = Assert.Single(Fixtures.Query("ide", "select product_type, uid, version, vendor, path from jetbrains_plugins where name = 'AWS Toolkit'").Rows);
        Assert.Equal(["intellij_idea", 1000L, "3.40-243", "AWS", Plugins + "/aws-toolkit-jetbrains-standalone"], row);
    }

    [Fact]
    public void Query_SingleJarAndCommunityEdition_ProductTypes()
    {
        var rows = Fixtures.Query("ide", "select product_type, name, version, vendor, path from jetbrains_plugins where name != 'AWS Toolkit' order by name").Rows;
        Assert.Equal(
            [
                ["pycharm_community_edition", "CE Only", "0.1", "", "/home/dev/.local/share/JetBrains/PyCharmCE2024.1/plugins/ce-only.jar"],
                ["intellij_idea", "Markdown Helper", "1.3.18", "Example & Co", Plugins + "/markdown-helper.jar"],
            ],
            rows);
    }

    [Fact]
    public void Query_OtherUid_NoRows()
    {
        Assert.Empty(Fixtures.Query("ide", "select * from jetbrains_plugins where uid = 0").Rows);
    }

    [Fact]
    public void Likelihood_LibraryJars_IdeOrder()
    {
        var jars = new List<string> { "resources_en.jar", "gson-2.8.0.jar", "junit-m5.jar", "all-open-idea.jar", "kotlin-plugin.jar", "a.jar" };
        jars.Sort((x, y) => JetbrainsPluginsTable.Likelihood(x, "kotlin").CompareTo(JetbrainsPluginsTable.Likelihood(y, "kotlin")));
        Assert.Equal(["kotlin-plugin.jar", "a.jar", "all-open-idea.jar", "junit-m5.jar", "gson-2.8.0.jar", "resources_en.jar"], jars);
    }
}
