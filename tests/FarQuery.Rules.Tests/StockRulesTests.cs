// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Rules.Tests;

/// <summary>Falco's own rule files: every rule is compiled, disabled or rejected with a field-level reason, and every
/// compiled query prepares against FarQuery's schema.</summary>
public sealed class StockRulesTests
{
    private static readonly string[] Files = ["falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml", "falco-deprecated_rules.yaml"];

    [Fact]
    public void Check_EveryStockFile_EveryRuleAccountedForAndPrepares()
    {
        if (Paths.Falco is not { } dir)
        {
            return;
        }

        using var host = new SqlHost(TableRegistry.All, new TableContext());
        var stable = RuleFileParser.Parse(File.ReadAllText(Path.Join(dir, Files[0])), Files[0]);
        foreach (var name in Files)
        {
            // Falco loads the maturity files over the stable one, whose lists and macros they use.
            var files = name == Files[0] ? [stable] : new[] { stable, RuleFileParser.Parse(File.ReadAllText(Path.Join(dir, name)), name) };
            var report = RuleCompiler.Compile(files);
            Assert.DoesNotContain(report.Diagnostics, d => d.IsError);
            var own = report.Rules.Where(r => r.Position.File == name).ToList();
            Assert.NotEmpty(own);
            foreach (var r in own)
            {
                switch (r.Status)
                {
                    case RuleStatus.Compiled:
                        Assert.True(host.Check(r.Query!.Sql) is null, $"{r.Name}: {host.Check(r.Query!.Sql)}\n{r.Query!.Sql}");
                        break;
                    case RuleStatus.Rejected:
                        Assert.True(r.Issues.Count > 0, $"{r.Name} rejected without a field-level reason: {r.Reason}");
                        Assert.All(r.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Reason)));
                        break;
                    case RuleStatus.Disabled:
                        Assert.Contains("enabled: false", r.Reason, StringComparison.Ordinal);
                        break;
                }
            }

            var reasons = own.SelectMany(r => r.Issues).GroupBy(i => i.ToString()).OrderByDescending(g => g.Count()).Take(8);
            Console.WriteLine($"{name}: {own.Count} rules: {own.Count(r => r.Status == RuleStatus.Compiled)} compiled, "
                + $"{own.Count(r => r.Status == RuleStatus.Disabled)} disabled, {own.Count(r => r.Status == RuleStatus.Rejected)} rejected; top reasons: "
                + string.Join(" | ", reasons.Select(g => $"{g.Count()}x {g.Key}")));
            foreach (var r in own.Where(r => r.Status != RuleStatus.Compiled))
            {
                Console.WriteLine($"  {r.Status}: {r.Name}: {r.Reason}");
            }
        }
    }

    [Fact]
    public void Check_ExtrasLayeredOnStable_EveryFileLoadsAndEveryRuleAccountedFor()
    {
        if (Paths.Falco is not { } dir || Paths.FalcoExtras is not { } extras)
        {
            return;
        }

        using var host = new SqlHost(TableRegistry.All, new TableContext());
        var stable = RuleFileParser.Parse(File.ReadAllText(Path.Join(dir, Files[0])), Files[0]);
        var names = Directory.GetFiles(extras, "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(names);
        foreach (var path in names)
        {
            var name = Path.GetFileName(path);
            var report = RuleCompiler.Compile([stable, RuleFileParser.Parse(File.ReadAllText(path), name)]);
            Assert.DoesNotContain(report.Diagnostics, d => d.IsError);
            var own = report.Rules.Where(r => r.Position.File == name).ToList();
            Assert.NotEmpty(own);
            Assert.All(own, r => Assert.True(r.Status == RuleStatus.Compiled ? host.Check(r.Query!.Sql) is null : r.Reason.Length > 0, r.Name + ": " + r.Reason));
            Console.WriteLine($"{name}: {own.Count} rules: {own.Count(r => r.Status == RuleStatus.Compiled)} compiled, "
                + $"{own.Count(r => r.Status == RuleStatus.Disabled)} disabled, {own.Count(r => r.Status == RuleStatus.Rejected)} rejected");
        }
    }
}
