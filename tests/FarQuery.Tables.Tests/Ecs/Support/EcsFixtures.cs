// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs.Testing;

/// <summary>Finds the ECS fixture bodies: the copies kept in the repository (tests/FarQuery.Ecs.Tests/fixtures), so
/// that no test depends on a path outside the clone.</summary>
internal static class EcsFixtures
{
    /// <summary>The directory holding FarQuery.sln.</summary>
    public static string RepoRoot => FarQuery.TestSupport.RepoRoot.Path;

    /// <summary>tests/FarQuery.Ecs.Tests/fixtures.</summary>
    public static string Directory => Path.Join(RepoRoot, "tests", "FarQuery.Ecs.Tests", "fixtures");

    /// <summary>../shared/ecs-fixtures beside the clone (the originals), or null when absent.</summary>
    public static string? SharedDirectory =>
        Path.Join(RepoRoot, "..", "shared", "ecs-fixtures") is var d && System.IO.Directory.Exists(d) ? Path.GetFullPath(d) : null;

    /// <summary>The bytes of one fixture file.</summary>
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Join(Directory, name));
}
