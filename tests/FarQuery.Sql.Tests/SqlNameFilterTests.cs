// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql.Tests;

public sealed class SqlNameFilterTests
{
    [Theory]
    [InlineData("processes", true)]
    [InlineData("PROCESSES", true)]
    [InlineData("Md5", true)]
    [InlineData("x$y", true)]
    [InlineData("pragma_module_list", true)]
    [InlineData("A_NAME_LONGER_THAN_THIRTY_TWO_CHARACTERS_TOO", true)]
    [InlineData("éprocesses", true)]
    [InlineData("processeſ", true)]
    [InlineData("select", false)]
    [InlineData("process", false)]
    [InlineData("processed", false)]
    [InlineData("oprocesses", false)]
    [InlineData("md", false)]
    [InlineData("x$z", false)]
    [InlineData("", false)]
    public void MayHold_Word_TrueForAddedNamesInAnyCaseAndNonAsciiEndsOnly(string word, bool expected)
    {
        var filter = Filter();

        Assert.Equal(expected, filter.MayHold(word));
    }

    [Fact]
    public void MayHold_NameEndingInNonAscii_LetsEveryWordThrough()
    {
        var filter = Filter();
        filter.Add("café");

        Assert.True(filter.MayHold("select"));
    }

    [Fact]
    public void Copy_NameAddedToTheCopy_IsNotInTheOriginal()
    {
        var filter = Filter();

        var copy = filter.Copy();
        copy.Add("sha256");

        Assert.True(copy.MayHold("SHA256"));
        Assert.True(copy.MayHold("processes"));
        Assert.False(filter.MayHold("sha256"));
    }

    private static SqlNameFilter Filter()
    {
        var filter = new SqlNameFilter();
        foreach (var name in new[] { "processes", "md5", "x$y", "pragma_module_list", "a_name_longer_than_thirty_two_characters_too" })
        {
            filter.Add(name);
        }

        return filter;
    }
}
