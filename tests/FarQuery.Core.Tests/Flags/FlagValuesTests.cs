// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Core.Tests.Flags;

public sealed class FlagValuesTests
{
    [Fact]
    public void Get_Nothing_Default()
    {
        Assert.Equal("60", FlagValues.Defaults.Get(FlagCatalog.DistributedInterval));
        Assert.Equal(FlagSource.Default, FlagValues.Defaults.SourceOf(FlagCatalog.DistributedInterval));
        Assert.Null(FlagValues.Defaults.Text(FlagCatalog.TlsHostname));
    }

    [Fact]
    public void Get_EveryLayer_CommandLineThenFlagfileThenConfigThenEnvironment()
    {
        var flag = FlagCatalog.LoggerTlsPeriod;
        var values = FlagValues.Defaults
            .With(FlagSource.Environment, new Dictionary<Flag, string> { [flag] = "1" })
            .WithConfig(new Dictionary<string, string> { ["logger_tls_period"] = "2" }, new List<string>());
        Assert.Equal((2, FlagSource.Config), (values.Int(flag), values.SourceOf(flag)));
        values = values.With(FlagSource.Flagfile, new Dictionary<Flag, string> { [flag] = "3" });
        Assert.Equal((3, FlagSource.Flagfile), (values.Int(flag), values.SourceOf(flag)));
        values = values.With(FlagSource.CommandLine, new Dictionary<Flag, string> { [flag] = "4" });
        Assert.Equal((4, FlagSource.CommandLine), (values.Int(flag), values.SourceOf(flag)));

        // A new config replaces only its own layer.
        Assert.Equal(4, values.WithConfig(new Dictionary<string, string>(), new List<string>()).Int(flag));
    }

    [Fact]
    public void WithConfig_StartupFlagUnknownAndBadValue_WarnedAndSkipped()
    {
        var warnings = new List<string>();
        var values = FlagValues.Defaults.WithConfig(new Dictionary<string, string>
        {
            ["config_plugin"] = "tls",
            ["watchdog_delay_typo"] = "1",
            ["custom_team"] = "payments",
            ["events_max"] = "-5",
            ["log_numerics_as_numbers"] = "true",
        }, warnings);
        Assert.Equal(3, warnings.Count);
        Assert.Equal("", values.Get(FlagCatalog.ConfigPlugin));
        Assert.Equal(50_000, values.Int(FlagCatalog.EventsMax));
        Assert.True(values.Bool(FlagCatalog.LoggerNumerics));
    }

    [Fact]
    public void With_DefaultLayer_Refused()
    {
        Assert.Throws<ArgumentException>(() => FlagValues.Defaults.With(FlagSource.Default, new Dictionary<Flag, string>()));
    }
}
