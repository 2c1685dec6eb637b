// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;
using FarQuery.Remote.Tls;

namespace FarQuery.Remote.Tests;

public sealed class RemoteOptionsTests
{
    private static FlagValues Flags(params string[] args)
    {
        var parsed = FlagParser.Parse(args, "command line", appFollows: false);
        Assert.Empty(parsed.Problems);
        return FlagValues.Defaults.With(FlagSource.CommandLine, parsed.Values);
    }

    [Fact]
    public void FromFlags_NoTlsHostname_NoBackend()
    {
        Assert.Null(RemoteOptions.FromFlags(Flags("--config_plugin=tls", "--logger_plugin=tls")));
    }

    [Fact]
    public void FromFlags_OnlyTlsHostname_EveryTlsPartOn()
    {
        var o = RemoteOptions.FromFlags(Flags("--tls_hostname=fleet:8080"))!;
        Assert.Equal(("/api/v1/osquery/config", "/api/v1/osquery/log", "/api/v1/osquery/distributed/read"), (o.ConfigEndpoint, o.LoggerEndpoint, o.DistributedReadEndpoint));
    }

    [Fact]
    public void FromFlags_PluginsWithoutTls_ThosePartsOff()
    {
        var o = RemoteOptions.FromFlags(Flags("--tls_hostname=fleet:8080", "--config_plugin=filesystem", "--logger_plugin=filesystem,stdout", "--disable_distributed=true"))!;
        Assert.Equal(("", "", "", ""), (o.ConfigEndpoint, o.LoggerEndpoint, o.DistributedReadEndpoint, o.DistributedWriteEndpoint));
        Assert.Equal("/api/v1/osquery/enroll", o.EnrollEndpoint);
    }

    [Fact]
    public void FromFlags_FleetFlagfileValues_Taken()
    {
        var o = RemoteOptions.FromFlags(Flags("--tls_hostname=fleet:8080", "--enroll_tls_endpoint=/api/osquery/enroll", "--logger_tls_period=10", "--distributed_interval=10",
            "--distributed_tls_max_attempts=5", "--config_tls_max_attempts=4", "--logger_tls_compress", "--tls_enroll_max_attempts=2"))!;
        Assert.Equal("/api/osquery/enroll", o.EnrollEndpoint);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)), (o.LoggerPeriod, o.DistributedInterval));
        Assert.Equal((5, 4, 2), (o.DistributedMaxAttempts, o.ConfigMaxAttempts, o.EnrollMaxAttempts));
        Assert.True(o.LoggerCompress);
    }

    [Fact]
    public void Tune_ConfigUnderCommandLine_CommandLineKeptConfigFillsTheRest()
    {
        var flags = Flags("--tls_hostname=fleet:8080", "--distributed_interval=30");
        var o = RemoteOptions.FromFlags(flags)!;
        o.Tune(flags.WithConfig(new Dictionary<string, string> { ["distributed_interval"] = "10", ["logger_tls_period"] = "7", ["disable_distributed"] = "true" }, new List<string>()));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(7)), (o.DistributedInterval, o.LoggerPeriod));
        Assert.True(o.DistributedDisabled);
    }

    [Fact]
    public void Tune_NothingSet_SettingsMadeInCodeStay()
    {
        var o = new RemoteOptions { TlsHostname = "h", LoggerPeriod = TimeSpan.FromMilliseconds(100) };
        o.Tune(FlagValues.Defaults);
        Assert.Equal(TimeSpan.FromMilliseconds(100), o.LoggerPeriod);
    }
}
