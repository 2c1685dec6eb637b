// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Cli.Tests;

public sealed class ShellTests
{
    private static (Shell Shell, StringWriter Output, SqlHost Host) NewShell()
    {
        var host = new SqlHost(TableRegistry.All, new TableContext());
        var output = new StringWriter { NewLine = "\n" };
        var shell = new Shell(sql => { var r = host.Query(sql); return (r.Columns, r.Rows); }, [.. host.Tables.Select(t => t.Schema)], output);
        return (shell, output, host);
    }

    private static Func<string, string?> Lines(params string[] lines)
    {
        var queue = new Queue<string>(lines);
        return _ => queue.Count > 0 ? queue.Dequeue() : null;
    }

    [Fact]
    public void Run_MultiLineStatement_RunsWhenSemicolonArrives()
    {
        var (shell, output, host) = NewShell();
        using (host)
        {
            Assert.Equal(0, shell.Run(Lines("select 1", "  as one;")));
            Assert.Contains("| one |", output.ToString(), StringComparison.Ordinal);
            Assert.Equal("select 1   as one;", Assert.Single(shell.History));
        }
    }

    [Fact]
    public void Meta_Tables_ListsWithArrowPrefix()
    {
        var (shell, output, host) = NewShell();
        using (host)
        {
            shell.Meta(".tables proc");
            Assert.Contains("  => processes\n", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Meta_Schema_PrintsOsqueryCreateTable()
    {
        var (shell, output, host) = NewShell();
        using (host)
        {
            shell.Meta(".schema processes");
            Assert.StartsWith("CREATE TABLE processes(`pid` BIGINT, `name` TEXT", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("PRIMARY KEY (`pid`)) WITHOUT ROWID;", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Meta_ModeLine_ChangesOutput()
    {
        var (shell, output, host) = NewShell();
        using (host)
        {
            shell.Run(Lines(".mode line", "select 7 as seven;"));
            Assert.Contains("seven = 7", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Meta_BadMode_PrintsOsqueryError()
    {
        var (shell, output, host) = NewShell();
        using (host)
        {
            shell.Meta(".mode json");
            Assert.Contains("Error: mode should be one of: column csv line list pretty", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_InvalidSql_PrintsErrorAndKeepsGoing()
    {
        var (shell, output, host) = NewShell();
        using (host)
        {
            var code = shell.Run(Lines("selec 1;", "select 2 as two;"));
            Assert.Equal(ExitCodes.QueryFailed, code);
            Assert.Contains("Error: near \"selec\": syntax error", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("| two |", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_Exit_StopsReading()
    {
        var (shell, output, host) = NewShell();
        using (host)
        {
            Assert.Equal(0, shell.Run(Lines(".exit", "select 99 as never;")));
            Assert.DoesNotContain("never", output.ToString(), StringComparison.Ordinal);
        }
    }
}
