// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Secrets;

namespace FarQuery.Remote.Tests;

public sealed class EnrollSecretTests
{
    [Fact]
    public void Redact_TextContainingTheSecret_MasksEveryOccurrence()
    {
        var secret = new EnrollSecret("s3cr3t-value\n");
        Assert.Equal("a [redacted] b [redacted]", secret.Redact("a s3cr3t-value b s3cr3t-value"));
        Assert.Equal("[redacted]", secret.ToString());
        Assert.Equal("$\"{secret}\" = [redacted]", $"$\"{{secret}}\" = {secret}");
    }
}
