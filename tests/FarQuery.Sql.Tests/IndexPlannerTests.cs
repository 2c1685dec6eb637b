// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Sql.Tests;

/// <summary>The planner on plain values: no SQLite connection is opened here.</summary>
public sealed class IndexPlannerTests
{
    private const byte Eq = (byte)ConstraintOp.Equals;
    private const byte Gt = (byte)ConstraintOp.GreaterThan;
    private const byte Like = (byte)ConstraintOp.Like;

    // SQLITE_INDEX_CONSTRAINT_NE in sqlite3.h: an operator no table is offered.
    private const byte NotEqual = 68;

    private static readonly TableSchema Plain = new("plain", "no required column", [
        new ColumnSchema("id", ColumnType.BigInt, ColumnOptions.Index, "indexed"),
        new ColumnSchema("name", ColumnType.Text, ColumnOptions.None, "not pushed down"),
        new ColumnSchema("size", ColumnType.BigInt, ColumnOptions.Additional, "pushed down, not indexed"),
    ]);

    private static readonly TableSchema Needs = new("needs", "a required column", [
        new ColumnSchema("path", ColumnType.Text, ColumnOptions.Required | ColumnOptions.Index, "required"),
        new ColumnSchema("size", ColumnType.BigInt, ColumnOptions.None, "size"),
    ]);

    private static IndexPlan Plan(TableSchema schema, params IndexConstraint[] constraints) =>
        IndexPlanner.Plan(schema, constraints, [], 0b101);

    [Fact]
    public void Plan_NoConstraints_FullScanRunnable()
    {
        var plan = Plan(Plain);

        Assert.Equal(IndexPlan.Runnable, plan.IdxNum);
        Assert.Equal(1e6, plan.EstimatedCost);
        Assert.Equal(1000, plan.EstimatedRows);
        Assert.Equal("5|", plan.IdxStr);
        Assert.Empty(plan.ArgvIndex);
    }

    [Fact]
    public void Plan_EqualityOnIndexColumn_UsedAndCheapest()
    {
        var plan = Plan(Plain, new IndexConstraint(0, Eq, true));

        Assert.Equal([1], plan.ArgvIndex);
        Assert.Equal(1, plan.EstimatedCost);
        Assert.Equal(1, plan.EstimatedRows);
        Assert.Equal("5|0,2;", plan.IdxStr);
    }

    [Fact]
    public void Plan_RangeOnPushedDownColumn_UsedAtFilterCost()
    {
        var plan = Plan(Plain, new IndexConstraint(2, Gt, true));

        Assert.Equal([1], plan.ArgvIndex);
        Assert.Equal(1e4, plan.EstimatedCost);
        Assert.Equal(1000, plan.EstimatedRows);
    }

    [Fact]
    public void Plan_UnusableOrUnsupportedOrNotPushedDown_NotUsed()
    {
        var plan = Plan(
            Plain,
            new IndexConstraint(0, Eq, false),
            new IndexConstraint(0, NotEqual, true),
            new IndexConstraint(1, Eq, true),
            new IndexConstraint(-1, Eq, true),
            new IndexConstraint(9, Eq, true));

        Assert.Equal([0, 0, 0, 0, 0], plan.ArgvIndex);
        Assert.Equal(1e6, plan.EstimatedCost);
        Assert.Equal("5|", plan.IdxStr);
    }

    [Fact]
    public void Plan_SeveralUsable_ArgvInConstraintOrderSkippingUnused()
    {
        var plan = Plan(Plain, new IndexConstraint(2, Gt, true), new IndexConstraint(1, Eq, true), new IndexConstraint(0, Eq, true));

        Assert.Equal([1, 0, 2], plan.ArgvIndex);
        Assert.Equal("5|2,4;0,2;", plan.IdxStr);
    }

    [Fact]
    public void Plan_AnyConstraint_NeverOmitted()
    {
        var plan = Plan(Plain, new IndexConstraint(0, Eq, true), new IndexConstraint(2, Gt, true));

        Assert.Equal([false, false], plan.Omit);
    }

    [Fact]
    public void Plan_OrderBy_NotConsumed()
    {
        var plan = IndexPlanner.Plan(Plain, [], [new IndexOrderBy(0, false), new IndexOrderBy(2, true)], 0);

        Assert.False(plan.OrderByConsumed);
    }

    [Fact]
    public void Plan_RequiredColumnMissing_MissingRequiredAndPricedOut()
    {
        var plan = Plan(Needs, new IndexConstraint(1, Eq, true));

        Assert.Equal(IndexPlan.MissingRequired, plan.IdxNum);
        Assert.Equal(1e12, plan.EstimatedCost);
    }

    [Fact]
    public void Plan_RequiredColumnUnusable_MissingRequired()
    {
        // A join whose other side is not open yet offers the constraint as unusable: this plan must lose to the one
        // where it is usable.
        var plan = Plan(Needs, new IndexConstraint(0, Eq, false));

        Assert.Equal(IndexPlan.MissingRequired, plan.IdxNum);
        Assert.True(plan.EstimatedCost > Plan(Needs, new IndexConstraint(0, Eq, true)).EstimatedCost);
    }

    [Theory]
    [InlineData(Eq)]
    [InlineData(Like)]
    [InlineData((byte)ConstraintOp.Glob)]
    public void Plan_RequiredColumnByEqualityOrPattern_Runnable(byte op)
    {
        var plan = Plan(Needs, new IndexConstraint(0, op, true));

        Assert.Equal(IndexPlan.Runnable, plan.IdxNum);
        Assert.Equal([1], plan.ArgvIndex);
    }

