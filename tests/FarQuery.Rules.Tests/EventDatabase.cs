// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FarQuery.Rules.Tests;

/// <summary>An in-memory SQLite database whose process_events, socket_events, process_file_events, users, groups and
/// ecs_metadata are ordinary tables with the columns of tables/specs/*.json, so compiled rules run against rows a test
/// writes. <c>split</c> behaves like FarQuery's (SqlHost.Functions).</summary>
internal sealed class EventDatabase : IDisposable
{
    private static readonly string[] TableNames = ["process_events", "socket_events", "process_file_events", "users", "groups", "ecs_metadata"];
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public EventDatabase()
    {
        connection.Open();
        connection.CreateFunction("split", (string? text, string? tokens, long? index) =>
        {
            if (text is null || string.IsNullOrEmpty(tokens) || index is not { } i || i < 0)
            {
                return null;
            }

            var parts = text.Split(tokens.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
            return i < parts.Length ? parts[i] : null;
        }, isDeterministic: true);
        foreach (var name in TableNames)
        {
            using var spec = JsonDocument.Parse(File.ReadAllText(Path.Join(Paths.Root, "tables", "specs", name + ".json")));
            var columns = spec.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString() + " " + c.GetProperty("type").GetString());
            Execute($"CREATE TABLE {name} ({string.Join(", ", columns)})");
        }
    }

    private long eid;

    /// <summary>Adds a row; columns not given are NULL. Event rows get the next eid and time.</summary>
    public EventDatabase Add(string table, params (string Column, object? Value)[] values)
    {
        var all = values.ToList();
        if (table.EndsWith("_events", StringComparison.Ordinal))
        {
            eid++;
            all.Add(("eid", eid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            all.Add(("time", 1_700_000_000 + eid));
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", all.Select(v => v.Column))}) VALUES ({string.Join(", ", all.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < all.Count; i++)
        {
            cmd.Parameters.AddWithValue("$p" + i, all[i].Value ?? DBNull.Value);
        }

        cmd.ExecuteNonQuery();
        return this;
    }

    /// <summary>An exec row of process_events.</summary>
    public EventDatabase Exec(string name, string cmdline, string parent = "sh", string ancestors = "sh", string? path = null, long uid = 0) =>
        Add("process_events", ("syscall", "execve"), ("pid", 100 + eid), ("name", name), ("cmdline", cmdline), ("path", path ?? "/usr/bin/" + name),
            ("parent", 1), ("parent_name", parent), ("parent_cmdline", parent), ("ancestors", ancestors), ("uid", uid), ("cwd", "/"));

    /// <summary>Runs a compiled query; each row as column → text.</summary>
    public List<Dictionary<string, string?>> Run(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, string?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    private void Execute(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
