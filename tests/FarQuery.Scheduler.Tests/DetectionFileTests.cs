// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Scheduler.Config;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Scheduler.Tests;

public sealed class DetectionFileTests
{
    private static readonly string[] Required = ["rule", "source", "priority", "tags", "purpose"];

    private static string Queries => Path.Join(Paths.Root, "queries");

    [Fact]
    public void Parse_Header_ReadsFieldsAndSql()
    {
        var d = DetectionFile.Parse("x", "-- Rule: R\n-- Priority: NOTICE\n-- Tags: a, b\n-- Interval: 5\n-- Purpose: p: with colon\n\nSELECT 1\n-- trailing comment\nFROM t;\n", "rule");
        Assert.Equal("R", d.Header["rule"]);
        Assert.Equal("p: with colon", d.Header["purpose"]);
        Assert.Equal(5, d.Interval);
        Assert.Equal("SELECT 1\n-- trailing comment\nFROM t;", d.Sql.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Parse_MissingHeaderField_NamesIt()
    {
        var e = Assert.Throws<ConfigException>(() => DetectionFile.Parse("x", "-- Rule: R\nSELECT 1;", "rule", "priority"));
        Assert.Contains("Priority", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repository_EveryDetection_HasFullHeaderAndPreparesAgainstSchema()
    {
        using var host = new SqlHost(TableRegistry.All, new TableContext());
        var detections = DetectionFile.LoadFolder(Queries, Required);
        Assert.NotEmpty(detections);
        foreach (var d in detections)
        {
            Assert.Null(host.Check(d.Sql));
            var columns = host.Query("SELECT * FROM (" + d.Sql.TrimEnd(';') + ") LIMIT 0").Columns;
            foreach (var c in new[] { "rule", "priority", "tags", "pid", "cmdline" })
            {
                Assert.True(columns.Contains(c), $"{d.Name}.sql: alert rows need a '{c}' column");
            }
        }
    }

    [Fact]
    public void Repository_DetectionsPack_IsBuiltFromQueries()
    {
        var expected = DetectionFile.BuildPack(DetectionFile.LoadFolder(Queries, Required));
        var committed = File.ReadAllText(Path.Join(Paths.Root, "packs", "farquery-detections.json"));
        Assert.True(expected == committed, "packs/farquery-detections.json is stale: run `farquery packs build queries -o packs/farquery-detections.json`");
    }

    [Fact]
    public void Repository_DefaultConfig_LoadsEveryPackWithoutWarnings()
    {
        var config = ConfigParser.LoadFile(Path.Join(Paths.Root, "packs", "farquery.conf"));
        Assert.Empty(config.Warnings);
        Assert.Contains(config.Packs, p => p.Name == "farquery-detections" && p.Queries.Count == Directory.GetFiles(Queries, "*.sql").Length);
    }
}
