// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Core.Flags;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class OsqueryFlagsTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("osquery_flags");
    }

    [Fact]
    public void Query_FleetDetailQuery_FourIntegerValues()
    {
        using var host = TableAssert.Host();
        var rows = host.Query("select name, value from osquery_flags where name in (\"distributed_interval\",\"config_tls_refresh\",\"config_refresh\",\"logger_tls_period\")").Rows();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.True(long.TryParse((string)r["value"]!, out _)));
    }

    [Fact]
    public void Query_ConfiguredOptions_OverrideDefaults()
    {
        var context = new TableContext();
        context.Services.Set(FlagValues.Defaults.WithConfig(new Dictionary<string, string> { ["distributed_interval"] = "10" }, new List<string>()));
        using var host = TableAssert.Host(context);
        var row = Assert.Single(host.Query("select value, default_value from osquery_flags where name = 'distributed_interval'").Rows());
        Assert.Equal(("10", "60"), ((string)row["value"]!, (string)row["default_value"]!));
    }

    [Fact]
    public void Count_EveryDeclaredFlagAndAlias_OneRowEach()
    {
        using var host = TableAssert.Host();
        var count = (long)Assert.Single(host.Query("select count(*) as n from osquery_flags").Rows())["n"]!;
        Assert.Equal(FlagCatalog.All.Sum(f => 1 + f.Aliases.Count), count);
        Assert.True(count > 100, $"only {count} flags declared");
    }

    [Fact]
    public void Query_CommandLineFlagfileAndConfig_ValueFollowsPrecedence()
    {
        var flagfile = FlagFile.Parse("--distributed_interval=20\n--logger_tls_period 7\n", "flags.txt");
        var command = FlagParser.Parse(["--distributed_interval=30"], "command line", appFollows: false);
        var values = FlagValues.Defaults.With(FlagSource.Flagfile, flagfile.Values).With(FlagSource.CommandLine, command.Values)
            .WithConfig(new Dictionary<string, string> { ["distributed_interval"] = "10", ["logger_tls_period"] = "5", ["schedule_splay_percent"] = "25" }, new List<string>());
        var context = new TableContext();
        context.Services.Set(values);
        using var host = TableAssert.Host(context);
        var rows = host.Query("select name, value from osquery_flags where name in ('distributed_interval', 'logger_tls_period', 'schedule_splay_percent', 'config_tls_refresh')").Rows()
            .ToDictionary(r => (string)r["name"]!, r => (string)r["value"]!);
        Assert.Equal("30", rows["distributed_interval"]);
        Assert.Equal("7", rows["logger_tls_period"]);
        Assert.Equal("25", rows["schedule_splay_percent"]);
        Assert.Equal("0", rows["config_tls_refresh"]);
    }
}
