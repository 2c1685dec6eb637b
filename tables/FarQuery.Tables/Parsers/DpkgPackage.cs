// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One installed package of dpkg's status database.</summary>
/// <param name="Name">Package name.</param>
/// <param name="Version">Full version, epoch:upstream-revision.</param>
/// <param name="Revision">The Debian revision: what follows the last '-' of the version, empty for native packages.</param>
/// <param name="Source">Source package name (the Source field without its version), empty when the field is absent.</param>
/// <param name="InstalledSizeKib">Installed-Size, which dpkg records in KiB; null when missing or not a number.</param>
/// <param name="Arch">Architecture.</param>
/// <param name="Status">The Status field: want, error flag and state.</param>
/// <param name="Maintainer">Maintainer.</param>
/// <param name="Section">Section.</param>
/// <param name="Priority">Priority.</param>
internal sealed record DpkgPackage(string Name, string Version, string Revision, string Source, long? InstalledSizeKib,
    string Arch, string Status, string Maintainer, string Section, string Priority)
{
    /// <summary>The packages of a status file (or of one status.d entry) that dpkg-query -W lists: every paragraph with a
    /// Package field whose state is not "not-installed" (a purged package dpkg still remembers).</summary>
    public static List<DpkgPackage> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<DpkgPackage>();
        foreach (var p in ControlStanza.Parse(text))
        {
            if (!p.TryGetValue("Package", out var name) || name.Length == 0)
            {
                continue;
            }

            var status = p.GetValueOrDefault("Status", "");
            if (status.EndsWith(" not-installed", StringComparison.Ordinal))
            {
                continue;
            }

            var version = p.GetValueOrDefault("Version", "");
            var dash = version.LastIndexOf('-');
            var source = p.GetValueOrDefault("Source", "");
            var space = source.IndexOf(' ');
            list.Add(new DpkgPackage(
                name,
                version,
                dash >= 0 ? version[(dash + 1)..] : "",
                space >= 0 ? source[..space] : source,
                long.TryParse(p.GetValueOrDefault("Installed-Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null,
                p.GetValueOrDefault("Architecture", ""),
                status,
                p.GetValueOrDefault("Maintainer", ""),
                p.GetValueOrDefault("Section", ""),
                p.GetValueOrDefault("Priority", "")));
        }

        return list;
    }
}
