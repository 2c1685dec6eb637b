// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Secrets;

namespace FarQuery.Remote.Tests;

public sealed class SsmParameterIdTests
{
    [Theory]
    [InlineData("/farquery/enroll", "/farquery/enroll", null)]
    [InlineData("enroll:3", "enroll:3", null)]
    [InlineData("arn:aws:ssm:eu-central-1:111122223333:parameter/farquery/enroll", "arn:aws:ssm:eu-central-1:111122223333:parameter/farquery/enroll", "eu-central-1")]
    [InlineData("arn:aws-cn:ssm:cn-north-1:111122223333:parameter/x:label", "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/x:label", "cn-north-1")]
    public void TryParse_ValidIdentifier_GivesNameAndRegion(string text, string name, string? region)
    {
        Assert.True(SsmParameterId.TryParse(text, out var id, out _));
        Assert.Equal(name, id.Name);
        Assert.Equal(region, id.Region);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("arn:aws:s3:::bucket/key")]
    [InlineData("arn:aws:ssm::111122223333:parameter/x")]
    public void TryParse_Invalid_GivesAReason(string text)
    {
        Assert.False(SsmParameterId.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}
