// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The build information the Go linker embeds in every executable (Go 1.18+): in the .go.buildinfo section, a
/// 16-byte header "\xff Go buildinf:" + pointer size + flags, then (flag 0x2) the Go version and the module info as
/// varint-length-prefixed strings at offset 32. The module info is tab-separated lines: <c>path</c> (main package),
/// <c>mod</c> (main module), <c>dep</c> (a dependency), <c>=&gt;</c> (replacement of the line above) and <c>build</c>
/// (settings), framed by 16-byte sentinels. Go before 1.18 stored pointers instead; those binaries are not read.</summary>
/// <param name="GoVersion">Toolchain version, e.g. go1.22.1.</param>
/// <param name="MainPackage">Import path of the main package.</param>
/// <param name="Modules">The main module first (when built in module mode), then the dependencies.</param>
internal sealed record GoBuildInfo(string GoVersion, string MainPackage, IReadOnlyList<GoModule> Modules)
{
    /// <summary>The header every build info blob starts with: 0xFF then " Go buildinf:" (spelled as bytes, since a u8
    /// literal would encode \xff as the two-byte UTF-8 of U+00FF).</summary>
    public static ReadOnlySpan<byte> Magic => [0xFF, (byte)' ', (byte)'G', (byte)'o', (byte)' ', (byte)'b', (byte)'u', (byte)'i', (byte)'l', (byte)'d', (byte)'i', (byte)'n', (byte)'f', (byte)':'];

    private const int InlineFlag = 0x2;

    /// <summary>Parses the blob at the start of <paramref name="data"/> (the .go.buildinfo section, or the file from
    /// the magic on); false when the magic is missing, the format is the pre-1.18 one or a length runs past the end.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out GoBuildInfo info)
    {
        info = null!;
        if (data.Length < 32 || !data.StartsWith(Magic) || (data[15] & InlineFlag) == 0)
        {
            return false;
        }

        var rest = data[32..];
        if (!TryString(ref rest, out var version) || version.Length == 0)
        {
            return false;
        }

        // A binary built without module support has an empty (zero-length) module info and still counts; a length
        // that runs past the end means the blob is cut short.
        if (!TryString(ref rest, out var modinfo))
        {
            return false;
        }

        if (modinfo.Length >= 33 && modinfo[^17] == '\n')
        {
            modinfo = modinfo[16..^16];
        }

        var main = "";
        var modules = new List<GoModule>();
        foreach (var line in modinfo.Split('\n'))
        {
            var f = line.Split('\t');
            switch (f[0])
            {
                case "path" when f.Length > 1:
                    main = f[1];
                    break;
                case "mod" or "dep" when f.Length > 1:
                    modules.Add(new GoModule(f[0] == "mod" ? "main" : "dep", f[1], f.Length > 2 ? f[2] : "", f.Length > 3 ? f[3] : "", ""));
                    break;
                case "=>" when f.Length > 1 && modules.Count > 0:
                    modules[^1] = modules[^1] with { ReplacedBy = f.Length > 2 && f[2].Length > 0 ? f[1] + " " + f[2] : f[1] };
                    break;
            }
        }

        info = new GoBuildInfo(version, main, modules);
        return true;
    }

    private static bool TryString(ref ReadOnlySpan<byte> span, out string value)
    {
        value = "";
        ulong length = 0;
        var shift = 0;
        var i = 0;
        while (true)
        {
            if (i >= span.Length || shift > 63)
            {
                return false;
            }

            var b = span[i++];
            length |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        if (length > (ulong)(span.Length - i))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(span.Slice(i, (int)length));
        span = span[(i + (int)length)..];
        return true;
    }
}
