// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql.Functions;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>Expected values from osquery's own SQL tests (osquery/sql/tests/sql.cpp: split, regex_split,
/// regex_match, concat, concat_ws) and its documentation.</summary>
public sealed class StringFunctionsTests
{
    [Theory]
    [InlineData("select split('/foo/bar', '/', 0)", "foo")]
    [InlineData("select split('/foo/bar', '/', 1)", "bar")]
    [InlineData("select split('/foo/bar', '/', 2)", null)]
    [InlineData("select split('foo;;bar', ';;', 0)", "foo")]
    [InlineData("select split('foo;;bar', ';;', 1)", "bar")]
    [InlineData("select split('foo;;bar', ';;', 2)", null)]
    [InlineData("select split(1001, 1, 0)", "00")]
    [InlineData("select split('a, b', ',', 1)", "b")]
    [InlineData("select split('192.168.0.1', '.0', 0)", "192")]
    [InlineData("select split('a,b', ',', -1)", null)]
    public void Split_OsqueryCases_MatchOsquery(string sql, string? expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Fact]
    public void Split_EmptyTokens_FailsAsOsquery()
    {
        Assert.Contains("Invalid input to split function", SqlScalar.Error("select split('foo;;bar', '', 0)"), StringComparison.Ordinal);
        Assert.Throws<SqlQueryException>(() => StringFunctions.Split("a", "", 0));
    }

    [Theory]
    [InlineData("select regex_split('/foo/bar', '/', 0)", "")]
    [InlineData("select regex_split('/foo/bar', '/', 1)", "foo")]
    [InlineData("select regex_split('/foo/bar', '/', 2)", "bar")]
    [InlineData("select regex_split('/foo/bar', '/', 3)", null)]
    [InlineData("select regex_split('foo;;bar', ';;', 0)", "foo")]
    [InlineData("select regex_split('foo;;bar', ';;', 1)", "bar")]
    [InlineData("select regex_split('foo;;bar', ';;', 2)", null)]
    [InlineData("select regex_split('foo;bar//qux', '(;|/)+', 0)", "foo")]
    [InlineData("select regex_split('foo;bar//qux', '(;|/)+', 1)", "bar")]
    [InlineData("select regex_split('foo;bar//qux', '(;|/)+', 2)", "qux")]
    [InlineData("select regex_split('foo;bar//qux', '(;|/)+', 3)", null)]
    [InlineData("select regex_split('/filesystem/path/download.extension.zip', '(.*/)|(.extension.zip)', 1)", "download")]
    [InlineData("select regex_split('foo/bar', '|', 0)", "")]
    [InlineData("select regex_split('192.168.0.1', '\\.0', 0)", "192.168")]
    [InlineData("select regex_split(NULL, '/', 0)", null)]
    public void RegexSplit_OsqueryCases_MatchOsquery(string sql, string? expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Theory]
    [InlineData("select regex_split('foo/bar', '', 0)")]
    [InlineData("select regex_split('foo/bar', '(/', 0)")]
    [InlineData("select regex_split('foo/bar', '+', 0)")]
    public void RegexSplit_EmptyOrInvalidPattern_Fails(string sql)
    {
        Assert.NotEmpty(SqlScalar.Error(sql));
    }

    [Fact]
    public void RegexSplit_PatternPastLimit_Fails()
    {
        var pattern = new string('|', 100000);
        Assert.Contains("Invalid regex", SqlScalar.Error($"select regex_split('foo/bar', '{pattern}', 0)"), StringComparison.Ordinal);
        Assert.Equal("foo", StringFunctions.RegexSplit("foo/bar", new string('/', 1), 0));
    }

    [Theory]
    [InlineData("select regex_match('hello world', '(l)(o).*', 0)", "lo world")]
    [InlineData("select regex_match('hello world', '(l)(o).*', 1)", "l")]
    [InlineData("select regex_match('hello world', '(l)(o).*', 2)", "o")]
    [InlineData("select regex_match('hello world', '(l)(o).*', 3)", null)]
    [InlineData("select regex_match('hello world', '(\\w+) .*(or|ld)', 0)", "hello world")]
    [InlineData("select regex_match('hello world', '(\\w+) .*(or|ld)', 1)", "hello")]
    [InlineData("select regex_match('hello world', '(\\w+) .*(or|ld)', 2)", "ld")]
    [InlineData("select regex_match('/filesystem/path/download.extension.zip', '.+/([^./]+)', 1)", "download")]
    [InlineData("select regex_match('hello world', '', 0)", "")]
    [InlineData("select regex_match('foo/bar', '|', 0)", "")]
    [InlineData("select regex_match('hello world. Goodbye', '(\\w+) \\w+', 1)", "hello")]
    [InlineData("select regex_match('hello world', 'no match', 0)", null)]
    public void RegexMatch_OsqueryCases_MatchOsquery(string sql, string? expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Fact]
    public void RegexMatch_InvalidOrTooBigPattern_FailsWithOsquerysMessage()
    {
        Assert.Contains("Invalid regex", SqlScalar.Error("select regex_match('foo/bar', '(/', 0)"), StringComparison.Ordinal);
        Assert.Contains("Invalid regex", SqlScalar.Error("select regex_match('foo/bar', '+', 0)"), StringComparison.Ordinal);
        var pattern = new string('|', 100000);
        Assert.StartsWith("Invalid regex: too big", SqlScalar.Error($"select regex_match('foo/bar', '{pattern}', 0)"), StringComparison.Ordinal);
    }

    [Fact]
    public void Concat_OsqueryCases_MatchOsquery()
    {
        var row = SqlScalar.Row("select concat() as t0, concat('hello'), concat('hello', 'world'), concat('hello', NULL, 'world'), concat(1, 2, 3, 'go'), concat('')");
        Assert.Equal([null, "hello", "helloworld", "helloworld", "123go", ""], row);
    }

    [Fact]
    public void ConcatWs_OsqueryCases_MatchOsquery()
    {
        var row = SqlScalar.Row("select concat_ws(''), concat_ws(NULL), concat_ws(', ', 'hello', 'world', 1, 2, 3), concat_ws('', 'hello', 'world', 1, 2, 3), "
            + "concat_ws(NULL, 'hello', 'world', 1, 2, 3), concat_ws(' ', 'hello', NULL, 'world'), concat_ws('x', 'hello'), concat_ws('x', '', ''), concat_ws('-', 'a', NULL)");
        Assert.Equal([null, null, "hello, world, 1, 2, 3", "helloworld123", "helloworld123", "hello world", "hello", "x", "a-"], row);
    }

    [Fact]
    public void ConcatWs_NoArguments_Fails()
    {
        Assert.Contains("Missing separator", SqlScalar.Error("select concat_ws()"), StringComparison.Ordinal);
    }

    [Fact]
    public void Concat_Real_UsesSqlitesText()
    {
        Assert.Equal(SqlScalar.Run("select cast(2.5 as text) || cast(1e20 as text)"), SqlScalar.Run("select concat(2.5, 1e20)"));
    }
}
