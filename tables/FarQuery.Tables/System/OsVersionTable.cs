// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row from the container image's os-release (man 5 os-release), which describes the image, not the host.</summary>
public sealed partial class OsVersionTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;

        // man 5 os-release: /etc/os-release wins, /usr/lib/os-release is the fallback.
        var fields = fs.TryReadAllBytes("/etc/os-release", out var bytes) || fs.TryReadAllBytes("/usr/lib/os-release", out bytes)
            ? OsRelease.Parse(bytes)
            : [];
        string Get(string key) => fields.TryGetValue(key, out var v) ? v : "";

        var versionId = Get("VERSION_ID");
        var parts = versionId.Split('.');
        var row = NewRow();

        // A distroless or scratch image has no os-release at all; the row still says what can be known.
        row.Name = fields.Count == 0 ? "Linux" : Get("NAME");
        row.Version = Get("VERSION") is { Length: > 0 } v ? v : versionId;
        row.Major = Number(parts, 0);
        row.Minor = Number(parts, 1);
        row.Patch = Number(parts, 2);
        row.Build = Get("BUILD_ID");
        row.Platform = fields.Count == 0 ? "linux" : Get("ID");
        row.PlatformLike = Get("ID_LIKE");
        row.Codename = Get("VERSION_CODENAME");
        row.Arch = SysFiles.Machine(fs);
        yield return row;
    }

    private static long Number(string[] parts, int index)
    {
        if (index >= parts.Length)
        {
            return 0;
        }

        // "2023.4.20240401" and "3.19.1" split cleanly; a part like "04_rc1" keeps its leading digits.
        var s = parts[index];
        var end = 0;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return long.TryParse(s.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
