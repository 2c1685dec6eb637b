// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Sql;

namespace FarQuery.Tables.Tests.Support;

/// <summary>TableAssert: its checks can fail, on a wrong-typed value the SQL host would have coerced and on zero rows.</summary>
public sealed class TableAssertTests
{
    private static readonly TableSchema Schema = new(
        "typed_probe",
        "A table whose rows the test chooses.",
        [
            new ColumnSchema("id", ColumnType.BigInt, ColumnOptions.None, "An id"),
            new ColumnSchema("label", ColumnType.Text, ColumnOptions.None, "A label"),
        ]);

    private static TableRegistration[] Tables(params object?[][] rows) => [new(Schema, c => new ProbeTable(c, rows))];

    [Fact]
    public void SelectStarMatchesSpec_WellTypedRows_ReturnsThem()
    {
        var result = TableAssert.SelectStarMatchesSpec(Tables([1L, "one"], [null, null]), "typed_probe");

        Assert.Equal([[1L, "one"], [null, null]], result.Rows);
    }

    [Fact]
    public void SelectStarMatchesSpec_StringInBigIntColumn_Fails()
    {
        // SQLite alone would return this row as (NULL, 'two') and the storage-class check would pass.
        var e = Assert.Throws<SqlQueryException>(() => TableAssert.SelectStarMatchesSpec(Tables(["2", "two"]), "typed_probe"));

        Assert.Contains("typed_probe.id is declared BigInt but the table yielded String '2'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectStarMatchesSpec_IntInBigIntColumn_Fails()
    {
        // An int is what the typed row's long? setter rules out; SQLite would have stored it as an integer unnoticed.
        var e = Assert.Throws<SqlQueryException>(() => TableAssert.SelectStarMatchesSpec(Tables([3, "three"]), "typed_probe"));

        Assert.Contains("typed_probe.id is declared BigInt but the table yielded Int32 '3'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectStarMatchesSpec_RowOfWrongWidth_Fails()
    {
        var e = Assert.Throws<SqlQueryException>(() => TableAssert.SelectStarMatchesSpec(Tables([4L]), "typed_probe"));

        Assert.Contains("typed_probe: a row has 1 values for 2 columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectStarMatchesSpec_ZeroRows_Fails()
    {
        var e = Assert.Throws<Xunit.Sdk.TrueException>(() => TableAssert.SelectStarMatchesSpec(Tables(), "typed_probe"));

        Assert.Contains("typed_probe: the query returned no rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectStarMatchesSpec_ZeroRowsExpected_Passes()
    {
        Assert.Empty(TableAssert.SelectStarMatchesSpec(Tables(), "typed_probe", expect: Expect.NoRows).Rows);
    }

    [Fact]
    public void SelectStarMatchesSpec_RowsWhereNoneExpected_Fails()
    {
        var e = Assert.Throws<Xunit.Sdk.TrueException>(() => TableAssert.SelectStarMatchesSpec(Tables([5L, "five"]), "typed_probe", expect: Expect.NoRows));

        Assert.Contains("typed_probe: expected no rows, got 1", e.Message, StringComparison.Ordinal);
    }

    private sealed class ProbeTable(TableContext context, object?[][] rows) : Table(context)
    {
        public override TableSchema Schema => TableAssertTests.Schema;

        public override IEnumerable<object?[]> Generate(QueryContext query) => rows.Select(r => (object?[])r.Clone());
    }
}
