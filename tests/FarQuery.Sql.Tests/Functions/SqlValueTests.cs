// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql.Functions;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>The conversions must give what SQLite itself gives, so each is checked against SQLite's own CAST.</summary>
public sealed class SqlValueTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(-2.5)]
    [InlineData(1e20)]
    [InlineData(1.5e-7)]
    [InlineData(123456789012345.0)]
    [InlineData(1e15)]
    [InlineData(0.30000000000000004)]
    [InlineData(3.141592653589793)]
    public void Text_Real_AsSqlitesCast(double value)
    {
        var literal = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(SqlScalar.Run($"select cast(cast('{literal}' as real) as text)"), SqlValue.Text(value));
    }

    [Theory]
    [InlineData("  12.5abc", 12.5)]
    [InlineData("-3e2x", -300.0)]
    [InlineData("abc", 0.0)]
    [InlineData(".5", 0.5)]
    [InlineData("7e", 7.0)]
    public void ToDouble_Text_AsSqlitesCast(string text, double expected)
    {
        Assert.Equal(expected, SqlValue.ToDouble(text));
        Assert.Equal(expected, Convert.ToDouble(SqlScalar.Run($"select cast('{text}' as real)"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
