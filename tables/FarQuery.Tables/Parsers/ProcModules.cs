// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /proc/modules.</summary>
internal readonly record struct KernelModule(string Name, long Size, string UsedBy, string Status, string Address);

/// <summary>Parses /proc/modules ("name size refcount users, state address"); a Fargate task normally has no such file.</summary>
internal static class ProcModules
{
    /// <summary>The modules listed; lines with fewer than six fields are skipped.</summary>
    public static List<KernelModule> Parse(ReadOnlySpan<byte> text)
    {
        var result = new List<KernelModule>();
        foreach (var range in text.Split((byte)'\n'))
        {
            var f = Encoding.UTF8.GetString(text[range]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6)
            {
                continue;
            }

            var size = long.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : -1;
            result.Add(new KernelModule(f[0], size, f[3] == "-" ? "" : f[3].TrimEnd(','), f[4], f[5]));
        }

        return result;
    }
}
