// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Remote.Tests.Support;

/// <summary>Waits for a condition that background loops make true; the deadline is generous and only bounds a failing
/// test, it asserts nothing about speed.</summary>
public static class Eventually
{
    public static void True(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting for: " + what);
            }

            Thread.Sleep(50);
        }
    }
}
