// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Tests.Network;

public sealed class PrometheusTargetsTests
{
    [Theory]
    [InlineData(null, 0, 1.0)]
    [InlineData("[1, 2]", 0, 1.0)]
    [InlineData("{\"urls\": [\"http://a\", 3, \"http://b\"], \"timeout\": 7}", 2, 7.0)]
    [InlineData("{\"urls\": \"http://a\", \"timeout\": -1}", 0, 1.0)]
    [InlineData("{not json", 0, 1.0)]
    public void FromSection_OsquerysShapeAndBadInput_UrlsAndTimeoutOrDefaults(string? json, int urls, double seconds)
    {
        var targets = PrometheusTargets.FromSection(json);

        Assert.Equal(urls, targets.Urls.Count);
        Assert.Equal(TimeSpan.FromSeconds(seconds), targets.Timeout);
    }
}
