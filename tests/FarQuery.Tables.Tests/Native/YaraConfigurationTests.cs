// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Tests.Native;

public sealed class YaraConfigurationTests
{
    [Fact]
    public void FromJson_OsquerySection_ReadsGroupsAndCategoriesSkippingOtherShapes()
    {
        var config = YaraConfiguration.FromJson("""
            {"signatures": {"g1": ["/a.sig", "b.sig", 3], "bad": "x"}, "file_paths": {"etc": ["g1"]}, "signature_urls": ["x"]}
            """);

        Assert.Equal(["/a.sig", "b.sig"], config.Signatures["g1"]);
        Assert.False(config.Signatures.ContainsKey("bad"));
        Assert.Equal(["g1"], config.FilePaths["etc"]);
    }

    [Fact]
    public void ReadRuleFile_RelativeName_IsLookedUpUnderOsquerysYaraDirectory()
    {
        var e = Assert.Throws<InvalidOperationException>(() => YaraConfiguration.ReadRuleFile("farquery-test-absent.yar"));
        Assert.Contains("/etc/osquery/yara/farquery-test-absent.yar", e.Message, StringComparison.Ordinal);
    }
}
