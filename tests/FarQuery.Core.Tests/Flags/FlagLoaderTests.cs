// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Core.Tests.Flags;

public sealed class FlagLoaderTests
{
    private static (string?, string) Files(string path) => path == "/etc/osquery/osquery.flags"
        ? ("--tls_hostname=from-file\n--distributed_interval=20\n--logger_tls_period=7\n", "")
        : (null, "no such file");

    [Fact]
    public void Load_CommandLineFlagfileEnvironment_CommandLineWinsThenFlagfileThenEnvironment()
    {
        var env = new Dictionary<string, string> { ["FARQUERY_TLS_HOSTNAME"] = "from-env", ["FARQUERY_CONFIG_REFRESH"] = "9", ["FARQUERY_LOGGER_TLS_PERIOD"] = "3" };
        var loaded = FlagLoader.Load(["--flagfile", "/etc/osquery/osquery.flags", "--distributed_interval=30"], appFollows: false, env.GetValueOrDefault, Files);
        Assert.Empty(loaded.Problems);
        var v = loaded.Values;
        Assert.Equal(("from-file", FlagSource.Flagfile), (v.Get(FlagCatalog.TlsHostname), v.SourceOf(FlagCatalog.TlsHostname)));
        Assert.Equal(("30", FlagSource.CommandLine), (v.Get(FlagCatalog.DistributedInterval), v.SourceOf(FlagCatalog.DistributedInterval)));
        Assert.Equal(("7", FlagSource.Flagfile), (v.Get(FlagCatalog.LoggerTlsPeriod), v.SourceOf(FlagCatalog.LoggerTlsPeriod)));
        Assert.Equal(("9", FlagSource.Environment), (v.Get(FlagCatalog.ConfigRefresh), v.SourceOf(FlagCatalog.ConfigRefresh)));
    }

    [Fact]
    public void Load_FlagfileFromTheEnvironment_Read()
    {
        var env = new Dictionary<string, string> { ["FARQUERY_FLAGFILE"] = "/etc/osquery/osquery.flags" };
        var loaded = FlagLoader.Load([], appFollows: false, env.GetValueOrDefault, Files);
        Assert.Equal("from-file", loaded.Values.Get(FlagCatalog.TlsHostname));
    }

    [Fact]
    public void Load_UnreadableFlagfile_OneProblemAndTheOtherFlagsApply()
    {
        var loaded = FlagLoader.Load(["--flagfile=/missing", "--verbose"], appFollows: false, _ => null, Files);
        Assert.Contains("cannot read the flagfile /missing: no such file", Assert.Single(loaded.Problems), StringComparison.Ordinal);
        Assert.True(loaded.Values.Bool(FlagCatalog.Verbose));
    }

    [Fact]
    public void Load_BadEnvironmentValue_Named()
    {
        var env = new Dictionary<string, string> { ["FARQUERY_EVENTS_MAX"] = "plenty" };
        var loaded = FlagLoader.Load([], appFollows: false, env.GetValueOrDefault, Files);
        Assert.StartsWith("FARQUERY_EVENTS_MAX:", Assert.Single(loaded.Problems), StringComparison.Ordinal);
        Assert.Equal(50_000, loaded.Values.Int(FlagCatalog.EventsMax));
    }

    [Fact]
    public void NoEffectNote_GivenOsqueryOnlyFlags_OneLineWithReasons()
    {
        var loaded = FlagLoader.Load(["--pidfile=/x", "--watchdog_level=1", "--verbose"], appFollows: false, _ => null, Files);
        var note = FlagLoader.NoEffectNote(loaded.Values);
        Assert.NotNull(note);
        Assert.Contains("--pidfile (FarQuery is the container's entrypoint", note, StringComparison.Ordinal);
        Assert.Contains("--watchdog_level", note, StringComparison.Ordinal);
        Assert.DoesNotContain("--verbose", note, StringComparison.Ordinal);
        Assert.Null(FlagLoader.NoEffectNote(FlagValues.Defaults));
    }
}
