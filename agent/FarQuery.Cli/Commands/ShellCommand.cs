// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery shell</c>: the interactive shell, with history in ~/.farquery/.history.</summary>
internal static class ShellCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("shell", "Interactive SQL shell in osqueryi's manner (.help for commands)");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        using var host = LocalEngine.Create();
        var shell = new Shell(sql => { var r = host.Query(sql); return (r.Columns, r.Rows); }, [.. host.Tables.Select(t => t.Schema)], Console.Out);
        var historyFile = HistoryPath();
        if (historyFile is not null && File.Exists(historyFile))
        {
            shell.History.AddRange(File.ReadLines(historyFile).TakeLast(1000));
        }

        var loaded = shell.History.Count;
        if (!Console.IsInputRedirected)
        {
            Console.WriteLine("Using a virtual database. Need help, type '.help'");
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

    private static string? HistoryPath() =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? Path.Join(home, ".farquery", ".history") : null;
}
