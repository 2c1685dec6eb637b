// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tests.Udev;

/// <summary>Makes the kernel send a real uevent: writing an action to a device's sysfs <c>uevent</c> file makes the
/// kernel broadcast a synthetic event for it (Documentation/ABI/testing/sysfs-uevent). Needs root.</summary>
internal static class UeventTrigger
{
    /// <summary>Whether this process can write <paramref name="file"/>; the reason when it cannot.</summary>
    public static bool CanTrigger(string file, out string reason)
    {
        if (Environment.UserName != "root" && !IsRoot())
        {
            reason = "not root: writing a sysfs uevent file needs root";
            return false;
        }

        if (!File.Exists(file))
        {
            reason = file + " does not exist (no sysfs?)";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>Writes "change" and waits for <paramref name="arrived"/>, writing again every second (a uevent is a
    /// datagram: one sent before the socket's bind took effect is not queued for it); false after 10 s.</summary>
    public static bool TriggerUntil(string file, Func<bool> arrived)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var next = DateTime.MinValue;
        while (DateTime.UtcNow < deadline)
        {
            if (arrived())
            {
                return true;
            }

            if (DateTime.UtcNow >= next)
            {
                try
                {
                    File.WriteAllText(file, "change");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A read-only /sys (a container) refuses the write: nothing will arrive.
                    Console.Error.WriteLine($"writing {file} failed: {e.Message}");
                    return arrived();
                }

                next = DateTime.UtcNow.AddSeconds(1);
            }

            Thread.Sleep(20);
        }

        return arrived();
    }

    /// <summary>Prints why an end-to-end test did not run, where the test log shows it.</summary>
    public static void Skip(string reason) => Console.Error.WriteLine("LOUD SKIP: uevent end-to-end test: " + reason);

    private static bool IsRoot()
    {
        try
        {
            return File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
