// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery run --help</c>: the flags from the catalog, so the help and osquery_flags never disagree.</summary>
internal static class FlagHelp
{
    /// <summary>Writes the help.</summary>
    public static void Write(TextWriter output)
    {
        output.WriteLine("Usage: " + RunCommand.Usage);
        output.WriteLine();
        output.WriteLine("Flags are osquery's: --name=value or --name value (dashes and underscores alike), also from --flagfile");
        output.WriteLine("(one per line) and FARQUERY_<NAME> in the environment; the command line wins over the flagfile, which wins over");
        output.WriteLine("a config's options (only flags marked [config] may be set there). Unknown flags are named and skipped.");
        output.WriteLine();
        foreach (var flag in FlagCatalog.All.Where(f => f.NoEffect is null))
        {
            var shown = flag.Default.Length == 0 ? "" : $" (default: {flag.Default})";
            output.WriteLine($"  --{flag.Name} <{flag.TypeName}>{(flag.Scope == FlagScope.Runtime ? " [config]" : "")}{shown}");
            output.WriteLine($"      {flag.Description}");
        }

        output.WriteLine();
        output.WriteLine("Accepted so existing osquery flagfiles work, without effect here:");
        foreach (var group in FlagCatalog.All.Where(f => f.NoEffect is not null).GroupBy(f => f.NoEffect))
        {
            output.WriteLine($"  {string.Join(", ", group.Select(f => "--" + f.Name))}: {group.Key}");
        }

        output.Flush();
    }
}
