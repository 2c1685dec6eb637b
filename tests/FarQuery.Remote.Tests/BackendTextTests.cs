// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Remote.Tests;

/// <summary>Backend-supplied text on its way to stderr.</summary>
public sealed class BackendTextTests
{
    [Fact]
    public void Clean_ControlCharacters_AreEscaped()
    {
        Assert.Equal("bad\\u001b[2Jgateway\\u000a\\u000dforged\\u0000\\u009b", BackendText.Clean("bad\u001b[2Jgateway\n\rforged\0\u009b"));
    }

    [Fact]
    public void Clean_LongText_IsCutWithACount()
    {
        var cleaned = BackendText.Clean(new string('x', 10_000));
        Assert.StartsWith(new string('x', BackendText.MaxLength) + "... (", cleaned, StringComparison.Ordinal);
        Assert.EndsWith("9488 more characters)", cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_PlainText_IsUnchanged()
    {
        Assert.Equal("enrollment failed: 503 Service Unavailable", BackendText.Clean("enrollment failed: 503 Service Unavailable"));
    }
}
