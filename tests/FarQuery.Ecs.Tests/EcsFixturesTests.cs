// SPDX-License-Identifier: Apache-2.0
using FarQuery.Ecs.Testing;

namespace FarQuery.Ecs.Tests;

public sealed class EcsFixturesTests
{
    [Fact]
    public void Fixtures_InRepoCopies_MatchTheSharedOriginals()
    {
        var names = Directory.EnumerateFiles(EcsFixtures.Directory, "*.json").Select(Path.GetFileName).ToList();
        Assert.Equal(13, names.Count);

        // CI clones the repository with shared/ beside it; elsewhere the in-repo copies stand alone.
        if (EcsFixtures.SharedDirectory is not { } shared)
        {
            return;
        }

        foreach (var name in Directory.EnumerateFiles(shared, "*.json").Select(Path.GetFileName))
        {
            Assert.Contains(name, names);
            Assert.True(File.ReadAllBytes(Path.Join(shared, name)).AsSpan().SequenceEqual(EcsFixtures.Bytes(name!)), $"{name} differs from ../shared/ecs-fixtures");
        }
    }
}
