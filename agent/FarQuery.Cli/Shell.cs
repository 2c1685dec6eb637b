// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;

namespace FarQuery.Cli;

/// <summary>An interactive SQL shell in osqueryi's manner (docs/osquery-compat.md §8): <c>osquery&gt; </c>-style prompt, statements
/// end with ';', meta-commands start with '.', history kept in a file.</summary>
internal sealed class Shell(Func<string, (IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)> query, IReadOnlyList<Core.TableSchema> tables, TextWriter output)
{
    private const string Prompt = "farquery> ";
    private const string Continuation = "     ...> ";

    private static readonly string[] Modes = ["column", "csv", "line", "list", "pretty"];

    private OutputFormat format = OutputFormat.Pretty;
    private bool headers = true;
    private bool timer;
    private string separator = "|";
    private string nullValue = "";

    /// <summary>Lines entered so far, oldest first.</summary>
    public List<string> History { get; } = [];

    /// <summary>Reads statements until end of input or .exit; returns the exit code.</summary>
    public int Run(Func<string, string?> readLine)
    {
        var pending = new StringBuilder();
        var failed = false;
        while (true)
        {
            var line = readLine(pending.Length == 0 ? Prompt : Continuation);
            if (line is null)
            {
                return failed ? ExitCodes.QueryFailed : ExitCodes.Ok;
            }

            if (pending.Length == 0 && line.TrimStart().StartsWith('.'))
            {
                History.Add(line);
                if (!Meta(line.Trim()))
                {
                    return ExitCodes.Ok;
                }

                continue;
            }

            pending.AppendLine(line);
            var text = pending.ToString().Trim();
            if (!text.EndsWith(';'))
            {
                continue;
            }

            pending.Clear();
            History.Add(text.ReplaceLineEndings(" "));
            failed |= !Execute(text);
        }
    }

    /// <summary>Runs one statement and prints its result or error; false on error.</summary>
    public bool Execute(string sql)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var (columns, rows) = query(sql);
            ResultWriter.Write(output, format, columns, rows, format == OutputFormat.Csv ? "," : separator, headers, nullValue);
            if (timer)
            {
                output.WriteLine($"Run Time: real {watch.Elapsed.TotalSeconds:0.000}");
            }

            return true;
        }
        catch (SqlQueryException e)
        {
            output.WriteLine("Error: " + e.Message);
            return false;
        }
    }

    /// <summary>Handles a meta-command; false when the shell should exit.</summary>
    public bool Meta(string line)
    {
        var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var arg = parts.Length > 1 ? parts[1] : "";
        switch (parts[0])
        {
            case ".exit" or ".quit":
                return false;
            case ".help":
                output.WriteLine(HelpText);
                break;
            case ".tables":
                foreach (var t in tables.Where(t => t.Name.StartsWith(arg, StringComparison.Ordinal)).OrderBy(t => t.Name, StringComparer.Ordinal))
                {
                    output.WriteLine("  => " + t.Name);
                }

                break;
            case ".schema":
                foreach (var t in tables.Where(t => arg.Length == 0 ? true : t.Name == arg || t.Aliases.Contains(arg)).OrderBy(t => t.Name, StringComparer.Ordinal))
                {
                    output.WriteLine(t.ToCreateTableSql());
                }

                break;
            case ".all":
                if (arg.Length == 0)
                {
                    output.WriteLine("Error: .all needs a table name");
                }
                else
                {
                    Execute($"SELECT * FROM {arg};");
                }

                break;
            case ".mode":
                var mode = arg.ToLowerInvariant() switch
                {
                    "columns" => "column",
                    "lines" => "line",
                    var m => m,
                };
                if (!Modes.Contains(mode))
                {
                    output.WriteLine("Error: mode should be one of: " + string.Join(' ', Modes));
                    break;
                }

                format = mode switch
                {
                    "csv" => OutputFormat.Csv,
                    "line" => OutputFormat.Line,
                    "list" => OutputFormat.List,
                    _ => OutputFormat.Pretty,
                };
                break;
            case ".headers" or ".header":
                headers = OnOff(arg, headers);
                break;
            case ".timer":
                timer = OnOff(arg, timer);
                break;
            case ".separator":
                separator = arg.Length > 0 ? arg : "|";
                break;
            case ".nullvalue":
                nullValue = arg;
                break;
            case ".print":
                output.WriteLine(arg);
                break;
            case ".show" or ".summary":
                output.WriteLine($"  headers: {(headers ? "on" : "off")}");
                output.WriteLine($"     mode: {format.ToString().ToLowerInvariant()}");
                output.WriteLine($"nullvalue: \"{nullValue}\"");
                output.WriteLine($"separator: \"{separator}\"");
                output.WriteLine($"    timer: {(timer ? "on" : "off")}");
                break;
            case ".history":
                for (var i = 0; i < History.Count; i++)
                {
                    output.WriteLine($"{i + 1,5}  {History[i]}");
                }

                break;
            default:
                output.WriteLine($"Error: unknown command or invalid arguments: \"{parts[0][1..]}\". Enter \".help\" for help");
                break;
        }

        return true;
    }

    private static bool OnOff(string arg, bool current) => arg.ToLowerInvariant() switch
    {
        "on" or "1" or "yes" or "true" => true,
        "off" or "0" or "no" or "false" => false,
        _ => current,
    };

    private const string HelpText = """
        Welcome to the farquery shell. Please explore your container!
        You are connected to a transient in-memory database unless the agent's socket is used.

        .all [TABLE]     Select all from a table
        .exit            Exit this program
        .headers ON|OFF  Turn display of headers on or off
        .help            Show this message
        .history         Show the statements entered so far
        .mode MODE       Set output mode where MODE is one of:
                           csv      Comma-separated values
                           column   Left-aligned columns (same as pretty)
                           line     One value per line
                           list     Values delimited by .separator string
                           pretty   Pretty printed SQL results (default)
        .nullvalue STR   Use STRING in place of NULL values
        .print STR...    Print literal STRING
        .quit            Exit this program
        .schema [TABLE]  Show the CREATE statements
        .separator STR   Change separator used by output mode
        .show            Show the current values for various settings
        .tables [TABLE]  List names of tables
        .timer ON|OFF    Turn the timer on or off
        """;
}
