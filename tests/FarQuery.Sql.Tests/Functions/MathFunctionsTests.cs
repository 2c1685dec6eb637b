// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql.Functions;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>Expected values from osquery's SQL documentation (math and trigonometry examples) and C's math library.</summary>
public sealed class MathFunctionsTests
{
    [Theory]
    [InlineData("select sqrt(107372805120)", 327677.898430761)]
    [InlineData("select log(107372805120)", 25.3995727757846)]
    [InlineData("select log10(107372805120)", 11.0308942992233)]
    [InlineData("select pi() * 107372805120", 337321615760.32)]
    [InlineData("select sin(30)", -0.988031624092862)]
    [InlineData("select cos(30)", 0.154251449887584)]
    [InlineData("select tan(30)", -6.40533119664628)]
    [InlineData("select cot(30)", -0.156119952161659)]
    [InlineData("select asin(.5)", 0.523598775598299)]
    [InlineData("select acos(.5)", 1.0471975511966)]
    [InlineData("select atan(.5)", 0.463647609000806)]
    [InlineData("select radians(60)", 1.0471975511966)]
    [InlineData("select degrees(1.3)", 74.484513367007)]
    [InlineData("select exp(1)", 2.71828182845905)]
    [InlineData("select power(2, 10)", 1024.0)]
    [InlineData("select sqrt('16')", 4.0)]
    public void Math_DocumentedExamples_MatchOsquery(string sql, double expected)
    {
        var v = Assert.IsType<double>(SqlScalar.Run(sql));
        Assert.Equal(expected, v, Math.Abs(expected) * 1e-12);
    }

    [Theory]
    [InlineData("select ceil(1.2)", 2L)]
    [InlineData("select ceil(-1.2)", -1L)]
    [InlineData("select floor(1.8)", 1L)]
    [InlineData("select floor(-1.2)", -2L)]
    [InlineData("select ceil(107372805120)", 107372805120L)]
    [InlineData("select floor(9007199254740993)", 9007199254740993L)]
    [InlineData("select ceil('2.5')", 3L)]
    public void CeilFloor_AnyNumber_ReturnsInteger(string sql, long expected)
    {
        // osquery returns 2 where SQLite's built-in returns 2.0; an integer argument passes unchanged (no double).
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Theory]
    [InlineData("select sqrt(-1)", MathFunctions.DomainError)]
    [InlineData("select log(-1)", MathFunctions.DomainError)]
    [InlineData("select log10(0)", MathFunctions.RangeError)]
    [InlineData("select log(0)", MathFunctions.RangeError)]
    [InlineData("select asin(2)", MathFunctions.DomainError)]
    [InlineData("select acos(-1.5)", MathFunctions.DomainError)]
    [InlineData("select power(-8, 0.5)", MathFunctions.DomainError)]
    [InlineData("select power(0, -1)", MathFunctions.RangeError)]
    [InlineData("select power(10, 400)", MathFunctions.RangeError)]
    [InlineData("select exp(20000)", MathFunctions.RangeError)]
    public void Math_DomainOrRangeError_FailsWithCsMessage(string sql, string message)
    {
        Assert.Equal(message, SqlScalar.Error(sql));
    }

    [Theory]
    [InlineData("select sqrt(NULL)")]
    [InlineData("select log(NULL)")]
    [InlineData("select power(NULL, 2)")]
    [InlineData("select power(2, NULL)")]
    [InlineData("select ceil(NULL)")]
    [InlineData("select floor(NULL)")]
    [InlineData("select degrees(NULL)")]
    public void Math_Null_Null(string sql)
    {
        Assert.Null(SqlScalar.Run(sql));
    }

    [Fact]
    public void Math_NonNumericText_ReadAsZeroAsSqliteDoes()
    {
        Assert.Equal(0.0, SqlScalar.Run("select sqrt('abc')"));
        Assert.Equal(12L, MathFunctions.Floor("12.7abc"));
        Assert.Equal(1.0, MathFunctions.Call(MathFunctions.Unary["exp"], "0"));
    }
}
