// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One interface line of /proc/net/dev: "name: rx bytes packets errs drop fifo frame compressed multicast
/// tx bytes packets errs drop fifo colls carrier compressed" after two header lines.</summary>
/// <param name="Name">Interface name.</param>
/// <param name="Counters">The sixteen counters in file order.</param>
internal sealed record ProcNetDev(string Name, long[] Counters)
{
    /// <summary>Receive bytes.</summary>
    public long RxBytes => Counters[0];

    /// <summary>Receive packets.</summary>
    public long RxPackets => Counters[1];

    /// <summary>Receive errors.</summary>
    public long RxErrors => Counters[2];

    /// <summary>Receive drops.</summary>
    public long RxDropped => Counters[3];

    /// <summary>Transmit bytes.</summary>
    public long TxBytes => Counters[8];

    /// <summary>Transmit packets.</summary>
    public long TxPackets => Counters[9];

    /// <summary>Transmit errors.</summary>
    public long TxErrors => Counters[10];

    /// <summary>Transmit drops.</summary>
    public long TxDropped => Counters[11];

    /// <summary>Collisions.</summary>
    public long Collisions => Counters[13];

    /// <summary>Every line with a name, a colon and sixteen numbers; headers and damaged lines are skipped.</summary>
    public static List<ProcNetDev> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<ProcNetDev>();
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = Encoding.UTF8.GetString(line[..colon].Trim(" \t"u8));
            var fields = Encoding.ASCII.GetString(line[(colon + 1)..]).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var counters = new long[16];
            if (name.Length == 0 || fields.Length < 16 || name.Contains('|'))
            {
                continue;
            }

            var ok = true;
            for (var i = 0; i < 16 && ok; i++)
            {
                ok = long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out counters[i]);
            }

            if (ok)
            {
                list.Add(new ProcNetDev(name, counters));
            }
        }

        return list;
    }
}
