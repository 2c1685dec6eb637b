// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Core.Tests.Flags;

public sealed class FlagCatalogTests
{
    [Fact]
    public void All_EveryDefault_PassesItsOwnType()
    {
        foreach (var flag in FlagCatalog.All)
        {
            Assert.True(flag.TryNormalize(flag.Default, out var value, out var error), $"{flag.Name}: {error}");
            Assert.Equal(flag.Default, value);
            Assert.False(string.IsNullOrWhiteSpace(flag.Description), flag.Name);
        }
    }

    [Fact]
    public void All_NamesAndAliases_Unique()
    {
        var names = FlagCatalog.All.SelectMany(f => f.Aliases.Prepend(f.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("config_plugin")]
    [InlineData("logger_plugin")]
    [InlineData("distributed_plugin")]
    [InlineData("disable_distributed")]
    [InlineData("distributed_tls_max_attempts")]
    [InlineData("disable_carver")]
    [InlineData("carver_start_endpoint")]
    [InlineData("carver_continue_endpoint")]
    [InlineData("carver_block_size")]
    [InlineData("verbose")]
    [InlineData("flagfile")]
    [InlineData("pidfile")]
    [InlineData("database_path")]
    [InlineData("extensions_socket")]
    [InlineData("extensions_autoload")]
    [InlineData("carver_disable_function")]
    [InlineData("force")]
    [InlineData("tls_dump")]
    public void Find_FleetAndOrbitFlags_Declared(string name)
    {
        Assert.NotNull(FlagCatalog.Find(name));
    }

    [Fact]
    public void Find_DashedSpelling_SameFlag()
    {
        Assert.Same(FlagCatalog.TraceReadOpens, FlagCatalog.Find("trace-read-opens"));
        Assert.Null(FlagCatalog.Find("trace_reads"));
    }
}
