// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>YAML rule files into items, with positions, and errors that name file, line and column.</summary>
public sealed class RuleFileParserTests
{
    [Fact]
    public void Parse_AllItemKinds_ReadWithPositions()
    {
        var file = RuleFileParser.Parse("""
            - required_engine_version: 0.57.0
            - required_plugin_versions:
                - name: container
                  version: 0.4.0
                  alternatives:
                    - name: other
                      version: 1.0.0
            - list: l
              items: [a, "b c"]
            - macro: m
              condition: proc.name in (l)
            - rule: R
              desc: d
              condition: m
              output: "x %proc.name"
              priority: WARNING
              tags: [t1, t2]
              enabled: false
              exceptions:
                - name: e
                  fields: [proc.name, proc.pname]
                  comps: [=, in]
                  values:
                    - [a, [b, c]]
            """, "f.yaml");
        Assert.Empty(file.Diagnostics);
        Assert.Equal("0.57.0", Assert.IsType<EngineVersionEntry>(file.Entries[0]).Version);
        var plugin = Assert.Single(Assert.IsType<PluginVersionsEntry>(file.Entries[1]).Plugins);
        Assert.Equal(("container", "0.4.0", "other"), (plugin.Name, plugin.Version, plugin.Alternatives[0].Name));
        Assert.Equal(["a", "b c"], Assert.IsType<ListEntry>(file.Entries[2]).Items);
        Assert.Equal(new SourcePosition("f.yaml", 8, 3), file.Entries[2].Position);
        var rule = Assert.IsType<RuleDefinitionEntry>(file.Entries[4]);
        Assert.Equal(("R", "m", "WARNING", false), (rule.Name, rule.Condition, rule.Priority, rule.Enabled));
        var ex = Assert.Single(rule.Exceptions!);
        Assert.Equal(["proc.name", "proc.pname"], ex.Fields);
        Assert.Equal(["b", "c"], ex.Values[0][1].List);
        Assert.Equal(14, rule.ConditionPosition.Line);
    }

    [Fact]
    public void Parse_YamlSyntaxError_NamesFileLineAndColumn()
    {
        var file = RuleFileParser.Parse("- rule: a\n  condition: [x\n- macro: b\n", "bad.yaml");
        var d = Assert.Single(file.Diagnostics);
        Assert.True(d.IsError);
        Assert.Equal("bad.yaml", d.Position.File);
        Assert.True(d.Position.Line >= 2, d.ToString());
        Assert.True(d.Position.Column > 0, d.ToString());
        Assert.Contains("YAML syntax error", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedItem_SkippedOthersKept()
    {
        var file = RuleFileParser.Parse("- macro: m\n- list: l\n  items: [a]\n- rule: r\n  override: {condition: merge}\n  condition: x\n- bogus: 1\n", "f.yaml");
        Assert.Single(file.Entries);
        Assert.Equal(3, file.Diagnostics.Count);
        Assert.Contains(file.Diagnostics, d => d.Message.Contains("macro has no condition", StringComparison.Ordinal) && d.Position.Line == 1);
        Assert.Contains(file.Diagnostics, d => d.Message.Contains("append or replace", StringComparison.Ordinal) && d.Position.Line == 5);
        Assert.Contains(file.Diagnostics, d => d.Message.Contains("unknown item", StringComparison.Ordinal) && d.Position.Line == 7);
    }

    [Fact]
    public void Parse_NotASequence_Error()
    {
        var file = RuleFileParser.Parse("rule: a\n", "f.yaml");
        Assert.Contains("YAML sequence", Assert.Single(file.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedYaml_RefusedWithoutCrash()
    {
        var text = "- list: l\n  items: " + new string('[', 10_000) + new string(']', 10_000) + "\n";
        var d = Assert.Single(RuleFileParser.Parse(text, "deep.yaml").Diagnostics);
        Assert.Contains("nested deeper", d.Message, StringComparison.Ordinal);
        Assert.Equal(2, d.Position.Line);
    }

    [Fact]
    public void Parse_DeeplyNestedBlockSequences_RefusedWithoutCrash()
    {
        var text = "- list: l\n  items:\n" + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n";
        var d = Assert.Single(RuleFileParser.Parse(text, "deep.yaml").Diagnostics);
        Assert.Contains("nested deeper", d.Message, StringComparison.Ordinal);
        Assert.Equal(3, d.Position.Line);
    }

    [Fact]
    public void Parse_EmptyOrCommentOnly_NoItemsNoErrors()
    {
        Assert.Empty(RuleFileParser.Parse("", "e.yaml").Diagnostics);
        Assert.Empty(RuleFileParser.Parse("# nothing\n", "e.yaml").Entries);
    }
}
