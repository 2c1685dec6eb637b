// SPDX-License-Identifier: Apache-2.0
using FarQuery.Rules;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery rules check FILE...</c> and <c>farquery rules compile FILE... -o pack.json</c>: Falco rule files,
/// layered in the order given (as Falco loads them), checked or compiled to an osquery pack over FarQuery's event tables
/// (docs/falco-fields.md).</summary>
internal static class RulesCommand
{
    /// <summary>Builds the verb and its sub-verbs.</summary>
    public static Command Create()
    {
        const string files = "Falco rules files (YAML), later files layered over earlier ones";
        var check = CheckVerb.Create(
            CheckVerb.Files("files", files), "Report, per rule, whether it compiles, is disabled by its file, or is rejected and why", Check);
        var compileFiles = CheckVerb.Files("files", files);
        var output = new Option<string?>("--output", "-o") { Description = "Write the pack here instead of stdout" };
        var compile = new Command("compile", "Compile the rules to an osquery pack (rejected rules are left out and reported on stderr)") { compileFiles, output };
        compile.SetAction(r => Compile(r.GetValue(compileFiles)!, r.GetValue(output), Console.Out, Console.Error));
        return new Command("rules", "Check and compile Falco rule files") { check, compile };
    }

    /// <summary>Prints the report; exit code 0 when every file was read and parsed (rejected rules are not fatal).</summary>
    public static int Check(IReadOnlyList<string> files, TextWriter output)
    {
        var report = RuleCompiler.Compile([.. files.Select(f => RuleFileReader.Read(f))]);
        RulePack.WriteReport(report, output);
        return report.Diagnostics.Any(d => d.IsError) ? ExitCodes.Usage : ExitCodes.Ok;
    }

    /// <summary>Writes the pack; the report goes to <paramref name="errors"/>.</summary>
    public static int Compile(IReadOnlyList<string> files, string? path, TextWriter output, TextWriter errors)
    {
        var report = RuleCompiler.Compile([.. files.Select(f => RuleFileReader.Read(f))]);
        foreach (var r in report.Rules.Where(r => r.Status == RuleStatus.Rejected))
        {
            errors.WriteLine($"rejected  {r.Name} ({r.Position}): {r.Reason}");
        }

        foreach (var d in report.Diagnostics)
        {
            errors.WriteLine(d.ToString());
        }

        var json = RulePack.ToJson(report);
        try
        {
            if (path is null)
            {
                output.Write(json);
            }
            else
            {
                File.WriteAllText(path, json);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: cannot write {path}: {e.Message}");
            return ExitCodes.QueryFailed;
        }

        errors.WriteLine($"{report.Count(RuleStatus.Compiled)} compiled, {report.Count(RuleStatus.Disabled)} disabled, {report.Count(RuleStatus.Rejected)} rejected");
        return report.Diagnostics.Any(d => d.IsError) ? ExitCodes.Usage : ExitCodes.Ok;
    }
}
