// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>/proc/cmdline split the way kernel_info reports it.</summary>
/// <param name="Path">BOOT_IMAGE= (the kernel image the boot loader loaded), or empty.</param>
/// <param name="Device">root= (the root device), or empty.</param>
/// <param name="Arguments">Every other argument, space-separated, in order.</param>
internal sealed record KernelCmdline(string Path, string Device, string Arguments)
{
    /// <summary>Splits the single line on spaces.</summary>
    public static KernelCmdline Parse(ReadOnlySpan<byte> text)
    {
        string path = "", device = "";
        var rest = new List<string>();
        foreach (var r in text.SplitAny(" \n\t"u8))
        {
            var arg = text[r];
            if (arg.IsEmpty)
            {
                continue;
            }

            if (arg.StartsWith("BOOT_IMAGE="u8))
            {
                path = Encoding.UTF8.GetString(arg["BOOT_IMAGE="u8.Length..]);
            }
            else if (arg.StartsWith("root="u8))
            {
                device = Encoding.UTF8.GetString(arg["root="u8.Length..]);
            }
            else
            {
                rest.Add(Encoding.UTF8.GetString(arg));
            }
        }

        return new KernelCmdline(path, device, string.Join(' ', rest));
    }
}
