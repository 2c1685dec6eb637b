// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One SMBIOS structure: its place in the table, the 4-byte header fields, and where its bytes (formatted
/// area plus the string set ending in two NULs) lie in the table.</summary>
internal readonly record struct SmbiosStructure(int Number, byte Type, ushort Handle, byte HeaderSize, int Offset, int Size);

/// <summary>Walks the SMBIOS structure table (DMTF DSP0134 §6.1: each structure is type, length, handle, then
/// <c>length - 4</c> formatted bytes, then NUL-terminated strings closed by an extra NUL) as the kernel exports it in
/// /sys/firmware/dmi/tables/DMI.</summary>
internal static class SmbiosStructures
{
    /// <summary>The table length the entry point declares (/sys/firmware/dmi/tables/smbios_entry_point), or null when
    /// the entry point is missing or of an unknown kind: "_SM3_" (64-bit, maximum size at offset 0x0C, 32 bits) or
    /// "_SM_" (32-bit, the "_DMI_" intermediate anchor's table length at offset 0x16, 16 bits).</summary>
    public static int? TableLength(ReadOnlySpan<byte> entryPoint)
    {
        if (entryPoint.Length >= 0x18 && entryPoint.StartsWith("_SM3_"u8))
        {
            var max = BinaryPrimitives.ReadUInt32LittleEndian(entryPoint[0x0C..]);
            return max > int.MaxValue ? null : (int)max;
        }

        if (entryPoint.Length >= 0x1F && entryPoint.StartsWith("_SM_"u8) && entryPoint[0x10..].StartsWith("_DMI_"u8))
        {
            return BinaryPrimitives.ReadUInt16LittleEndian(entryPoint[0x16..]);
        }

        return null;
    }

    /// <summary>The structures in order. The walk stops after the End-of-Table structure (type 127), at a header whose
    /// length is below 4 (corrupt firmware data), or where a structure's string set runs past the end.</summary>
    public static List<SmbiosStructure> Parse(ReadOnlySpan<byte> table)
    {
        var result = new List<SmbiosStructure>();
        var offset = 0;
        while (offset + 4 <= table.Length)
        {
            var type = table[offset];
            var length = table[offset + 1];
            if (length < 4 || offset + length > table.Length)
            {
                break;
            }

            // The string set starts after the formatted area and ends at the first double NUL; a structure without
            // strings still has the two NULs.
            var strings = table[(offset + length)..];
            var end = strings.IndexOf("\0\0"u8);
            if (end < 0)
            {
                break;
            }

            var size = length + end + 2;
            result.Add(new SmbiosStructure(result.Count, type, BinaryPrimitives.ReadUInt16LittleEndian(table[(offset + 2)..]), length, offset, size));
            offset += size;
            if (type == 127)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>The DSP0134 name of a structure type, or "Unknown" (OEM types 128-255 have no standard name).</summary>
    public static string Describe(byte type) => type switch
    {
        0 => "BIOS Information",
        1 => "System Information",
        2 => "Base Board or Module Information",
        3 => "System Enclosure or Chassis",
        4 => "Processor Information",
        5 => "Memory Controller Information",
        6 => "Memory Module Information",
        7 => "Cache Information",
        8 => "Port Connector Information",
        9 => "System Slots",
        10 => "On Board Devices Information",
        11 => "OEM Strings",
        12 => "System Configuration Options",
        13 => "BIOS Language Information",
        14 => "Group Associations",
        15 => "System Event Log",
        16 => "Physical Memory Array",
        17 => "Memory Device",
        18 => "32-bit Memory Error Information",
        19 => "Memory Array Mapped Address",
        20 => "Memory Device Mapped Address",
        21 => "Built-in Pointing Device",
        22 => "Portable Battery",
        23 => "System Reset",
        24 => "Hardware Security",
        25 => "System Power Controls",
        26 => "Voltage Probe",
        27 => "Cooling Device",
        28 => "Temperature Probe",
        29 => "Electrical Current Probe",
        30 => "Out-of-Band Remote Access",
        31 => "Boot Integrity Services",
        32 => "System Boot Information",
        33 => "64-bit Memory Error Information",
        34 => "Management Device",
        35 => "Management Device Component",
        36 => "Management Device Threshold Data",
        37 => "Memory Channel",
        38 => "IPMI Device Information",
        39 => "System Power Supply",
        40 => "Additional Information",
        41 => "Onboard Devices Extended Information",
        42 => "Management Controller Host Interface",
        43 => "TPM Device",
        44 => "Processor Additional Information",
        45 => "Firmware Inventory Information",
        46 => "String Property",
        126 => "Inactive",
        127 => "End-of-Table",
        _ => "Unknown",
    };
}
