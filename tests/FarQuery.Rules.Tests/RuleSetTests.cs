// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>Layering files in order: redefinition, append, override, enabled-only edits, engine and plugin checks.</summary>
public sealed class RuleSetTests
{
    private static RuleSet Load(params string[] yaml) => RuleSet.Load([.. yaml.Select((y, i) => RuleFileParser.Parse(y, $"f{i + 1}.yaml"))]);

    private const string One = """
        - list: l
          items: [a]
        - macro: m
          condition: proc.name = a
        - rule: R
          desc: d
          condition: m
          output: o
          priority: NOTICE
          tags: [t1]
        """;

    [Fact]
    public void Load_ListAppendAndOverrideReplace_ItemsCombined()
    {
        var set = Load(One, "- list: l\n  items: [b]\n  append: true\n", "- list: l\n  items: [c]\n  override: {items: append}\n");
        Assert.Equal(["a", "b", "c"], set.Lists["l"].Items);
        Assert.Equal(["z"], Load(One, "- list: l\n  items: [z]\n  override: {items: replace}\n").Lists["l"].Items);
    }

    [Fact]
    public void Load_MacroAppendAndReplace_ConditionChanged()
    {
        Assert.Equal("proc.name = a or proc.name = b", Load(One, "- macro: m\n  condition: or proc.name = b\n  append: true\n").Macros["m"].Condition);
        Assert.Equal("proc.name = z", Load(One, "- macro: m\n  condition: proc.name = z\n  override: {condition: replace}\n").Macros["m"].Condition);
    }

    [Fact]
    public void Load_RuleOverrides_PerKey()
    {
        var rule = Load(One, """
            - rule: R
              condition: and proc.pname = b
              output: more
              priority: ERROR
              tags: [t2]
              override:
                condition: append
                output: replace
                priority: replace
                tags: append
            """).Rules.Single();
        Assert.Equal(("m and proc.pname = b", "more", "ERROR"), (rule.Condition, rule.Output, rule.Priority));
        Assert.Equal(["t1", "t2"], rule.Tags);
    }

    [Fact]
    public void Load_EnabledOnlyItem_DisablesEarlierRule()
    {
        var rule = Load(One, "- rule: R\n  enabled: false\n").Rules.Single();
        Assert.False(rule.Enabled);
        Assert.Equal(new SourcePosition("f2.yaml", 1, 3), rule.DisabledAt);
    }

    [Fact]
    public void Load_AppendToUndefined_ErrorNamesItem()
    {
        var set = Load("- rule: Nope\n  condition: x\n  append: true\n- list: nolist\n  items: [a]\n  append: true\n");
        Assert.Contains(set.Diagnostics, d => d.IsError && d.Message.Contains("rule Nope: append of a rule that is not defined", StringComparison.Ordinal) && d.Position.Line == 1);
        Assert.Contains(set.Diagnostics, d => d.IsError && d.Message.Contains("list nolist", StringComparison.Ordinal) && d.Position.Line == 4);
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void Load_RuleMissingKeys_Error()
    {
        var set = Load("- rule: R\n  condition: a\n");
        Assert.Contains("missing output, priority", Assert.Single(set.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExceptionAppend_AddsValuesByName()
    {
        var set = Load(One + "\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      values: [[x]]\n",
            "- rule: R\n  exceptions:\n    - name: e\n      values: [[y]]\n  append: true\n");
        var e = Assert.Single(set.Rules.Single().Exceptions);
        Assert.Equal(["x", "y"], e.Values.Select(v => v[0].Scalar));
    }

    [Fact]
    public void Load_NewerEngineRequired_FileNotLoaded()
    {
        var set = Load("- required_engine_version: 99.0.0\n" + One);
        Assert.Empty(set.Rules);
        Assert.Contains("requires Falco engine 99.0.0", Assert.Single(set.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PluginRequirements_CheckedAndReported()
    {
        var set = Load("""
            - required_plugin_versions:
                - name: container
                  version: 0.4.0
                - name: k8saudit
                  version: 0.1.0
                - name: container
                  version: 9.0.0
            """);
        Assert.Equal(2, set.Diagnostics.Count);
        Assert.Contains(set.Diagnostics, d => d.Message.Contains("k8saudit >= 0.1.0: FarQuery has no such plugin", StringComparison.Ordinal));
        Assert.Contains(set.Diagnostics, d => d.Message.Contains("container >= 9.0.0", StringComparison.Ordinal));
        Assert.All(set.Diagnostics, d => Assert.False(d.IsError));
    }
}
