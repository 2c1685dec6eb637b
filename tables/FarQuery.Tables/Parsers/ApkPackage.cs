// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One package of Alpine's installed database, /lib/apk/db/installed: paragraphs of one-letter "K:value" lines
/// (P name, V version, A arch, I installed size in bytes, o origin, m maintainer, L license, U url, T description,
/// t build time, c commit) separated by blank lines; file lines (F:, R:, Z: ...) are ignored.</summary>
/// <param name="Name">Package name (P).</param>
/// <param name="Version">Version with its -rN release (V).</param>
/// <param name="Arch">Architecture (A).</param>
/// <param name="InstalledSize">Installed size in bytes (I), null when missing or not a number.</param>
/// <param name="Origin">Origin (source) package (o).</param>
/// <param name="Maintainer">Maintainer (m).</param>
/// <param name="License">License (L).</param>
/// <param name="Url">Project URL (U).</param>
/// <param name="Description">One-line description (T).</param>
/// <param name="BuildTime">Build time, seconds since the epoch (t), null when missing.</param>
/// <param name="Commit">Commit of aports the package was built from (c).</param>
internal sealed record ApkPackage(string Name, string Version, string Arch, long? InstalledSize, string Origin,
    string Maintainer, string License, string Url, string Description, long? BuildTime, string Commit)
{
    /// <summary>Every paragraph with a P: line. A truncated file still yields its last paragraph with the fields it has;
    /// lines that are not "K:value" are skipped.</summary>
    public static List<ApkPackage> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<ApkPackage>();
        var fields = new Dictionary<char, string>();
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange].TrimEnd((byte)'\r');
            if (line.IsEmpty)
            {
                Flush(fields, list);
                continue;
            }

            if (line.Length < 2 || line[1] != (byte)':' || line[0] >= 0x80)
            {
                continue;
            }

            // A package's file list repeats letters (F:, R:, a:, Z:); the package fields come first, so keep the first.
            fields.TryAdd((char)line[0], Encoding.UTF8.GetString(line[2..]));
        }

        Flush(fields, list);
        return list;
    }

    private static void Flush(Dictionary<char, string> f, List<ApkPackage> list)
    {
        if (f.TryGetValue('P', out var name) && name.Length > 0)
        {
            list.Add(new ApkPackage(
                name,
                f.GetValueOrDefault('V', ""),
                f.GetValueOrDefault('A', ""),
                Number(f.GetValueOrDefault('I')),
                f.GetValueOrDefault('o', ""),
                f.GetValueOrDefault('m', ""),
                f.GetValueOrDefault('L', ""),
                f.GetValueOrDefault('U', ""),
                f.GetValueOrDefault('T', ""),
                Number(f.GetValueOrDefault('t')),
                f.GetValueOrDefault('c', "")));
        }

        f.Clear();
    }

    private static long? Number(string? s) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
