// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text.Json;
using Dapper;
using FarQuery.Sql.Functions;
using Microsoft.Data.Sqlite;

namespace FarQuery.Rules.Tests;

/// <summary>An in-memory SQLite database whose process_events, socket_events, process_file_events, users, groups and
/// ecs_metadata are ordinary tables with the columns of tables/specs/*.json, so compiled rules run against rows a test
/// writes. <c>split</c> is FarQuery's own (SqlHost.Functions). Dapper binds the parameters and maps the result rows.</summary>
internal sealed class EventDatabase : IDisposable
{
    private static readonly string[] TableNames = ["process_events", "socket_events", "process_file_events", "users", "groups", "ecs_metadata"];
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public EventDatabase()
    {
        connection.Open();
        connection.CreateFunction("split", (string? text, string? tokens, long? index) => StringFunctions.Split(text, tokens, index), isDeterministic: true);
        foreach (var name in TableNames)
        {
            using var spec = JsonDocument.Parse(File.ReadAllText(Path.Join(Paths.Root, "tables", "specs", name + ".json")));
            var columns = spec.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString() + " " + c.GetProperty("type").GetString());
            connection.Execute($"CREATE TABLE {name} ({string.Join(", ", columns)})");
        }

        // The agent fills process_file_events.directory and .filename from path (ProcessFileEventsSubscriber, tested
        // there); here SQLite derives them from the path each test row gives, so rows need not repeat them.
        connection.Execute("""
            CREATE TRIGGER path_parts AFTER INSERT ON process_file_events WHEN new.path IS NOT NULL BEGIN
              UPDATE process_file_events
              SET directory = coalesce(nullif(rtrim(rtrim(new.path, replace(new.path, '/', '')), '/'), ''), '/'),
                  filename = substr(new.path, length(rtrim(new.path, replace(new.path, '/', ''))) + 1)
              WHERE rowid = new.rowid;
            END
            """);
    }

    private long eid;

    /// <summary>Adds a row; columns not given are NULL. Event rows get the next eid and time.</summary>
    public EventDatabase Add(string table, params (string Column, object? Value)[] values)
    {
        var all = values.ToList();
        if (table.EndsWith("_events", StringComparison.Ordinal))
        {
            eid++;
            all.Add(("eid", eid.ToString(CultureInfo.InvariantCulture)));
            all.Add(("time", 1_700_000_000 + eid));
        }

        var parameters = new DynamicParameters();
        for (var i = 0; i < all.Count; i++)
        {
            parameters.Add("p" + i, all[i].Value);
        }

        connection.Execute($"INSERT INTO {table} ({string.Join(", ", all.Select(v => v.Column))}) VALUES ({string.Join(", ", all.Select((_, i) => "@p" + i))})", parameters);
        return this;
    }

    /// <summary>An exec row of process_events.</summary>
    public EventDatabase Exec(string name, string cmdline, string parent = "sh", string ancestors = "sh", string? path = null, long uid = 0) =>
        Add("process_events", ("syscall", "execve"), ("pid", 100 + eid), ("name", name), ("cmdline", cmdline), ("path", path ?? "/usr/bin/" + name),
            ("parent", 1), ("parent_name", parent), ("parent_cmdline", parent), ("ancestors", ancestors), ("uid", uid), ("cwd", "/"));

    /// <summary>Runs a compiled query; each row as column → text.</summary>
    public List<Dictionary<string, string?>> Run(string sql) =>
        connection.Query(sql)
            .Select(row => ((IDictionary<string, object?>)row).ToDictionary(c => c.Key, c => c.Value is null ? null : Convert.ToString(c.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal))
            .ToList();

    public void Dispose() => connection.Dispose();
}
