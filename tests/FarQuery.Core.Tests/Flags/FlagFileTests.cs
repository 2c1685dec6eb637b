// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Core.Tests.Flags;

public sealed class FlagFileTests
{
    [Fact]
    public void Parse_CommentsBlanksAndBothSpellings_EveryFlagRead()
    {
        const string text = "# a comment\n\n--tls_hostname=fleet:8080\n  --enroll_secret_path   /etc/osquery/secret.txt  \n\t-verbose\r\n--logger_plugin tls,filesystem\n#--config_path=/nope\n";
        var r = FlagFile.Parse(text, "osquery.flags");
        Assert.Empty(r.Problems);
        Assert.Equal("fleet:8080", r.Values[FlagCatalog.TlsHostname]);
        Assert.Equal("/etc/osquery/secret.txt", r.Values[FlagCatalog.EnrollSecretPath]);
        Assert.Equal("true", r.Values[FlagCatalog.Verbose]);
        Assert.Equal("tls,filesystem", r.Values[FlagCatalog.LoggerPlugin]);
        Assert.False(r.Values.ContainsKey(FlagCatalog.ConfigPath));
    }

    [Fact]
    public void Parse_ValueWithSpacesAfterEquals_KeptWhole()
    {
        var r = FlagFile.Parse("--specified_identifier=payments api\n", "f");
        Assert.Equal("payments api", r.Values[FlagCatalog.SpecifiedIdentifier]);
    }

    [Fact]
    public void Parse_BadLines_NamedByFileAndLine()
    {
        var r = FlagFile.Parse("--verbose\nnot a flag\n--unknown_thing=1\n--events_max=many\n--flagfile=/other\n", "my.flags");
        Assert.Equal(4, r.Problems.Count);
        Assert.StartsWith("my.flags:2:", r.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("my.flags:3: unknown flag --unknown_thing", r.Problems[1], StringComparison.Ordinal);
        Assert.StartsWith("my.flags:4: --events_max:", r.Problems[2], StringComparison.Ordinal);
        Assert.StartsWith("my.flags:5: a flagfile cannot name another flagfile", r.Problems[3], StringComparison.Ordinal);
        Assert.Equal("true", Assert.Single(r.Values).Value);
    }

    [Fact]
    public void Parse_QuotedValue_TakenLiterally()
    {
        // osquery removes no quotes either: what the file says is what the flag gets.
        var r = FlagFile.Parse("--specified_identifier=\"quoted\"\n", "f");
        Assert.Equal("\"quoted\"", r.Values[FlagCatalog.SpecifiedIdentifier]);
    }

    [Fact]
    public void TryRead_Missing_Error()
    {
        Assert.Null(FlagFile.TryRead("/nonexistent/osquery.flags", out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryRead_DevZero_RefusedNotRead()
    {
        Assert.Null(FlagFile.TryRead("/dev/zero", out var error));
        Assert.NotEmpty(error);
    }
}
