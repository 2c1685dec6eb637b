// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using FarQuery.Cli.Commands;
using FarQuery.Cli.Output;

namespace FarQuery.Cli.Tests.Commands;

/// <summary>`farquery query` read without System.CommandLine: the forms it accepts mean what System.CommandLine makes of
/// them, and the rest is left to System.CommandLine.</summary>
public sealed class QueryArgumentsTests
{
    public static TheoryData<string[]> Accepted => new()
    {
        new[] { "select 1" },
        new[] { "--json", "select 1" },
        new[] { "select 1", "--csv" },
        new[] { "--line", "select pid from processes" },
        new[] { "--list", "--separator", ",", "select 1, 2" },
        new[] { "--csv", "--header", "false", "select 1" },
        new[] { "--header", "true", "--csv", "select 1" },
        new[] { "--header", "select 1" },
        new[] { "--json", "false", "--csv", "select 1" },
        new[] { "--local", "--timeout", "2.5", "select 1" },
        new[] { "--socket", "/tmp/x.sock", "select 1" },
        new[] { "--timeout", "30", "--json", "--local", "select name from processes" },
        new[] { "select 'a -- b'" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void TryParse_PlainForm_MeansWhatSystemCommandLineParses(string[] args)
    {
        var command = QueryCommand.Create();
        var root = new RootCommand { command };
        var result = root.Parse(["query", .. args]);
        Assert.Empty(result.Errors);
        var expected = QueryCommand.FromParse(result, (Argument<string>)command.Arguments[0]);

        Assert.True(QueryArguments.TryParse(args, out var parsed));
        Assert.Equal(expected, parsed);
    }

    public static TheoryData<string[]> Refused => new()
    {
        Array.Empty<string>(),
        new[] { "--help" },
        new[] { "-h" },
        new[] { "/?" },
        new[] { "select 1", "select 2" },
        new[] { "--json", "--json", "select 1" },
        new[] { "--separator=,", "select 1" },
        new[] { "--separator" },
        new[] { "--timeout", "soon", "select 1" },
        new[] { "--timeout", "-1", "select 1" },
        new[] { "--nosuch", "select 1" },
        new[] { "@args.rsp" },
        new[] { "--", "select 1" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void TryParse_OtherForm_IsLeftToSystemCommandLine(string[] args) => Assert.False(QueryArguments.TryParse(args, out _));

    [Fact]
    public void TryParse_NoFormat_IsPrettyWithDefaults()
    {
        Assert.True(QueryArguments.TryParse(["select 1"], out var parsed));
        Assert.Equal(new QueryArguments("select 1", OutputFormat.Pretty, "|", true, new QueryTarget(null, false), 10), parsed);
    }

    [Fact]
    public void Main_QueryThroughEitherParser_PrintsTheSameCsv()
    {
        // The built executable: the plain form takes the direct path, the same query with the separator given as
        // --separator=| goes through System.CommandLine.
        var direct = FarqueryProcess.Run(["query", "--local", "--csv", "select 1 as a, 'x' as b"]);
        var viaParser = FarqueryProcess.Run(["query", "--local", "--csv", "--separator=|", "select 1 as a, 'x' as b"]);
        Assert.Equal(0, direct.Code);
        Assert.Equal("a,b\n1,x\n", direct.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal((viaParser.Code, viaParser.Stdout, viaParser.Stderr), (direct.Code, direct.Stdout, direct.Stderr));
    }
}
