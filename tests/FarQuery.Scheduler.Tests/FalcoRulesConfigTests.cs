// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Config;

namespace FarQuery.Scheduler.Tests;

/// <summary>The config key falco_rules: globs compiled into the pack "falco"; bad files warn, never throw.</summary>
public sealed class FalcoRulesConfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fq-falco-config-").FullName;

    private const string Good = """
        - macro: spawned_process
          condition: (evt.type in (execve, execveat))
        - rule: Nmap started
          desc: nmap ran
          condition: spawned_process and proc.name = nmap
          output: nmap (command=%proc.cmdline)
          priority: WARNING
        - rule: Kube
          desc: k8s only
          condition: spawned_process and k8s.ns.name = default
          output: o
          priority: NOTICE
        """;

    [Fact]
    public void Parse_FalcoRulesGlob_PackFalcoWithCompiledRules()
    {
        Directory.CreateDirectory(Path.Join(dir, "rules.d"));
        File.WriteAllText(Path.Join(dir, "rules.d", "10-good.yaml"), Good);
        File.WriteAllText(Path.Join(dir, "rules.d", "20-bad.yaml"), "- rule: [oops\n");
        var config = ConfigParser.Parse("""{"options": {"pack_delimiter": "_"}, "falco_rules": ["rules.d/*.yaml", "missing/*.yaml"]}""", "cfg", dir);
        var pack = Assert.Single(config.Packs);
        Assert.Equal(FalcoRulesConfig.PackName, pack.Name);
        var q = Assert.Single(pack.Queries);
        Assert.Equal(("nmap_started", "pack_falco_nmap_started", 1L, false), (q.Name, q.ScheduledName, q.Interval, q.Removed));
        Assert.Equal("Nmap started (WARNING)", q.Value);
        Assert.Contains(config.Warnings, w => w.Contains("20-bad.yaml:", StringComparison.Ordinal) && w.Contains("YAML syntax error", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.Contains("rule 'Kube'", StringComparison.Ordinal) && w.Contains("`k8s.ns.name`: no Kubernetes on Fargate", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.Contains("missing/*.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FalcoRulesNotAnArray_WarningNoPack()
    {
        var config = ConfigParser.Parse("""{"falco_rules": 3}""", "cfg", dir);
        Assert.Empty(config.Packs);
        Assert.Contains(config.Warnings, w => w.Contains("'falco_rules' must be an array", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFile_DevZeroNamed_WarnedNotRead()
    {
        var path = Path.Join(dir, "osquery.conf");
        File.WriteAllText(path, """{"falco_rules": ["/dev/zero"]}""");
        var config = ConfigParser.LoadFile(path);
        Assert.Empty(Assert.Single(config.Packs).Queries);
        Assert.Contains(config.Warnings, w => w.Contains("/dev/zero", StringComparison.Ordinal) && w.Contains("not a regular file", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFile_RulesFileChangedBetweenLoads_ReloadCompilesTheNewRules()
    {
        var config = Path.Join(dir, "osquery.conf");
        var rules = Path.Join(dir, "local.yaml");
        File.WriteAllText(config, """{"falco_rules": ["local.yaml"]}""");
        File.WriteAllText(rules, Good);
        Assert.Equal(["nmap_started"], ConfigParser.LoadFile(config).Packs.Single().Queries.Select(q => q.Name));
        File.WriteAllText(rules, Good.Replace("Nmap started", "Scanner started", StringComparison.Ordinal).Replace("proc.name = nmap", "proc.name in (nmap, zmap)", StringComparison.Ordinal));
        var reloaded = Assert.Single(ConfigParser.LoadFile(config).Packs.Single().Queries);
        Assert.Equal("scanner_started", reloaded.Name);
        Assert.Contains("'zmap'", reloaded.Sql, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
