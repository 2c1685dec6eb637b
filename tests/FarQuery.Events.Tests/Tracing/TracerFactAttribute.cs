// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tests.Tracing;

/// <summary>A fact that is skipped, with the reason shown in the test report, when gcc is missing off CI.</summary>
internal sealed class TracerFactAttribute : FactAttribute
{
    public TracerFactAttribute()
    {
        if (NativeHelpers.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
