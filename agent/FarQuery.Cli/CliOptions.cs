// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using FarQuery.Cli.Output;

namespace FarQuery.Cli;

/// <summary>Options shared by several verbs, each built once here (style.md §19).</summary>
internal static class CliOptions
{
    /// <summary>--json: an array of objects, as osqueryi --json.</summary>
    public static readonly Option<bool> Json = new("--json") { Description = "Print results as a JSON array (values as strings, as osqueryi --json)" };

    /// <summary>--csv.</summary>
    public static readonly Option<bool> Csv = new("--csv") { Description = "Print results as CSV" };

    /// <summary>--line.</summary>
    public static readonly Option<bool> Line = new("--line") { Description = "Print one 'column = value' line per column" };

    /// <summary>--list.</summary>
    public static readonly Option<bool> List = new("--list") { Description = "Print values separated by --separator" };

    /// <summary>--separator.</summary>
    public static readonly Option<string> Separator = new("--separator") { Description = "Separator for --list", DefaultValueFactory = _ => "|" };

    /// <summary>--header.</summary>
    public static readonly Option<bool> Header = new("--header") { Description = "Print a header row", DefaultValueFactory = _ => true };

    /// <summary>The format the flags ask for; pretty when none.</summary>
    public static OutputFormat Format(ParseResult r) =>
        r.GetValue(Json) ? OutputFormat.Json
        : r.GetValue(Csv) ? OutputFormat.Csv
        : r.GetValue(Line) ? OutputFormat.Line
        : r.GetValue(List) ? OutputFormat.List
        : OutputFormat.Pretty;

    /// <summary>Adds the output options to a command.</summary>
    public static void AddOutput(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Csv);
        command.Options.Add(Line);
        command.Options.Add(List);
        command.Options.Add(Separator);
        command.Options.Add(Header);
    }
}
