// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>The extension store every Chromium-based browser shares: &lt;profile&gt;/Extensions/&lt;id&gt;/&lt;version&gt;/manifest.json,
/// with "__MSG_key__" names resolved from the extension's default locale. Used by chrome_extensions (Chrome, Chromium,
/// Brave, Edge) and opera_extensions.</summary>
internal static class ChromiumExtensions
{
    /// <summary>The local users with a home directory, each home once, limited to <paramref name="uids"/> when given.</summary>
    public static IEnumerable<PasswdEntry> Users(HostFileSystem fs, IReadOnlyList<long>? uids)
    {
        if (!fs.TryReadAllBytes("/etc/passwd", out var passwd))
        {
            yield break;
        }

        var homes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in PasswdEntry.Parse(passwd))
        {
            if ((uids is null || uids.Contains(user.Uid)) && user.Directory.Length > 1 && homes.Add(user.Directory))
            {
                yield return user;
            }
        }
    }

    /// <summary>Every extension version directory under <paramref name="profile"/>/Extensions whose manifest parses, in
    /// name order; a missing or damaged manifest skips that version only.</summary>
    public static IEnumerable<Installed> Scan(HostFileSystem fs, string profile)
    {
        foreach (var extension in PackageFiles.List(fs, profile + "/Extensions", directories: true))
        {
            foreach (var versionDir in PackageFiles.List(fs, extension, directories: true))
            {
                if (fs.TryReadAllBytes(versionDir + "/manifest.json", out var bytes) && TryManifest(fs, versionDir, bytes, out var m))
                {
                    yield return new Installed(Path.GetFileName(extension), versionDir, m);
                }
            }
        }
    }

    private static bool TryManifest(HostFileSystem fs, string dir, byte[] json, out Manifest manifest)
    {
        manifest = null!;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var locale = Text(r, "default_locale");
            var permissions = r.TryGetProperty("permissions", out var p) && p.ValueKind == JsonValueKind.Array
                ? string.Join(", ", p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()))
                : "";
            var author = r.TryGetProperty("author", out var a) ? (a.ValueKind == JsonValueKind.String ? a.GetString()! : Text(a, "email")) : "";

            // A manifest v2 background page or script set stays loaded unless it says "persistent": false; a v3
            // service worker (or no background at all) never does.
            var persistent = r.TryGetProperty("background", out var bg) && bg.ValueKind == JsonValueKind.Object
                && (bg.TryGetProperty("page", out _) || bg.TryGetProperty("scripts", out _))
                && !(bg.TryGetProperty("persistent", out var pe) && pe.ValueKind == JsonValueKind.False);
            manifest = new Manifest(Localize(fs, dir, locale, Text(r, "name")), Text(r, "version"), Localize(fs, dir, locale, Text(r, "description")), locale, Text(r, "update_url"), author, permissions, persistent);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Resolves "__MSG_key__" from _locales/&lt;default_locale&gt;/messages.json (keys compare case-insensitively, as
    /// Chrome does); the raw text when it cannot.</summary>
    private static string Localize(HostFileSystem fs, string dir, string locale, string text)
    {
        if (!text.StartsWith("__MSG_", StringComparison.Ordinal) || !text.EndsWith("__", StringComparison.Ordinal) || locale.Length == 0
            || !fs.TryReadAllBytes($"{dir}/_locales/{locale}/messages.json", out var bytes))
        {
            return text;
        }

        var key = text[6..^2];
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase) && Text(p.Value, "message") is { Length: > 0 } message)
                {
                    return message;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A damaged messages.json leaves the placeholder, which still identifies the extension.
        }

        return text;
    }

    private static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    /// <summary>One installed extension version.</summary>
    /// <param name="Identifier">The extension id (its directory name).</param>
    /// <param name="Path">The version directory holding manifest.json.</param>
    /// <param name="Manifest">What the manifest says.</param>
    public sealed record Installed(string Identifier, string Path, Manifest Manifest);

    /// <summary>The manifest fields the tables report.</summary>
    /// <param name="Name">Display name, localized.</param>
    /// <param name="Version">Extension-supplied version.</param>
    /// <param name="Description">Description, localized.</param>
    /// <param name="DefaultLocale">default_locale.</param>
    /// <param name="UpdateUrl">update_url.</param>
    /// <param name="Author">author (a string, or an object's email).</param>
    /// <param name="Permissions">permissions, comma separated.</param>
    /// <param name="Persistent">True when a background page or scripts stay loaded (manifest v2 without
    /// <c>"persistent": false</c>).</param>
    public sealed record Manifest(string Name, string Version, string Description, string DefaultLocale, string UpdateUrl, string Author, string Permissions, bool Persistent);
}
