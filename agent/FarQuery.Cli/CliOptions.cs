// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Cli;

/// <summary>Options shared by several verbs, each built once here (docs/conventions.md §19).</summary>
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
    public static readonly Option<string> Separator = new("--separator") { Description = "Separator for --list", DefaultValueFactory = _ => Commands.QueryArguments.DefaultSeparator };

    /// <summary>--header.</summary>
    public static readonly Option<bool> Header = new("--header") { Description = "Print a header row", DefaultValueFactory = _ => true };

    /// <summary>--socket: talk to the agent at this path (and fail if it does not answer).</summary>
    public static readonly Option<string?> Socket = new("--socket") { Description = "Query the running agent through this admin socket (default: use the agent's socket when one answers, else run in-process)" };

    /// <summary>--local: never use an agent, even when one is running.</summary>
    public static readonly Option<bool> Local = new("--local") { Description = "Run in-process even when an agent is running (event tables are then empty)" };

    /// <summary>--timeout: the query time limit, in seconds, in both modes.</summary>
    public static readonly Option<double> Timeout = new("--timeout") { Description = "Stop a query after this many seconds", DefaultValueFactory = _ => Commands.QueryArguments.DefaultTimeoutSeconds };

    /// <summary>--memory_budget for <c>serve</c>, described as the agent's flag of that name (docs/memory.md).</summary>
    public static readonly Option<long> MemoryBudget = new("--" + FlagCatalog.MemoryBudget.Name) { Description = FlagCatalog.MemoryBudget.Description };

    /// <summary>Adds --socket and --local to a command.</summary>
    public static void AddTarget(Command command)
    {
        command.Options.Add(Socket);
        command.Options.Add(Local);
    }

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
