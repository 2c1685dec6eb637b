// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Core.Tests.Flags;

public sealed class FlagParserTests
{
    [Theory]
    [InlineData(new[] { "--tls_hostname=fleet:8080" }, "fleet:8080")]
    [InlineData(new[] { "--tls_hostname", "fleet:8080" }, "fleet:8080")]
    [InlineData(new[] { "-tls_hostname=fleet:8080" }, "fleet:8080")]
    [InlineData(new[] { "--tls-hostname=fleet:8080" }, "fleet:8080")]
    [InlineData(new[] { "--tls_hostname=a", "--tls_hostname=b" }, "b")]
    public void Parse_StringFlagSpellings_SameValue(string[] args, string expected)
    {
        var r = FlagParser.Parse(args, "command line", appFollows: false);
        Assert.Empty(r.Problems);
        Assert.Equal(expected, r.Values[FlagCatalog.TlsHostname]);
    }

    [Theory]
    [InlineData(new[] { "--verbose" }, "true")]
    [InlineData(new[] { "--verbose=false" }, "false")]
    [InlineData(new[] { "--verbose", "false" }, "false")]
    [InlineData(new[] { "--verbose=YES" }, "true")]
    [InlineData(new[] { "--verbose=0" }, "false")]
    [InlineData(new[] { "--noverbose" }, "false")]
    public void Parse_BooleanSpellings_NormalizedLikeGflags(string[] args, string expected)
    {
        var r = FlagParser.Parse(args, "command line", appFollows: false);
        Assert.Empty(r.Problems);
        Assert.Equal(expected, r.Values[FlagCatalog.Verbose]);
    }

    [Fact]
    public void Parse_Alias_SetsTheFlagItStandsFor()
    {
        var r = FlagParser.Parse(["--config_tls_refresh=30"], "x", appFollows: false);
        Assert.Equal("30", r.Values[FlagCatalog.ConfigRefresh]);
    }

    [Fact]
    public void Parse_UnknownAndMalformed_EachCostsOnlyItself()
    {
        var r = FlagParser.Parse(["--no_such_flag", "value", "--config_refresh=abc", "--distributed_interval=15", "--host_identifier=mac"], "command line", appFollows: false);
        Assert.Equal(3, r.Problems.Count);
        Assert.Contains("command line: unknown flag --no_such_flag", r.Problems[0], StringComparison.Ordinal);
        Assert.Contains("--config_refresh: 'abc' is not a non-negative integer", r.Problems[1], StringComparison.Ordinal);
        Assert.Contains("'mac' is not one of hostname, uuid", r.Problems[2], StringComparison.Ordinal);
        Assert.Equal("15", Assert.Single(r.Values).Value);
    }

    [Fact]
    public void Parse_ListFlag_KeepsKnownPartsAndNamesTheOthers()
    {
        var r = FlagParser.Parse(["--logger_plugin=tls,syslog,filesystem"], "x", appFollows: false);
        Assert.Equal("tls,filesystem", r.Values[FlagCatalog.LoggerPlugin]);
        Assert.Contains("'syslog' not available here", Assert.Single(r.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueMissingAtTheEnd_Problem()
    {
        var r = FlagParser.Parse(["--config_path"], "x", appFollows: false);
        Assert.Empty(r.Values);
        Assert.Contains("--config_path needs a value", Assert.Single(r.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AppFollows_StopsAtTheFirstWordThatIsNotAFlagOrItsValue()
    {
        string[] args = ["--memory_budget", "64", "--verbose", "sh", "-c", "--not-ours"];
        var r = FlagParser.Parse(args, "x", appFollows: true);
        Assert.Equal(3, r.Consumed);
        Assert.Equal("64", r.Values[FlagCatalog.MemoryBudget]);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void Parse_StrayWordWithoutApp_Problem()
    {
        var r = FlagParser.Parse(["stray"], "x", appFollows: false);
        Assert.Contains("'stray' is not a flag", Assert.Single(r.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_Help_Flagged(string word)
    {
        Assert.True(FlagParser.Parse([word], "x", appFollows: false).Help);
    }

    [Fact]
    public void Parse_Empty_NothingAndNoProblems()
    {
        var r = FlagParser.Parse([], "x", appFollows: true);
        Assert.Empty(r.Values);
        Assert.Empty(r.Problems);
        Assert.Equal(0, r.Consumed);
    }
}
