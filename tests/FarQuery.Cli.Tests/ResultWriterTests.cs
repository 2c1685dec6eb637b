// SPDX-License-Identifier: Apache-2.0
using FarQuery.Cli.Output;

namespace FarQuery.Cli.Tests;

public sealed class ResultWriterTests
{
    private static readonly string[] Columns = ["pid", "name"];
    private static readonly List<object?[]> Rows = [[1L, "sh"], [42L, null]];

    private static string Render(OutputFormat format)
    {
        var w = new StringWriter { NewLine = "\n" };
        ResultWriter.Write(w, format, Columns, Rows);
        return w.ToString();
    }

    [Fact]
    public void Write_Pretty_DrawsOsqueryTable()
    {
        Assert.Equal("+-----+------+\n| pid | name |\n+-----+------+\n| 1   | sh   |\n| 42  |      |\n+-----+------+\n", Render(OutputFormat.Pretty));
    }

    [Fact]
    public void Write_Json_GivesArrayOfStringValues()
    {
        Assert.Equal("[\n  {\"pid\":\"1\",\"name\":\"sh\"},\n  {\"pid\":\"42\",\"name\":\"\"}\n]\n", Render(OutputFormat.Json));
    }

    [Fact]
    public void Write_Csv_QuotesWhenNeeded()
    {
        var w = new StringWriter { NewLine = "\n" };
        ResultWriter.Write(w, OutputFormat.Csv, ["a"], [["x,y"], ["q\"q"]]);
        Assert.Equal("a\n\"x,y\"\n\"q\"\"q\"\n", w.ToString());
    }

    [Fact]
    public void Write_Line_RightAlignsNamesToWidestOrFive()
    {
        Assert.Equal("  pid = 1\n name = sh\n\n  pid = 42\n name = \n", Render(OutputFormat.Line));
    }

    [Fact]
    public void Write_List_JoinsWithSeparator()
    {
        Assert.Equal("pid|name\n1|sh\n42|\n", Render(OutputFormat.List));
    }
}
