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
    [InlineData("SELECT * FROM HARDWARE_EVENTS", "hardware_events")]
    [InlineData("select hardware_events_x, hardware_eventsx, xhardware_events from Hardware_Events h", "hardware_events")]
    [InlineData("select h.action from hardware_events h where 'é' = 'é'", "hardware_events")]
    [InlineData("select _md5('a'), md5('b')", "_md5")]
    public void Mentions_WordAsToken_IsTrue(string sql, string word)
    {
        Assert.True(SqlWords.Mentions(sql, word));
        Assert.Contains(word, SqlWords.Words(sql));
    }

    [Theory]
    [InlineData("select pid from processes", "pi")]
    [InlineData("select md5x('a')", "md5")]
    [InlineData("select xmd5('a')", "md5")]
    [InlineData("select _md5('a')", "md5")]
    [InlineData("select md5_('a')", "md5")]
    [InlineData("select $md5('a')", "md5")]
    [InlineData("select émd5('a')", "md5")]
    [InlineData("select 1", "md5")]
    [InlineData("select hardware_events_x, $hardware_events, hardware_events9 from t", "hardware_events")]
    [InlineData("select 1 from hardware_eventsé", "hardware_events")]
    [InlineData("select hardware", "hardware_events")]
    [InlineData("select a b", "a b")]
    [InlineData("select a", "")]
    [InlineData("", "md5")]
    public void Mentions_WordInsideAnotherToken_IsFalse(string sql, string word)
    {
        Assert.False(SqlWords.Mentions(sql, word));
        Assert.DoesNotContain(word, SqlWords.Words(sql));
    }

    [Fact]
    public void Words_Statement_ReturnsEachIdentifierRunOnceWithoutCase()
    {
        var words = SqlWords.Words("SELECT p.pid, md5(\"Path\") FROM processes p JOIN [x$y] WHERE p.pid > 10 -- é_z");
        string[] expected = ["select", "p", "pid", "md5", "path", "from", "processes", "join", "x$y", "where", "10", "é_z"];
        Assert.Equal(expected.Length, words.Count);
        Assert.All(expected, w => Assert.Contains(w, words));
    }

    [Fact]
    public void Next_Statement_YieldsEachWordInOrder()
    {
        const string Sql = "select p.pid,md5(\"Path\") from [x$y]-- é_z";
        var words = new List<string>();

        for (var at = 0; SqlWords.Next(Sql, ref at, out var word);)
        {
            words.Add(word.ToString());
        }

        Assert.Equal(["select", "p", "pid", "md5", "Path", "from", "x$y", "é_z"], words);
    }
}
