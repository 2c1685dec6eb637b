// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One physical CPU package as /proc/cpuinfo describes it (one block per logical CPU, grouped by
/// "physical id"; arm64 kernels print no topology, so all blocks form one package).</summary>
/// <param name="PhysicalId">The "physical id", 0 when absent.</param>
/// <param name="Manufacturer">vendor_id (x86) or the "CPU implementer" code (arm64; 0x41 is Arm Ltd).</param>
/// <param name="Model">"model name" (x86) or "CPU part" (arm64).</param>
/// <param name="Cores">Distinct core ids, or "cpu cores", or the logical count when neither is printed.</param>
/// <param name="Logical">Logical CPUs (blocks) in the package.</param>
/// <param name="Mhz">"cpu MHz" of the first block, null when absent (arm64).</param>
/// <param name="LongMode">Whether the flags include "lm" (x86-64) or the CPU is arm64 ("Features" present).</param>
internal sealed record CpuSocket(int PhysicalId, string Manufacturer, string Model, int Cores, int Logical, long? Mhz, bool LongMode)
{
    /// <summary>Packages in physical id order; a truncated last block still counts as a logical CPU.</summary>
    public static List<CpuSocket> Parse(ReadOnlySpan<byte> text)
    {
        var blocks = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var key = Encoding.UTF8.GetString(line[..colon].Trim(" \t"u8));
            var value = Encoding.UTF8.GetString(line[(colon + 1)..].Trim(" \t\r"u8));
            if (key == "processor")
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                blocks.Add(current);
            }

            current?.TryAdd(key, value);
        }

        return blocks
            .GroupBy(b => int.TryParse(b.GetValueOrDefault("physical id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var first = g.First();
                var coreIds = g.Select(b => b.GetValueOrDefault("core id")).Where(c => c is not null).Distinct().Count();
                var cores = coreIds > 0 ? coreIds : int.TryParse(first.GetValueOrDefault("cpu cores"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : g.Count();
                long? mhz = double.TryParse(first.GetValueOrDefault("cpu MHz"), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? (long)Math.Round(m) : null;
                var flags = first.GetValueOrDefault("flags", "");
                return new CpuSocket(
                    g.Key,
                    first.GetValueOrDefault("vendor_id") ?? first.GetValueOrDefault("CPU implementer") ?? "",
                    first.GetValueOrDefault("model name") ?? first.GetValueOrDefault("CPU part") ?? "",
                    cores,
                    g.Count(),
                    mhz,
                    first.ContainsKey("Features") || (" " + flags + " ").Contains(" lm ", StringComparison.Ordinal));
            })
            .ToList();
    }
}
