// SPDX-License-Identifier: Apache-2.0
using FarQuery.Scheduler.Config;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery packs check PATH...</c>: prepares every query of osquery pack files (or configs) against
/// FarQuery's schema and prints, per pack, how many would run and why the others would not.</summary>
internal static class PacksCommand
{
    /// <summary>Builds the verb and its sub-verbs.</summary>
    public static Command Create()
    {
        var check = CheckVerb.Create(
            CheckVerb.Files("paths", "Pack files (osquery pack JSON) or configs with a 'packs' key"),
            "Prepare every query of the packs against the schema and report what would not run",
            Check);
        var folder = new Argument<string>("queries") { Description = "Folder of detection .sql files with -- Rule/Priority/Tags headers" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the pack here instead of stdout" };
        var build = new Command("build", "Build an osquery pack from a folder of detection .sql files") { folder, output };
        build.SetAction(r =>
        {
            try
            {
                var pack = DetectionFile.BuildPack(DetectionFile.LoadFolder(r.GetValue(folder)!, "rule", "priority", "tags"));
                if (r.GetValue(output) is { } path)
                {
                    File.WriteAllText(path, pack);
                }
                else
                {
                    Console.Out.Write(pack);
                }

                return ExitCodes.Ok;
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return new Command("packs", "Inspect and build query packs") { check, build };
    }

    /// <summary>Checks the packs; exit code 0 when every file parsed (queries that cannot run are reported, not fatal).</summary>
    public static int Check(IReadOnlyList<string> paths, TextWriter output)
    {
        using var host = LocalEngine.Create();
        var code = ExitCodes.Ok;
        int totalRun = 0, total = 0;
        foreach (var path in paths)
        {
            OsqueryConfig config;
            try
            {
                config = Load(path);
            }
            catch (ConfigException e)
            {
                output.WriteLine("error: " + e.Message);
                code = ExitCodes.Usage;
                continue;
            }

            foreach (var w in config.Warnings)
            {
                output.WriteLine("  warning: " + w);
            }

            foreach (var pack in config.Packs)
            {
                var problems = new List<string>();
                var runs = 0;
                foreach (var q in pack.Queries)
                {
                    var platform = string.IsNullOrEmpty(q.Platform) ? pack.Platform : q.Platform;
                    if (!PlatformIncludesLinux(platform))
                    {
                        problems.Add($"{q.Name}: platform '{platform}' excludes linux");
                        continue;
                    }

                    if (host.Check(q.Sql) is { } error)
                    {
                        problems.Add($"{q.Name}: {error}");
                        continue;
                    }

                    runs++;
                }

                total += pack.Queries.Count;
                totalRun += runs;
                output.WriteLine($"{pack.Name}: {runs} of {pack.Queries.Count} queries run ({pack.Source})");
                foreach (var p in problems)
                {
                    output.WriteLine("  skip " + p);
                }
            }
        }

        output.WriteLine($"total: {totalRun} of {total} queries run");
        return code;
    }

    private static OsqueryConfig Load(string path)
    {
        var text = File.Exists(path) ? BoundedFile.ReadAllText(path) : throw new ConfigException(path, 0, "no such file");
        var config = ConfigParser.Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)));

        // A pack file has "queries" at the top; a config has "schedule"/"packs". Parse a pack file as a one-pack config.
        if (config.Packs.Count == 0 && text.Contains("\"queries\"", StringComparison.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var full = Path.GetFullPath(path);
            config = ConfigParser.Parse("{\"packs\": {\"" + name + "\": \"" + full.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"}}", path, Path.GetDirectoryName(full));
        }

        return config;
    }

    private static bool PlatformIncludesLinux(string? platform)
    {
        if (string.IsNullOrEmpty(platform))
        {
            return true;
        }

        var p = platform.ToLowerInvariant();
        return p.Contains("any", StringComparison.Ordinal) || p.Contains("all", StringComparison.Ordinal) || p.Contains("linux", StringComparison.Ordinal)
            || p.Contains("posix", StringComparison.Ordinal) || p.Contains("ubuntu", StringComparison.Ordinal) || p.Contains("centos", StringComparison.Ordinal);
    }
}
