// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Scheduler.Scheduling;

/// <summary>osquery's interval splay: each (name, interval) is moved by up to ±<c>schedule_splay_percent</c> once, so
/// thousands of tasks started together do not query in lockstep. The offset is derived from the name, so a restart of
/// the same task keeps its schedule (osquery persists it for the same reason).</summary>
public static class Splay
{
    /// <summary>The splayed interval; intervals too short to move by a whole second stay as they are.</summary>
    public static long Apply(string name, long interval, long percent)
    {
        if (percent <= 0 || percent > 100)
        {
            return interval;
        }

        var range = interval * percent / 100;
        if (range < 1)
        {
            return interval;
        }

        var hash = BlockHash.HashData<Sha256Hash>(Encoding.UTF8.GetBytes(name + "/" + interval));
        var r = BitConverter.ToUInt64(hash, 0) % (ulong)(2 * range + 1);
        return Math.Max(1, interval - range + (long)r);
    }
}
