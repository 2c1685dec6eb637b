// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests;

/// <summary>The spec, the implementation and the test of every table are named after each other (docs/conventions.md §2).</summary>
public sealed class TableSpecAuditTests
{
    private static string Pascal(string snake) => string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static IEnumerable<string> SpecNames() =>
        Directory.EnumerateFiles(Path.Join(RepoPaths.Root, "tables", "specs"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!);

    [Fact]
    public void Specs_EachSpec_HasExactlyOneImplementationAndOneTest()
    {
        var implementations = Directory.EnumerateFiles(Path.Join(RepoPaths.Root, "tables", "FarQuery.Tables"), "*Table.cs", SearchOption.AllDirectories)
            .Select(Path.GetFileName).ToList();
        var tests = Directory.EnumerateFiles(Path.Join(RepoPaths.Root, "tests"), "*TableTests.cs", SearchOption.AllDirectories)
            .Select(Path.GetFileName).ToList();
        foreach (var name in SpecNames())
        {
            Assert.True(implementations.Count(f => f == Pascal(name) + "Table.cs") == 1, $"spec {name}: expected one {Pascal(name)}Table.cs");
            Assert.True(tests.Count(f => f == Pascal(name) + "TableTests.cs") == 1, $"spec {name}: expected one {Pascal(name)}TableTests.cs");
        }
    }

    [Fact]
    public void Implementations_EachTableClass_HasASpec()
    {
        var specs = SpecNames().Select(n => Pascal(n) + "Table.cs").ToHashSet();
        foreach (var file in Directory.EnumerateFiles(Path.Join(RepoPaths.Root, "tables", "FarQuery.Tables"), "*Table.cs", SearchOption.AllDirectories))
        {
            Assert.True(specs.Contains(Path.GetFileName(file)), $"{file} has no spec in tables/specs");
        }
    }

    [Fact]
    public void Tests_EachTableTestClass_HasASpec()
    {
        var specs = SpecNames().Select(n => Pascal(n) + "TableTests.cs").ToHashSet();
        foreach (var file in Directory.EnumerateFiles(Path.Join(RepoPaths.Root, "tests"), "*TableTests.cs", SearchOption.AllDirectories))
        {
            Assert.True(specs.Contains(Path.GetFileName(file)), $"{file} tests no spec in tables/specs");
        }
    }

    [Fact]
    public void Registry_EverySpec_IsRegistered()
    {
        Assert.Equal(SpecNames().Order(StringComparer.Ordinal), TableRegistry.All.Select(t => t.Name).Order(StringComparer.Ordinal));
    }
}
