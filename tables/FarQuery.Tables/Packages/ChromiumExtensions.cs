// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;

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
            var (permissions, permissionsJson) = List(r, "permissions");
            var (optional, optionalJson) = List(r, "optional_permissions");
            var author = r.TryGetProperty("author", out var a) ? (a.ValueKind == JsonValueKind.String ? a.GetString()! : Text(a, "email")) : "";

            // A manifest v2 background page or script set stays loaded unless it says "persistent": false; a v3
            // service worker (or no background at all) never does.
            var persistent = r.TryGetProperty("background", out var bg) && bg.ValueKind == JsonValueKind.Object
                && (bg.TryGetProperty("page", out _) || bg.TryGetProperty("scripts", out _))
                && !(bg.TryGetProperty("persistent", out var pe) && pe.ValueKind == JsonValueKind.False);
            manifest = new Manifest(Localize(fs, dir, locale, Text(r, "name")), Text(r, "version"), Localize(fs, dir, locale, Text(r, "description")), locale, Text(r, "update_url"), author, permissions, persistent)
            {
                PermissionsJson = permissionsJson,
                OptionalPermissions = optional,
                OptionalPermissionsJson = optionalJson,
                Key = Text(r, "key"),
                CurrentLocale = Text(r, "current_locale"),
                Json = Encoding.UTF8.GetString(json),
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(json)),
            };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A manifest list of permissions: its strings comma separated (objects such as host permissions of
    /// manifest v2 left out), and the list's JSON as written.</summary>
    private static (string Text, string Json) List(JsonElement manifest, string name) =>
        manifest.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array
            ? (string.Join(", ", p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString())), p.GetRawText())
            : ("", "");

    /// <summary>What a profile's Preferences and Secure Preferences say of each extension (extensions.settings.&lt;id&gt;);
    /// empty when neither file parses.</summary>
    public static Dictionary<string, Setting> Settings(HostFileSystem fs, string profile)
    {
        var settings = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var file in (string[])["Preferences", "Secure Preferences"])
        {
            if (!fs.TryReadAllBytes(profile + "/" + file, out var bytes))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true });
                if (doc.RootElement.ValueKind != JsonValueKind.Object
                    || !doc.RootElement.TryGetProperty("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object
                    || !extensions.TryGetProperty("settings", out var all) || all.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var entry in all.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.Object && !settings.ContainsKey(entry.Name))
                    {
                        settings[entry.Name] = ReadSetting(entry.Value);
                    }
                }
            }
            catch (JsonException)
            {
                // A damaged preferences file leaves the extensions unreferenced; their manifests still list them.
            }
        }

        return settings;
    }

    private static Setting ReadSetting(JsonElement e)
    {
        // Older profiles keep "state" (1 enabled, 0 disabled); newer ones only "disable_reasons", empty when enabled.
        var state = e.TryGetProperty("state", out var st) && st.ValueKind == JsonValueKind.Number ? st.GetRawText()
            : e.TryGetProperty("disable_reasons", out var dr) ? (IsEmptyReason(dr) ? "1" : "0")
            : "";
        var fromWebstore = e.TryGetProperty("from_webstore", out var fw) && fw.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? (fw.ValueKind == JsonValueKind.True ? "true" : "false")
            : "";
        return new Setting(state, fromWebstore, Text(e, "install_time"));
    }

    private static bool IsEmptyReason(JsonElement reasons) => reasons.ValueKind switch
    {
        JsonValueKind.Array => reasons.GetArrayLength() == 0,
        JsonValueKind.Number => reasons.TryGetInt64(out var n) && n == 0,
        _ => true,
    };

    /// <summary>A WebKit timestamp (microseconds since 1601-01-01 UTC, as text) as UNIX seconds; null when it is not one.</summary>
    public static long? UnixTime(string webkit) =>
        long.TryParse(webkit, NumberStyles.None, CultureInfo.InvariantCulture, out var us) && us > 0 ? (us / 1_000_000) - 11_644_473_600 : null;

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
    public sealed record Manifest(string Name, string Version, string Description, string DefaultLocale, string UpdateUrl, string Author, string Permissions, bool Persistent)
    {
        /// <summary>permissions as the manifest's JSON array, empty without one.</summary>
        public string PermissionsJson { get; init; } = "";

        /// <summary>optional_permissions, comma separated.</summary>
        public string OptionalPermissions { get; init; } = "";

        /// <summary>optional_permissions as the manifest's JSON array, empty without one.</summary>
        public string OptionalPermissionsJson { get; init; } = "";

        /// <summary>current_locale, which the browser writes into the installed manifest.</summary>
        public string CurrentLocale { get; init; } = "";

        /// <summary>The manifest's key (the extension's public key, base64).</summary>
        public string Key { get; init; } = "";

        /// <summary>The manifest file as read.</summary>
        public string Json { get; init; } = "";

        /// <summary>SHA-256 of the manifest file, hex.</summary>
        public string Sha256 { get; init; } = "";
    }

    /// <summary>A profile's settings for one extension.</summary>
    /// <param name="State">"1" enabled, "0" disabled, empty when the profile does not say.</param>
    /// <param name="FromWebstore">"true" or "false", empty when the profile does not say.</param>
    /// <param name="InstallTime">install_time as stored (WebKit microseconds), empty when absent.</param>
    public sealed record Setting(string State, string FromWebstore, string InstallTime);
}
