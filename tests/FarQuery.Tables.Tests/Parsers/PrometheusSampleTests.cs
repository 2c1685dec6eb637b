// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Parsers;

public sealed class PrometheusSampleTests
{
    private static List<PrometheusSample> ParseFixture()
    {
        var samples = new List<PrometheusSample>();
        PrometheusSample.Parse(File.ReadAllBytes(Path.Join(RepoPaths.Fixtures, "prometheus", "metrics.txt")), samples);
        return samples;
    }

    [Fact]
    public void Parse_Fixture_SkipsCommentsAndMalformedLinesAndKeepsEverySample()
    {
        var samples = ParseFixture();

        Assert.Equal(15, samples.Count);
        Assert.DoesNotContain(samples, s => s.Name.StartsWith('#') || s.Name.StartsWith("this", StringComparison.Ordinal));
        Assert.Equal(11d, samples.Single(s => s.Name == "go_goroutines").Value);
        Assert.Equal(2.8081e-05, samples.Single(s => s.Name == "go_gc_duration_seconds{quantile=\"0\"}").Value);
        Assert.Equal(9d, samples.Single(s => s.Name == "process_open_fds").Value);
    }

    [Fact]
    public void Parse_LabelValueWithSpacesBracesAndEscapedQuote_KeepsTheWholeLabelBlockInTheName()
    {
        var sample = ParseFixture().Single(s => s.Name.StartsWith("app_build_info", StringComparison.Ordinal));

        Assert.Equal("app_build_info{version=\"1.2.3\",comment=\"built { by } \\\"ci\\\" job\"}", sample.Name);
        Assert.Equal(1d, sample.Value);
    }

    [Fact]
    public void Parse_SpecialValuesAndTimestamp_AreRead()
    {
        var samples = ParseFixture();

        Assert.True(double.IsNaN(samples.Single(s => s.Name == "app_cache_ratio").Value));
        Assert.Equal(double.NegativeInfinity, samples.Single(s => s.Name == "app_temperature_celsius{sensor=\"inlet\"}").Value);
        Assert.Equal(1044d, samples.Single(s => s.Name.Contains("le=\"+Inf\"", StringComparison.Ordinal)).Value);
        var stamped = samples.Single(s => s.Name == "app_last_success_timestamp_seconds");
        Assert.Equal(1722700000123L, stamped.TimestampMs);
        Assert.Null(samples.Single(s => s.Name == "go_goroutines").TimestampMs);
    }

    [Theory]
    [InlineData("metric{a=\"b\" 1")]
    [InlineData("metric one")]
    [InlineData("metric 1 soon")]
    [InlineData("metric")]
    [InlineData("   ")]
    [InlineData("# TYPE metric gauge")]
    public void TryParseLine_Malformed_IsFalse(string line)
    {
        Assert.False(PrometheusSample.TryParseLine(Encoding.UTF8.GetBytes(line), out _));
    }
}
