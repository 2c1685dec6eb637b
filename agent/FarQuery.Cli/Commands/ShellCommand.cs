// SPDX-License-Identifier: Apache-2.0
using FarQuery.Admin.Protocol;
using FarQuery.Core;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery shell</c>: the interactive shell, with history in ~/.farquery/.history. Like <c>query</c>, it
/// talks to the running agent when its socket answers and runs in-process otherwise.</summary>
internal static class ShellCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("shell", "Interactive SQL shell in osqueryi's manner (.help for commands)");
        CliOptions.AddTarget(command);
        command.Options.Add(CliOptions.Timeout);
        command.SetAction(r => Run(new QueryTarget(r.GetValue(CliOptions.Socket), r.GetValue(CliOptions.Local)), TimeSpan.FromSeconds(r.GetValue(CliOptions.Timeout))));
        return command;
    }

    private static int Run(QueryTarget target, TimeSpan timeout)
    {
        if (!QueryCommand.TryConnect(target, Console.Error, out var client, out var code))
        {
            return code;
        }

        using var agent = client;
        SqlHost? host = null;
        IReadOnlyList<TableSchema>? tables = null;
        if (agent is not null)
        {
            try
            {
                tables = [.. agent.Tables().Select(ToSchema)];
            }
            catch (AdminClientException e) when (e.BeforeRequest && target.Socket is null)
            {
                Console.Error.WriteLine($"note: {e.Message}; running in-process");
            }
            catch (AdminClientException e)
            {
                Console.Error.WriteLine("Error: " + e.Message);
                return ExitCodes.QueryFailed;
            }
        }

        if (tables is null)
        {
            host = LocalEngine.Create();
            tables = [.. host.Tables.Select(t => t.Schema)];
        }

        using var local = host;
        Func<string, (IReadOnlyList<string>, IReadOnlyList<object?[]>)> query = local is not null
            ? sql => { var r = local.Query(sql, timeout); return (r.Columns, r.Rows); }
            : sql => Remote(agent!, sql, timeout);
        return Interact(new Shell(query, tables, Console.Out), local is null ? agent!.SocketPath : null);
    }

    private static int Interact(Shell shell, string? socket)
    {
        var historyFile = HistoryPath();
        if (historyFile is not null && File.Exists(historyFile))
        {
            shell.History.AddRange(File.ReadLines(historyFile).TakeLast(1000));
        }

        var loaded = shell.History.Count;
        if (!Console.IsInputRedirected)
        {
            Console.WriteLine(socket is null
                ? "Using a virtual database. Need help, type '.help'"
                : $"Connected to the running agent at {socket}. Need help, type '.help'");
        }

        var editor = new LineEditor(shell.History);
        var code = shell.Run(editor.ReadLine);
        if (historyFile is not null && shell.History.Count > loaded)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(historyFile)!);
                File.AppendAllLines(historyFile, shell.History.Skip(loaded));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A read-only home (common in containers) only costs the history.
            }
        }

        return code;
    }

    private static (IReadOnlyList<string>, IReadOnlyList<object?[]>) Remote(AdminClient agent, string sql, TimeSpan timeout)
    {
        try
        {
            var r = agent.Query(sql, timeout);
            return (r.Columns, r.Rows);
        }
        catch (AdminClientException e)
        {
            // The shell prints query errors and carries on; a lost agent is reported the same way, once per statement.
            throw new SqlQueryException(e.Message, e);
        }
    }

    /// <summary>The agent's table description as the shell's .tables/.schema need it.</summary>
    private static TableSchema ToSchema(TableInfo t) => new(
        t.Name,
        t.Description,
        [.. t.Columns.Select(c => new ColumnSchema(c.Name, ParseType(c.Type), (ColumnOptions)c.Options, c.Description, c.Collate))],
        t.Event,
        t.Aliases);

    private static ColumnType ParseType(string sql) => sql switch
    {
        "TEXT" => ColumnType.Text,
        "INTEGER" => ColumnType.Integer,
        "BIGINT" => ColumnType.BigInt,
        "UNSIGNED BIGINT" => ColumnType.UnsignedBigInt,
        "DOUBLE" => ColumnType.Double,
        _ => ColumnType.Blob,
    };

    private static string? HistoryPath() =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? Path.Join(home, ".farquery", ".history") : null;
}
