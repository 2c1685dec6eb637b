// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>Compiles YAML texts given inline, layered in order.</summary>
internal static class Compile
{
    public static CompileReport Texts(params string[] yaml) =>
        RuleCompiler.Compile([.. yaml.Select((y, i) => RuleFileParser.Parse(y, $"file{i + 1}.yaml"))]);

    public static RuleResult Rule(CompileReport report, string name) => report.Rules.Single(r => r.Name == name);

    /// <summary>A minimal base file: the macros and lists the tests' rules use, written like Falco's.</summary>
    public const string Base = """
        - macro: spawned_process
          condition: (evt.type in (execve, execveat))
        - macro: container
          condition: (container.id != host)
        - list: shell_binaries
          items: [ash, bash, sh, dash]
        - macro: open_write
          condition: (evt.type in (open,openat,openat2) and evt.is_open_write=true and fd.typechar='f' and fd.num>=0)
        """;
}
