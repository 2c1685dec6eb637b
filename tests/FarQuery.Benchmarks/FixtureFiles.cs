// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Benchmarks;

/// <summary>Reads the captured fixture files of tests/FarQuery.Tables.Tests, so benchmarks parse real /proc bytes.</summary>
internal static class FixtureFiles
{
    /// <summary>The bytes of fixtures/rootfs/&lt;scenario&gt;/&lt;path&gt;.</summary>
    public static byte[] Read(string scenario, string path) =>
        File.ReadAllBytes(FarQuery.TestSupport.RepoRoot.Join("tests", "FarQuery.Tables.Tests", "fixtures", "rootfs", scenario, path));
}
