// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Cli.Commands;

namespace FarQuery.Cli.Tests.Commands;

/// <summary>`farquery rules check|compile`: the per-rule report, the pack, and exit codes for bad files.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private const string Rules = """
        - macro: spawned_process
          condition: (evt.type in (execve, execveat))
        - rule: Shell
          desc: a shell
          condition: spawned_process and proc.name = sh
          output: shell (command=%proc.cmdline)
          priority: NOTICE
        - rule: Tty shell
          desc: a shell with a terminal
          condition: spawned_process and proc.name = sh and proc.tty != 0
          output: o
          priority: NOTICE
        - rule: Off
          desc: off
          condition: spawned_process
          output: o
          priority: NOTICE
          enabled: false
        """;

    private readonly string dir = Directory.CreateTempSubdirectory("fq-rules-cli-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Join(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Check_MixedRules_ReportsEachStatusAndCounts()
    {
        var w = new StringWriter();
        Assert.Equal(ExitCodes.Ok, RulesCommand.Check([Write("r.yaml", Rules)], w));
        var text = w.ToString();
        Assert.Contains("compiled  Shell -> shell (process_events)", text, StringComparison.Ordinal);
        Assert.Contains("rejected  Tty shell", text, StringComparison.Ordinal);
        Assert.Contains("`proc.tty`: the tracer does not record the controlling terminal", text, StringComparison.Ordinal);
        Assert.Contains("disabled  Off: enabled: false", text, StringComparison.Ordinal);
        Assert.Contains("3 rules: 1 compiled, 1 disabled, 1 rejected; 0 errors", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SyntaxError_UsageExitAndPosition()
    {
        var w = new StringWriter();
        Assert.Equal(ExitCodes.Usage, RulesCommand.Check([Write("bad.yaml", "- rule: x\n  condition: [a\n")], w));
        Assert.Matches(@"bad\.yaml:\d+:\d+: error: YAML syntax error", w.ToString());
    }

    [Fact]
    public void Compile_ToFile_PackWithCompiledRulesOnly()
    {
        var pack = Path.Join(dir, "pack.json");
        var errors = new StringWriter();
        Assert.Equal(ExitCodes.Ok, RulesCommand.Compile([Write("r.yaml", Rules)], pack, TextWriter.Null, errors));
        using var doc = JsonDocument.Parse(File.ReadAllText(pack));
        var q = Assert.Single(doc.RootElement.GetProperty("queries").EnumerateObject());
        Assert.Equal("shell", q.Name);
        Assert.Contains("rejected  Tty shell", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 compiled, 1 disabled, 1 rejected", errors.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
