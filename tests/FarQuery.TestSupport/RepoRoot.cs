// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.TestSupport;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries that holds FarQuery.sln, and
/// the reference folder CI clones beside it (<c>../shared</c>).</summary>
public static class RepoRoot
{
    /// <summary>The folder holding FarQuery.sln.</summary>
    public static string Path { get; } = Find();

    /// <summary>A path under the repository.</summary>
    public static string Join(params string[] parts) => System.IO.Path.Join([Path, .. parts]);

    /// <summary>The <c>farquery</c> executable agent/FarQuery.Cli builds, in the configuration these tests were built with
    /// (the test projects build it first, without referencing it).</summary>
    public static string Farquery
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Join("agent", "FarQuery.Cli", "bin", configuration, "net10.0", "linux-x64", "farquery");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build agent/FarQuery.Cli ({configuration}) first", path);
        }
    }

    /// <summary><c>../shared/<paramref name="folder"/></c> beside the clone, or null when it is absent. On CI (where it
    /// must exist) an absent folder throws; elsewhere the caller skips with a loud line on stderr.</summary>
    public static string? Shared(string folder)
    {
        var dir = System.IO.Path.GetFullPath(System.IO.Path.Join(Path, "..", "shared", folder));
        if (Directory.Exists(dir))
        {
            return dir;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException("CI must have ../shared/" + folder + " beside the clone: " + dir);
        }

        Console.Error.WriteLine($"SKIPPED: ../shared/{folder} not found beside the repository ({dir})");
        return null;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Join(dir.FullName, "FarQuery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FarQuery.sln not found above " + AppContext.BaseDirectory);
    }
}