    [Fact]
    public void Plan_RequiredColumnByRange_PushedDownButMissingRequired()
    {
        var plan = Plan(Needs, new IndexConstraint(0, Gt, true));

        Assert.Equal([1], plan.ArgvIndex);
        Assert.Equal(IndexPlan.MissingRequired, plan.IdxNum);
    }

    [Fact]
    public void Decode_PlanText_ReturnsColumnsUsedAndConstraintsInArgvOrder()
    {
        var plan = Plan(Plain, new IndexConstraint(2, Gt, true), new IndexConstraint(0, Eq, true));

        var (used, constraints) = IndexPlanner.Decode(plan.IdxStr);

        Assert.Equal(5UL, used);
        Assert.Equal([new PlannedConstraint(2, ConstraintOp.GreaterThan, false), new PlannedConstraint(0, ConstraintOp.Equals, false)], constraints);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Decode_NoText_NoColumnsAndNoConstraints(string? text)
    {
        var (used, constraints) = IndexPlanner.Decode(text);

        Assert.Equal(0UL, used);
        Assert.Empty(constraints);
    }

    [Fact]
    public void Decode_EveryConstraintOp_IsSqlitesOperatorCode()
    {
        // Decode casts SQLite's operator byte to ConstraintOp: the two must agree.
        Assert.Equal(Interop.Sqlite3.SQLITE_INDEX_CONSTRAINT_EQ, (int)ConstraintOp.Equals);
        Assert.Equal(Interop.Sqlite3.SQLITE_INDEX_CONSTRAINT_GT, (int)ConstraintOp.GreaterThan);
        Assert.Equal(Interop.Sqlite3.SQLITE_INDEX_CONSTRAINT_LE, (int)ConstraintOp.LessOrEqual);
        Assert.Equal(Interop.Sqlite3.SQLITE_INDEX_CONSTRAINT_LT, (int)ConstraintOp.LessThan);
        Assert.Equal(Interop.Sqlite3.SQLITE_INDEX_CONSTRAINT_GE, (int)ConstraintOp.GreaterOrEqual);
        Assert.Equal(Interop.Sqlite3.SQLITE_INDEX_CONSTRAINT_LIKE, (int)ConstraintOp.Like);
        Assert.Equal(Interop.Sqlite3.SQLITE_INDEX_CONSTRAINT_GLOB, (int)ConstraintOp.Glob);
    }

    [Fact]
    public void Plan_TextEqualityOnATableThatFiltersText_IsPassedUnlessItsCollationIsNotBinary()
    {
        // name is TEXT and not pushed down by its flags: only a table that filters text gets it, and only under BINARY.
        var filtered = IndexPlanner.Plan(Plain, [new IndexConstraint(1, Eq, true)], [], 0b111, filtersText: true);
        Assert.Equal([1], filtered.ArgvIndex);
        Assert.Equal([false], filtered.Omit);
        Assert.Equal([false], filtered.HandleIn);

        // The filter leaves the price of a scan alone, so a join's order is what it was without it.
        Assert.Equal(IndexPlanner.Plan(Plain, [], [], 0b111).EstimatedCost, filtered.EstimatedCost);

        Assert.Equal([0], IndexPlanner.Plan(Plain, [new IndexConstraint(1, Eq, true, Binary: false)], [], 0b111, filtersText: true).ArgvIndex);
        Assert.Equal([0], IndexPlanner.Plan(Plain, [new IndexConstraint(1, Eq, true)], [], 0b111).ArgvIndex);
        Assert.Equal([0], IndexPlanner.Plan(Plain, [new IndexConstraint(1, Gt, true)], [], 0b111, filtersText: true).ArgvIndex);
    }

    [Fact]
    public void FiltersText_NonTextColumnOrOneWithACollation_IsFalse()
    {
        var schema = new TableSchema("t_events", "", [
            new ColumnSchema("n", ColumnType.BigInt, ColumnOptions.None, "number"),
            new ColumnSchema("s", ColumnType.Text, ColumnOptions.None, "text"),
            new ColumnSchema("c", ColumnType.Text, ColumnOptions.None, "nocase text", Collate: "NOCASE"),
        ], isEventTable: true);
        Assert.False(IndexPlanner.FiltersText(schema, 0, Eq));
        Assert.True(IndexPlanner.FiltersText(schema, 1, Eq));
        Assert.False(IndexPlanner.FiltersText(schema, 2, Eq));
        Assert.False(IndexPlanner.FiltersText(schema, 1, Like));
        Assert.False(IndexPlanner.FiltersText(schema, -1, Eq));
    }

    [Fact]
    public void Plan_TextInListSqliteHandsOverWhole_IsTakenWholeAndMarkedForXFilter()
    {
        var plan = IndexPlanner.Plan(Plain, [new IndexConstraint(1, Eq, true, IsIn: true, InWhole: true)], [], 0b111, filtersText: true);

        Assert.Equal([1], plan.ArgvIndex);
        Assert.Equal([true], plan.HandleIn);
        Assert.Equal([new PlannedConstraint(1, ConstraintOp.Equals, true)], IndexPlanner.Decode(plan.IdxStr).Constraints);
    }

    [Fact]
    public void Plan_TextInListSqliteCannotHandOverWhole_IsLeftToSqlite()
    {
        // One scan of the buffer per value would cost more than SQLite reading the rows once.
        var plan = IndexPlanner.Plan(Plain, [new IndexConstraint(1, Eq, true, IsIn: true, InWhole: false)], [], 0b111, filtersText: true);

        Assert.Equal([0], plan.ArgvIndex);
        Assert.Equal([false], plan.HandleIn);
    }
}
