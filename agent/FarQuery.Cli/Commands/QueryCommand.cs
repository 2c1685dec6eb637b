// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery query "SQL"</c>: one query, printed in the chosen format. It runs in the running agent when
/// its admin socket answers (so event tables have data) and in-process otherwise; <c>--socket</c> and <c>--local</c>
/// choose explicitly. The output is the same either way: typed values survive the socket (PROTOCOL.md).</summary>
internal static class QueryCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL statement to run" };
        var command = new Command("query", "Run one SQL query and print the result") { sql };
        CliOptions.AddOutput(command);
        CliOptions.AddTarget(command);
        command.Options.Add(CliOptions.Timeout);
        command.SetAction(r => Run(FromParse(r, sql)));
        return command;
    }

    /// <summary>What System.CommandLine parsed, as the verb's arguments.</summary>
    internal static QueryArguments FromParse(ParseResult r, Argument<string> sql) => new(
        r.GetValue(sql)!,
        CliOptions.Format(r),
        r.GetValue(CliOptions.Separator)!,
        r.GetValue(CliOptions.Header),
        new QueryTarget(r.GetValue(CliOptions.Socket), r.GetValue(CliOptions.Local)),
        r.GetValue(CliOptions.Timeout));

    /// <summary>Runs parsed arguments on the console.</summary>
    internal static int Run(QueryArguments a) =>
        Run(a.Sql, a.Format, a.Separator, a.Header, Console.Out, Console.Error, a.Target, TimeSpan.FromSeconds(a.TimeoutSeconds));

    /// <summary>Runs the query where <paramref name="target"/> says and prints it; returns the exit code.</summary>
    public static int Run(string sql, OutputFormat format, string separator, bool header, TextWriter stdout, TextWriter stderr, QueryTarget target = default, TimeSpan? timeout = null)
    {
        if (!TryConnect(target, stderr, out var client, out var code))
        {
            return code;
        }

        try
        {
            QueryResult result;
            if (client is null)
            {
                result = RunLocal(sql, timeout);
            }
            else
            {
                using (client)
                {
                    try
                    {
                        result = client.Query(sql, timeout);
                    }
                    catch (AdminClientException e) when (e.BeforeRequest && target.Socket is null)
                    {
                        // Found by default but refused before running anything (peer check): same as no agent.
                        stderr.WriteLine($"note: {e.Message}; running in-process");
                        result = RunLocal(sql, timeout);
                    }
                }
            }

            ResultWriter.Write(stdout, format, result.Columns, result.Rows, separator, header);
            return ExitCodes.Ok;
        }
        catch (SqlQueryException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            return ExitCodes.QueryFailed;
        }
        catch (AdminClientException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            return ExitCodes.QueryFailed;
        }
    }

    /// <summary>Picks the engine: null client means in-process. False (with an exit code) when the user asked for a
    /// socket that does not answer, or for both --socket and --local.</summary>
    public static bool TryConnect(QueryTarget target, TextWriter stderr, out AdminClient? client, out int code)
    {
        client = null;
        code = ExitCodes.Ok;
        if (target.Local && target.Socket is not null)
        {
            stderr.WriteLine("Error: --socket and --local exclude each other");
            code = ExitCodes.Usage;
            return false;
        }

        if (target.Local)
        {
            return true;
        }

        if (target.Socket is { } path)
        {
            try
            {
                client = AdminClient.Connect(path);
                return true;
            }
            catch (AdminClientException e)
            {
                stderr.WriteLine("Error: " + e.Message);
                code = ExitCodes.QueryFailed;
                return false;
            }
        }

        client = AdminClient.TryConnectDefault(out var problem);
        if (client is null && problem is not null)
        {
            // A socket is there but unusable (usually: not root). Say so on stderr, where it cannot change the
            // output, so an empty event table is not mistaken for "nothing happened".
            stderr.WriteLine($"note: {problem}; running in-process");
        }

        return true;
    }

    private static QueryResult RunLocal(string sql, TimeSpan? timeout)
    {
        using var host = LocalEngine.Create();
        return host.Query(sql, timeout);
    }
}

/// <summary>Where a verb runs its SQL.</summary>
/// <param name="Socket">The admin socket the user named, or null to look for the default one.</param>
/// <param name="Local">Run in-process whatever is running.</param>
internal readonly record struct QueryTarget(string? Socket, bool Local);
