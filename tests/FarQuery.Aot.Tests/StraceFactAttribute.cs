// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Aot.Tests;

/// <summary>A fact that needs strace: .ci/run installs it; elsewhere the test is skipped with the reason shown.</summary>
internal sealed class StraceFactAttribute : FactAttribute
{
    public StraceFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Join(d, "strace")));
        if (!onPath)
        {
            Skip = Environment.GetEnvironmentVariable("CI") is { Length: > 0 }
                ? null
                : "strace is not installed (.ci/run installs it): this test is skipped";
        }
    }
}
