// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery tables [PREFIX] [--schema]</c>: the table list, or osquery-style CREATE TABLE statements.</summary>
internal static class TablesCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var prefix = new Argument<string?>("prefix") { Description = "Only tables whose name starts with this", Arity = ArgumentArity.ZeroOrOne };
        var schema = new Option<bool>("--schema") { Description = "Print each table's CREATE TABLE statement" };
        var command = new Command("tables", "List the tables") { prefix, schema };
        command.SetAction(r =>
        {
            foreach (var t in TableRegistry.All.Where(t => t.Name.StartsWith(r.GetValue(prefix) ?? "", StringComparison.Ordinal)))
            {
                Console.WriteLine(r.GetValue(schema) ? t.Schema.ToCreateTableSql() : t.Name);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
