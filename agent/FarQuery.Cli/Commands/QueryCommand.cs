// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using FarQuery.Cli.Output;
using FarQuery.Sql;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery query "SQL"</c>: one query, printed in the chosen format.</summary>
internal static class QueryCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL statement to run" };
        var command = new Command("query", "Run one SQL query and print the result") { sql };
        CliOptions.AddOutput(command);
        command.SetAction(r => Run(r.GetValue(sql)!, CliOptions.Format(r), r.GetValue(CliOptions.Separator)!, r.GetValue(CliOptions.Header), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Runs the query in-process and prints it; returns the exit code.</summary>
    public static int Run(string sql, OutputFormat format, string separator, bool header, TextWriter stdout, TextWriter stderr)
    {
        using var host = LocalEngine.Create();
        try
        {
            var result = host.Query(sql);
            ResultWriter.Write(stdout, format, result.Columns, result.Rows, separator, header);
            return ExitCodes.Ok;
        }
        catch (SqlQueryException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            return ExitCodes.QueryFailed;
        }
    }
}
