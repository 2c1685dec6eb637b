// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Cli.Commands;

/// <summary>The arguments of <c>farquery query</c>. <see cref="TryParse"/> reads the plain forms of the command line
/// without System.CommandLine, whose command tree (every verb, its options and help texts from resources) cost a
/// one-shot query more than reading every process's name (docs/architecture.md, "A query's path"). Anything else (help,
/// <c>--opt=value</c>, a response file, a repeated or unknown option, a missing or second statement) is left to
/// System.CommandLine, so errors and help read as they always did.</summary>
/// <param name="Sql">The statement.</param>
/// <param name="Format">The output format.</param>
/// <param name="Separator">The separator of <c>--list</c>.</param>
/// <param name="Header">Whether a header row is printed.</param>
/// <param name="Target">Where the statement runs.</param>
/// <param name="TimeoutSeconds">The statement's time limit.</param>
internal readonly record struct QueryArguments(string Sql, OutputFormat Format, string Separator, bool Header, QueryTarget Target, double TimeoutSeconds)
{
    /// <summary>The default of --separator.</summary>
    public const string DefaultSeparator = "|";

    /// <summary>The default of --timeout, in seconds.</summary>
    public const double DefaultTimeoutSeconds = 10;

    /// <summary>Reads the words after <c>query</c>; false when System.CommandLine must read them.</summary>
    public static bool TryParse(ReadOnlySpan<string> args, out QueryArguments parsed)
    {
        parsed = default;
        string? sql = null, separator = null, socket = null;
        bool? json = null, csv = null, line = null, list = null, local = null, header = null;
        double? timeout = null;
        for (var i = 0; i < args.Length; i++)
        {
            var word = args[i];
            switch (word)
            {
                case "--json" when Flag(args, ref i, ref json):
                case "--csv" when Flag(args, ref i, ref csv):
                case "--line" when Flag(args, ref i, ref line):
                case "--list" when Flag(args, ref i, ref list):
                case "--local" when Flag(args, ref i, ref local):
                case "--header" when Flag(args, ref i, ref header):
                    break;
                case "--separator" when separator is null && Value(args, ref i, out var sep):
                    separator = sep;
                    break;
                case "--socket" when socket is null && Value(args, ref i, out var path):
                    socket = path;
                    break;
                case "--timeout" when timeout is null && Value(args, ref i, out var t)
                    && double.TryParse(t, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var seconds):
                    timeout = seconds;
                    break;
                default:
                    // '-' an option (or help), '@' a response file, '/' the help aliases /? and /h.
                    if (sql is not null || word.Length == 0 || word[0] is '-' or '@' or '/')
                    {
                        return false;
                    }

                    sql = word;
                    break;
            }
        }

        if (sql is null)
        {
            return false;
        }

        var format = json == true ? OutputFormat.Json : csv == true ? OutputFormat.Csv : line == true ? OutputFormat.Line
            : list == true ? OutputFormat.List : OutputFormat.Pretty;
        parsed = new QueryArguments(sql, format, separator ?? DefaultSeparator, header ?? true, new QueryTarget(socket, local == true), timeout ?? DefaultTimeoutSeconds);
        return true;
    }

    // A boolean option, given once: true, or the true or false word after it, which System.CommandLine takes as its
    // value. A repeated one is left to System.CommandLine, which refuses it.
    private static bool Flag(ReadOnlySpan<string> args, ref int i, ref bool? value)
    {
        if (value is not null)
        {
            return false;
        }

        value = true;
        if (i + 1 < args.Length && bool.TryParse(args[i + 1], out var given))
        {
            value = given;
            i++;
        }

        return true;
    }

    // An option with one value word, which must not look like an option or a response file itself.
    private static bool Value(ReadOnlySpan<string> args, ref int i, out string value)
    {
        value = "";
        if (i + 1 >= args.Length || args[i + 1].StartsWith('-') || args[i + 1].StartsWith('@'))
        {
            return false;
        }

        value = args[++i];
        return true;
    }
}
