// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs.Tests;

public sealed class EcsArnTests
{
    [Fact]
    public void TryParse_NewTaskArn_GivesRegionAccountAndTaskId()
    {
        Assert.True(EcsArn.TryParse("arn:aws:ecs:us-east-1:123456789012:task/MyEmptyCluster/bfa2636268144d039771334145e490c5", out var arn));
        Assert.Equal("aws", arn.Partition);
        Assert.Equal("ecs", arn.Service);
        Assert.Equal("us-east-1", arn.Region);
        Assert.Equal("123456789012", arn.Account);
        Assert.Equal("bfa2636268144d039771334145e490c5", arn.ResourceId);
    }

    [Fact]
    public void TryParse_OldTaskArn_GivesUuid()
    {
        Assert.True(EcsArn.TryParse("arn:aws:ecs:us-east-2:012345678910:task/9781c248-0edd-4cdb-9a93-f63cb662a5d3", out var arn));
        Assert.Equal("us-east-2", arn.Region);
        Assert.Equal("012345678910", arn.Account);
        Assert.Equal("9781c248-0edd-4cdb-9a93-f63cb662a5d3", arn.ResourceId);
    }

    [Fact]
    public void TryParse_ResourceWithColon_KeepsItWhole()
    {
        Assert.True(EcsArn.TryParse("arn:aws-cn:ecs:cn-north-1:1:task/a:b", out var arn));
        Assert.Equal("aws-cn", arn.Partition);
        Assert.Equal("task/a:b", arn.Resource);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("default")]
    [InlineData("arn:aws:ecs:us-east-1")]
    [InlineData("arn:aws:ecs:us-east-1:1:")]
    public void TryParse_NotAnArn_ReturnsFalse(string? text)
    {
        Assert.False(EcsArn.TryParse(text, out _));
    }
}
