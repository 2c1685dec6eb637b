// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Rules.Tests;

/// <summary>The repository root and Falco's stock rule files in the shared folder beside it.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/falco (stable, incubating, sandbox, deprecated), or null when the clone has none beside it.</summary>
    public static string? Falco => Shared("falco");

    /// <summary>../shared/falco-extras (per-image rulesets), or null.</summary>
    public static string? FalcoExtras => Shared("falco-extras");

    private static string? Shared(string name)
    {
        var dir = Path.GetFullPath(Path.Join(Root, "..", "shared", name));
        if (Directory.Exists(dir))
        {
            return dir;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException("CI must have ../shared/" + name + " beside the clone: " + dir);
        }

        Console.Error.WriteLine($"SKIPPED: ../shared/{name} not found beside the repository; stock rule test not run");
        return null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "FarQuery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FarQuery.sln not found");
    }
}
