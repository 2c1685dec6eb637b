// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Tests.Support;

/// <summary>Finds the repository and the fixture trees from the test's output directory.</summary>
internal static class RepoPaths
{
    /// <summary>The directory holding FarQuery.sln.</summary>
    public static string Root => FarQuery.TestSupport.RepoRoot.Path;

    /// <summary>tests/FarQuery.Tables.Tests/fixtures.</summary>
    public static string Fixtures => Path.Join(Root, "tests", "FarQuery.Tables.Tests", "fixtures");
}
