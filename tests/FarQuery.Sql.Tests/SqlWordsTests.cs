// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql.Tests;

public sealed class SqlWordsTests
{
    [Theory]
    [InlineData("select md5('a')", "md5")]
    [InlineData("select MD5('a')", "md5")]
    [InlineData("select \"md5\"('a')", "md5")]
    [InlineData("select [md5]('a')", "md5")]
    [InlineData("select `md5` ('a')", "md5")]
    [InlineData("select md5\n/* c */('a')", "md5")]
    [InlineData("md5", "md5")]
    [InlineData("select pid, pi() from t", "pi")]
    [InlineData("select 1 from x where a = 'sleep'", "sleep")]
    public void Mentions_WordAsToken_IsTrue(string sql, string word) => Assert.True(SqlWords.Mentions(sql, word));

    [Theory]
    [InlineData("select pid from processes", "pi")]
    [InlineData("select md5x('a')", "md5")]
    [InlineData("select xmd5('a')", "md5")]
    [InlineData("select _md5('a')", "md5")]
    [InlineData("select md5_('a')", "md5")]
    [InlineData("select $md5('a')", "md5")]
    [InlineData("select émd5('a')", "md5")]
    [InlineData("select 1", "md5")]
    [InlineData("", "md5")]
    public void Mentions_WordInsideAnotherToken_IsFalse(string sql, string word) => Assert.False(SqlWords.Mentions(sql, word));
}
