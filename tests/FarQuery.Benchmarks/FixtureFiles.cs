// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Benchmarks;

/// <summary>Reads the captured fixture files of tests/FarQuery.Tables.Tests, so benchmarks parse real /proc bytes.</summary>
internal static class FixtureFiles
{
    /// <summary>The bytes of fixtures/rootfs/&lt;scenario&gt;/&lt;path&gt;.</summary>
    public static byte[] Read(string scenario, string path)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "FarQuery.sln")))
            {
                return File.ReadAllBytes(Path.Join(dir.FullName, "tests", "FarQuery.Tables.Tests", "fixtures", "rootfs", scenario, path));
            }
        }

        throw new InvalidOperationException("FarQuery.sln not found above " + AppContext.BaseDirectory);
    }
}
