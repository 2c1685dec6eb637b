// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests;

/// <summary>
/// Every table FarQuery shares with osquery has osquery's Linux columns, with the same type class and hidden flag
/// (docs/osquery-compat.md §0). osquery's side is a fixture of facts extracted from its table specs
/// (fixtures/osquery-schema/, see its README; go_binaries there is fleetd's, the table Fleet queries); FarQuery's side is tables/specs/*.json. Extra FarQuery columns are allowed.
/// </summary>
public sealed class OsquerySchemaParityTests
{
    /// <summary>FarQuery tables osquery does not have (or has under the same name with another content), and why.</summary>
    private static readonly Dictionary<string, string> NotShared = new(StringComparer.Ordinal)
    {
        ["apk_packages"] = "Alpine packages: no osquery table",
        ["ecs_task"] = "ECS task metadata: no osquery table",
        ["ecs_metadata"] = "ECS container metadata: no osquery table",
        ["ecs_container_stats"] = "ECS container statistics: no osquery table",
        ["response_actions"] = "FarQuery's response log: no osquery table",
        ["opera_extensions"] = "folded into osquery's chrome_extensions; kept for the stock vuln-management pack",
        ["java_packages"] = "osquery's java_packages lists Maven/Gradle caches per user; FarQuery's reads JAR archives",
    };

    private static readonly Lazy<Dictionary<string, List<Column>>> Osquery = new(LoadFixture);

    private sealed record Column(string Name, string Type, bool Hidden);

    private static string FixturePath => Path.Join(RepoPaths.Fixtures, "osquery-schema", "tables.json");

    private static Dictionary<string, List<Column>> LoadFixture()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(FixturePath));
        var tables = new Dictionary<string, List<Column>>(StringComparer.Ordinal);
        foreach (var table in doc.RootElement.GetProperty("tables").EnumerateObject())
        {
            tables[table.Name] = ReadColumns(table.Value.GetProperty("columns"));
        }

        return tables;
    }

    private static List<Column> ReadColumns(JsonElement columns) =>
        columns.EnumerateArray().Select(c => new Column(
            c.GetProperty("name").GetString()!,
            c.GetProperty("type").GetString()!,
            c.TryGetProperty("hidden", out var h) ? h.GetBoolean()
                : c.TryGetProperty("flags", out var f) && f.EnumerateArray().Any(x => x.GetString() == "hidden"))).ToList();

    private static List<Column> FarQuerySpec(string table)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Join(RepoPaths.Root, "tables", "specs", table + ".json")));
        return ReadColumns(doc.RootElement.GetProperty("columns"));
    }

    private static IEnumerable<string> SpecNames() =>
        Directory.EnumerateFiles(Path.Join(RepoPaths.Root, "tables", "specs"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!);

    /// <summary>The type classes osquery's values fall into: TEXT; INTEGER, BIGINT, UNSIGNED_BIGINT; DOUBLE; BLOB.</summary>
    private static string TypeClass(string type) => type switch
    {
        "TEXT" => "text",
        "INTEGER" or "BIGINT" or "UNSIGNED_BIGINT" => "integer",
        "DOUBLE" => "double",
        "BLOB" => "blob",
        _ => throw new ArgumentException($"unknown column type {type}"),
    };

    /// <summary>What keeps FarQuery's columns from matching osquery's; empty when they match.</summary>
    private static List<string> Differences(string table, IReadOnlyList<Column> osquery, IReadOnlyList<Column> farquery)
    {
        var ours = farquery.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var column in osquery)
        {
            if (!ours.TryGetValue(column.Name, out var mine))
            {
                problems.Add($"{table}.{column.Name}: missing ({column.Type}{(column.Hidden ? ", hidden" : "")})");
                continue;
            }

            if (TypeClass(mine.Type) != TypeClass(column.Type))
            {
                problems.Add($"{table}.{column.Name}: osquery {column.Type}, FarQuery {mine.Type}");
            }

            if (mine.Hidden != column.Hidden)
            {
                problems.Add($"{table}.{column.Name}: osquery {(column.Hidden ? "hidden" : "visible")}, FarQuery {(mine.Hidden ? "hidden" : "visible")}");
            }
        }

        return problems;
    }

    public static TheoryData<string> SharedTables()
    {
        var data = new TheoryData<string>();
        foreach (var name in SpecNames().Where(n => Osquery.Value.ContainsKey(n) && !NotShared.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SharedTables))]
    public void SharedTable_EveryOsqueryColumn_ExistsWithItsTypeClassAndHiddenFlag(string table)
    {
        var problems = Differences(table, Osquery.Value[table], FarQuerySpec(table));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Specs_EveryFarQueryTable_IsInTheFixtureOrListedAsNotShared()
    {
        foreach (var name in SpecNames())
        {
            Assert.True(Osquery.Value.ContainsKey(name) || NotShared.ContainsKey(name),
                $"tables/specs/{name}.json: add osquery's columns for it to {FixturePath}, or list it in NotShared with the reason");
        }

        foreach (var name in NotShared.Keys.Where(n => n is not "java_packages"))
        {
            Assert.False(Osquery.Value.ContainsKey(name), $"{name} is listed as not shared but the osquery fixture has it");
        }
    }

    [Fact]
    public void Fixture_SharedTables_AreMostOfFarQuerysTablesAndWellFormed()
    {
        // Guards against a fixture that lost its tables, which would make the theory above pass on nothing.
        Assert.True(SharedTables().Count >= 60, $"only {SharedTables().Count} shared tables in the fixture");
        foreach (var (table, columns) in Osquery.Value)
        {
            Assert.NotEmpty(columns);
            Assert.Equal(columns.Count, columns.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.All(columns, c => TypeClass(c.Type));
        }
    }

    [Fact]
    public void Differences_MissingColumnTypeClassAndHiddenFlag_AreEachReported()
    {
        Column[] osquery = [new("a", "TEXT", false), new("b", "BIGINT", false), new("c", "INTEGER", true), new("d", "TEXT", false)];
        Column[] farquery = [new("b", "TEXT", false), new("c", "UNSIGNED_BIGINT", false), new("d", "TEXT", false), new("extra", "BLOB", false)];

        var problems = Differences("t", osquery, farquery);

        Assert.Equal(["t.a: missing (TEXT)", "t.b: osquery BIGINT, FarQuery TEXT", "t.c: osquery hidden, FarQuery visible"], problems);
    }

    [Fact]
    public void Differences_SameColumnsWithinATypeClass_ReportNothing()
    {
        Column[] osquery = [new("a", "INTEGER", false), new("b", "DOUBLE", true)];
        Column[] farquery = [new("b", "DOUBLE", true), new("a", "UNSIGNED_BIGINT", false)];

        Assert.Empty(Differences("t", osquery, farquery));
    }
}
