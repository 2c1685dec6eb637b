// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;

namespace FarQuery.Rules.Tests;

/// <summary>The pack JSON and the check report.</summary>
public sealed class RulePackTests
{
    [Fact]
    public void ToJson_CompiledRules_PackShapedLikeTheDetectionPack()
    {
        var report = Compile.Texts(Compile.Base, "- rule: My Rule!\n  desc: d\n  condition: spawned_process\n  output: o\n  priority: notice\n- rule: K\n  desc: x\n  condition: k8s.pod.name = a\n  output: o\n  priority: NOTICE\n");
        using var doc = JsonDocument.Parse(RulePack.ToJson(report));
        var queries = doc.RootElement.GetProperty("queries");
        var q = Assert.Single(queries.EnumerateObject());
        Assert.Equal("my_rule", q.Name);
        Assert.Equal(1, q.Value.GetProperty("interval").GetInt32());
        Assert.False(q.Value.GetProperty("removed").GetBoolean());
        Assert.Equal("My Rule! (NOTICE)", q.Value.GetProperty("value").GetString());
        Assert.StartsWith("SELECT 'My Rule!' AS rule, 'NOTICE' AS priority", q.Value.GetProperty("query").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteReport_EachStatus_OneLineAndCounts()
    {
        var report = Compile.Texts(Compile.Base, "- rule: A\n  desc: d\n  condition: spawned_process\n  output: o\n  priority: NOTICE\n- rule: B\n  desc: d\n  condition: spawned_process\n  output: o\n  priority: NOTICE\n  enabled: false\n- rule: C\n  desc: d\n  condition: spawned_process and proc.tty != 0\n  output: o\n  priority: NOTICE\n");
        var w = new StringWriter();
        RulePack.WriteReport(report, w);
        var text = w.ToString();
        Assert.Contains("compiled  A -> a (process_events)", text, StringComparison.Ordinal);
        Assert.Contains("disabled  B: enabled: false (file2.yaml:6:3)", text, StringComparison.Ordinal);
        Assert.Contains("rejected  C (file2.yaml:12:3): `proc.tty`: the tracer does not record the controlling terminal", text, StringComparison.Ordinal);
        Assert.Contains("3 rules: 1 compiled, 1 disabled, 1 rejected", text, StringComparison.Ordinal);
    }
}
