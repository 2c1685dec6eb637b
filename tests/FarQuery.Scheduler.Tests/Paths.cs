// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Scheduler.Tests;

/// <summary>The repository root and the shared reference folder beside it.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/osquery-packs, or null when the clone has no shared/ beside it.</summary>
    public static string? StockPacks
    {
        get
        {
            var dir = Path.GetFullPath(Path.Join(Root, "..", "shared", "osquery-packs"));
            if (Directory.Exists(dir))
            {
                return dir;
            }

            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI must have ../shared/osquery-packs beside the clone: " + dir);
            }

            Console.Error.WriteLine("SKIPPED: ../shared/osquery-packs not found beside the repository; stock pack test not run");
            return null;
        }
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
