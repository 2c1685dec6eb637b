// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.TestSupport;

/// <summary>Waits for a condition that background work makes true. The deadline is generous and only bounds a failing
/// test: it asserts nothing about speed.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 50 ms; throws naming <paramref name="what"/> past the deadline.</summary>
    public static void True(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for: " + what);
            }

            Thread.Sleep(50);
        }
    }
}
