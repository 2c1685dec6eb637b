// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs.Tests;

public sealed class EcsEndpointTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void FromEnvironment_V4Set_UsesV4AndTrimsTrailingSlash()
    {
        var e = EcsEndpoint.FromEnvironment(Env(("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/abc-1/"), ("ECS_CONTAINER_METADATA_URI", "http://169.254.170.2/v3/abc-1")));
        Assert.True(e.IsAvailable);
        Assert.Equal(4, e.Version);
        Assert.Equal("http://169.254.170.2/v4/abc-1", e.BaseUrl);
    }

    [Fact]
    public void FromEnvironment_OnlyV3Set_FallsBackToV3()
    {
        var e = EcsEndpoint.FromEnvironment(Env(("ECS_CONTAINER_METADATA_URI", "http://169.254.170.2/v3/abc-1")));
        Assert.Equal(3, e.Version);
        Assert.Equal("http://169.254.170.2/v3/abc-1", e.BaseUrl);
    }

    [Fact]
    public void FromEnvironment_NothingSet_IsUnavailableWithReason()
    {
        var e = EcsEndpoint.FromEnvironment(Env());
        Assert.False(e.IsAvailable);
        Assert.Equal(0, e.Version);
        Assert.Contains("ECS_CONTAINER_METADATA_URI_V4", e.Reason, StringComparison.Ordinal);
        Assert.Contains("not running on Amazon ECS", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_V4NotAUrl_FallsBackToV3AndSaysWhy()
    {
        var e = EcsEndpoint.FromEnvironment(Env(("ECS_CONTAINER_METADATA_URI_V4", "garbage"), ("ECS_CONTAINER_METADATA_URI", "http://169.254.170.2/v3/x")));
        Assert.Equal(3, e.Version);
        Assert.Contains("'garbage'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_OnlyInvalidValue_IsUnavailableWithReason()
    {
        var e = EcsEndpoint.FromEnvironment(Env(("ECS_CONTAINER_METADATA_URI_V4", "ftp://x/y")));
        Assert.False(e.IsAvailable);
        Assert.Contains("not an absolute http URL", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void At_RelativeUrl_Throws()
    {
        Assert.Throws<ArgumentException>(() => EcsEndpoint.At("/v4/x"));
    }
}
