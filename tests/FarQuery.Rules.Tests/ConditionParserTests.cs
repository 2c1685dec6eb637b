// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>The filter grammar: precedence, operators, field arguments, values, and malformed input.</summary>
public sealed class ConditionParserTests
{
    [Fact]
    public void Parse_AndOrNot_NotBindsTightestThenAnd()
    {
        var node = ConditionParser.Parse("not a and b or c");
        var or = Assert.IsType<OrNode>(node);
        var and = Assert.IsType<AndNode>(or.Items[0]);
        Assert.IsType<NotNode>(and.Items[0]);
        Assert.Equal("c", Assert.IsType<MacroReference>(or.Items[1]).Name);
    }

    [Theory]
    [InlineData("proc.name = bash", "=")]
    [InlineData("proc.name==bash", "==")]
    [InlineData("fd.num>=0", ">=")]
    [InlineData("evt.rawres < 0", "<")]
    [InlineData("proc.cmdline contains \"-e x\"", "contains")]
    [InlineData("proc.cmdline icontains AWS", "icontains")]
    [InlineData("fd.name startswith /etc/", "startswith")]
    [InlineData("fd.name endswith .ssh", "endswith")]
    [InlineData("fd.name glob '/etc/*'", "glob")]
    [InlineData("evt.buffer bcontains 2f6574", "bcontains")]
    [InlineData("proc.name != sh", "!=")]
    public void Parse_EachScalarOperator_Recognised(string text, string op)
    {
        var c = Assert.IsType<ComparisonNode>(ConditionParser.Parse(text));
        Assert.Equal(op, c.Operator);
        Assert.Single(c.Values);
    }

    [Fact]
    public void Parse_InWithQuotedAndBareValues_KeepsQuoting()
    {
        var c = Assert.IsType<ComparisonNode>(ConditionParser.Parse("proc.name in (shell_binaries, \"my tool\", 'x,y', nc)"));
        Assert.Equal("in", c.Operator);
        Assert.Equal(["shell_binaries", "my tool", "x,y", "nc"], c.Values.Select(v => v.Text));
        Assert.Equal([false, true, true, false], c.Values.Select(v => v.Quoted));
    }

    [Fact]
    public void Parse_FieldArguments_SplitFromName()
    {
        var and = Assert.IsType<AndNode>(ConditionParser.Parse("proc.aname[2]=sh and evt.arg[0] exists and evt.arg.flags contains O_TRUNC"));
        var a = Assert.IsType<ComparisonNode>(and.Items[0]);
        Assert.Equal(new FieldReference("proc.aname", "2"), a.Field);
        var b = Assert.IsType<ComparisonNode>(and.Items[1]);
        Assert.Equal(new FieldReference("evt.arg", "0"), b.Field);
        Assert.Equal("exists", b.Operator);
        Assert.Equal(new FieldReference("evt.arg.flags", null), Assert.IsType<ComparisonNode>(and.Items[2]).Field);
    }

    [Fact]
    public void Parse_IntersectsAndPmatch_TakeLists()
    {
        var or = Assert.IsType<OrNode>(ConditionParser.Parse("proc.aname intersects (a, b) or fd.name pmatch (/etc, /usr/bin)"));
        Assert.Equal("intersects", Assert.IsType<ComparisonNode>(or.Items[0]).Operator);
        Assert.Equal(["/etc", "/usr/bin"], Assert.IsType<ComparisonNode>(or.Items[1]).Values.Select(v => v.Text));
    }

    [Theory]
    [InlineData("(proc.name = a", "unbalanced '('")]
    [InlineData("proc.name = a)", "unbalanced ')'")]
    [InlineData("((proc.name = a) and (b)", "unbalanced '('")]
    [InlineData("proc.name in (a, b", "not closed")]
    [InlineData("proc.name like a", "unknown operator 'like'")]
    [InlineData("proc.name ~= a", "unexpected")]
    [InlineData("proc.name =", "has no value")]
    [InlineData("a and", "ends where")]
    [InlineData("and a", "'and' where")]
    [InlineData("proc.name = \"abc", "unterminated string")]
    [InlineData("proc.aname[2", "unclosed '['")]
    [InlineData("", "ends where")]
    public void Parse_Malformed_ClearError(string text, string expected)
    {
        var e = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Offset, 0, text.Length);
    }

    [Fact]
    public void Parse_TenThousandParentheses_DepthErrorNotStackOverflow()
    {
        var text = new string('(', 10_000) + "proc.name = a" + new string(')', 10_000);
        var e = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text));
        Assert.Contains($"deeper than {ConditionParser.MaxDepth}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TenThousandNots_DepthErrorNotStackOverflow()
    {
        var text = string.Concat(Enumerable.Repeat("not ", 10_000)) + "proc.name = a";
        var e = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text));
        Assert.Contains("deeper than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_Accepted()
    {
        var depth = ConditionParser.MaxDepth - 1;
        var node = ConditionParser.Parse(new string('(', depth) + "a" + new string(')', depth));
        Assert.Equal("a", Assert.IsType<MacroReference>(node).Name);
    }

    [Fact]
    public void Parse_LongFlatChain_NoRecursionPerTerm()
    {
        var text = string.Join(" or ", Enumerable.Range(0, 20_000).Select(i => $"proc.pid = {i}"));
        var or = Assert.IsType<OrNode>(ConditionParser.Parse(text));
        Assert.Equal(20_000, or.Items.Count);
    }

    [Fact]
    public void TryParse_Malformed_ReturnsErrorInsteadOfThrowing()
    {
        Assert.False(ConditionParser.TryParse("(a", out var node, out var error));
        Assert.Null(node);
        Assert.Contains("unbalanced", error!.Message, StringComparison.Ordinal);
    }
}
