// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>What system_info needs from /proc/cpuinfo (man 5 proc): "key\t: value" lines, one block per logical CPU.</summary>
/// <param name="LogicalCores">Number of "processor" blocks.</param>
/// <param name="PhysicalCores">Distinct (physical id, core id) pairs; the logical count when the file has no topology
/// (arm64, most VMs that hide it).</param>
/// <param name="Sockets">Distinct physical ids; 1 when the file has none but lists a CPU.</param>
/// <param name="Brand">"model name" (x86), else a description from the arm64 "CPU implementer"/"CPU part" fields.</param>
/// <param name="Model">"model" (x86) or "CPU part" (arm64).</param>
/// <param name="Microcode">"microcode", or empty.</param>
internal sealed record CpuInfo(int LogicalCores, int PhysicalCores, int Sockets, string Brand, string Model, string Microcode)
{
    /// <summary>Parses the file; missing keys give empty text and a truncated last block still counts.</summary>
    public static CpuInfo Parse(ReadOnlySpan<byte> text)
    {
        var logical = 0;
        var cores = new HashSet<(string, string)>();
        var sockets = new HashSet<string>();
        string brand = "", model = "", microcode = "", implementer = "", part = "", physical = "";
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim(" \t"u8);
            var value = Encoding.UTF8.GetString(line[(colon + 1)..].Trim(" \t\r"u8));
            if (key.SequenceEqual("processor"u8))
            {
                logical++;
            }
            else if (key.SequenceEqual("model name"u8))
            {
                brand = brand.Length == 0 ? value : brand;
            }
            else if (key.SequenceEqual("model"u8))
            {
                model = model.Length == 0 ? value : model;
            }
            else if (key.SequenceEqual("microcode"u8))
            {
                microcode = microcode.Length == 0 ? value : microcode;
            }
            else if (key.SequenceEqual("CPU implementer"u8))
            {
                implementer = implementer.Length == 0 ? value : implementer;
            }
            else if (key.SequenceEqual("CPU part"u8))
            {
                part = part.Length == 0 ? value : part;
            }
            else if (key.SequenceEqual("physical id"u8))
            {
                physical = value;
                sockets.Add(value);
            }
            else if (key.SequenceEqual("core id"u8))
            {
                cores.Add((physical, value));
            }
        }

        if (brand.Length == 0 && implementer.Length > 0)
        {
            // arm64 kernels print no model name; AWS Graviton is implementer 0x41 (Arm Ltd) with a Neoverse part number.
            brand = implementer == "0x41" ? "ARM " + part : implementer + " " + part;
        }

        if (model.Length == 0)
        {
            model = part;
        }

        return new CpuInfo(
            logical,
            cores.Count > 0 ? cores.Count : logical,
            sockets.Count > 0 ? sockets.Count : logical > 0 ? 1 : 0,
            brand,
            model,
            microcode);
    }
}
