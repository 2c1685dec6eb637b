// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Parsers;

/// <summary>The core metadata of an installed Python distribution: the RFC 822 header block of a dist-info METADATA
/// file or an egg-info PKG-INFO file (the body after the first blank line is the long description, not read).</summary>
/// <param name="Name">Name.</param>
/// <param name="Version">Version.</param>
/// <param name="Summary">Summary.</param>
/// <param name="Author">Author, or Author-email when Author is absent (as PEP 621 builds write only the latter).</param>
/// <param name="License">License, or License-Expression (metadata 2.4) when License is absent.</param>
internal sealed record PythonMetadata(string Name, string Version, string Summary, string Author, string License)
{
    /// <summary>The metadata, or false when the headers carry no Name (an empty, truncated or foreign file).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out PythonMetadata metadata)
    {
        metadata = null!;
        var headers = ControlStanza.Parse(text);
        if (headers.Count == 0 || !headers[0].TryGetValue("Name", out var name) || name.Length == 0)
        {
            return false;
        }

        var h = headers[0];
        metadata = new PythonMetadata(
            name,
            h.GetValueOrDefault("Version", ""),
            h.GetValueOrDefault("Summary", ""),
            h.GetValueOrDefault("Author") is { Length: > 0 } author ? author : h.GetValueOrDefault("Author-email", ""),
            h.GetValueOrDefault("License") is { Length: > 0 } license ? license : h.GetValueOrDefault("License-Expression", ""));
        return true;
    }
}
