// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Tests.Support;

/// <summary>Finds the repository and the fixture trees from the test's output directory.</summary>
internal static class RepoPaths
{
    /// <summary>The directory holding FarQuery.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/FarQuery.Tables.Tests/fixtures.</summary>
    public static string Fixtures => Path.Join(Root, "tests", "FarQuery.Tables.Tests", "fixtures");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "FarQuery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FarQuery.sln not found above " + AppContext.BaseDirectory);
    }
}
