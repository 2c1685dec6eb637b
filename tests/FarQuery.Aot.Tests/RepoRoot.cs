// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Aot.Tests;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries that holds FarQuery.sln.</summary>
internal static class RepoRoot
{
    /// <summary>Its full path.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Join(dir.FullName, "FarQuery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FarQuery.sln not found");
    }
}
