// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Packages;

/// <summary>The fixture JARs are small zips written by a script (fixtures/rootfs/debian12/app): a Maven JAR, a Spring
/// Boot fat JAR holding a Maven JAR, a manifest-only OSGi bundle and an entry named .jar that is not a zip.</summary>
public sealed class JavaPackagesTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("java_packages", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_MavenJar_ReadsCoordinatesAndVendor()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select * from java_packages where path = '/app/lib/commons-lang3-3.12.0.jar'").Rows());
        Assert.Equal("commons-lang3", row["name"]);
        Assert.Equal("3.12.0", row["version"]);
        Assert.Equal("org.apache.commons", row["group_id"]);
        Assert.Equal("commons-lang3", row["artifact_id"]);
        Assert.Equal("The Apache Software Foundation", row["vendor"]);
        Assert.Equal("pom.properties", row["source"]);
        Assert.Equal("", row["nested_path"]);
        Assert.Equal("/app", row["directory"]);
    }

    [Fact]
    public void Query_FatJar_ListsNestedJarsAndSkipsTheBrokenOne()
    {
        var rows = Fixtures.Query("debian12", "select name, version, source, nested_path from java_packages where path = '/app/app.jar' order by nested_path").Rows();
        Assert.Equal(["", "BOOT-INF/lib/guava-31.1-jre.jar", "BOOT-INF/lib/log4j-core-2.14.1.jar"], rows.Select(r => (string)r["nested_path"]!));

        // The outer manifest's title spans a continuation line.
        Assert.Equal("demo-service-with-a-rather-long-title-that-the-jar-tool-wraps-at-72-bytes", rows[0]["name"]);
        Assert.Equal("manifest", rows[0]["source"]);
        Assert.Equal(("com.google.guava", "31.1.0.jre"), ((string)rows[1]["name"]!, (string)rows[1]["version"]!));
        Assert.Equal(("log4j-core", "2.14.1", "pom.properties"), ((string)rows[2]["name"]!, (string)rows[2]["version"]!, (string)rows[2]["source"]!));
    }

    [Fact]
    public void Query_DirectoryConstraint_SearchesOnlyThere()
    {
        var row = Assert.Single(Fixtures.Query("debian12", "select name, path from java_packages where directory = '/usr/share/java'").Rows());
        Assert.Equal("plain", row["name"]);
    }

    [Fact]
    public void Query_NotAZipAndTruncatedJar_NoRowsNoCrash()
    {
        var rows = Fixtures.Query("damaged", "select name, path from java_packages").Rows();
        Assert.Equal("/app/ok.jar", Assert.Single(rows)["path"]);
    }
}
