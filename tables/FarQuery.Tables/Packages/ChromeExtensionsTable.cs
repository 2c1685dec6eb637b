// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>Extensions of Chromium-based browsers for each local user: &lt;profile&gt;/Extensions/&lt;id&gt;/&lt;version&gt;/manifest.json
/// under the Linux configuration directories of Chrome, Chromium, Brave and Edge. "__MSG_key__" names are resolved
/// from the extension's default locale. <c>uid =</c> reads only those users.</summary>
public sealed partial class ChromeExtensionsTable(TableContext context) : Table(context)
{
    private static readonly (string Type, string Dir)[] Browsers =
    [
        ("chrome", ".config/google-chrome"), ("chrome_beta", ".config/google-chrome-beta"), ("chromium", ".config/chromium"),
        ("brave", ".config/BraveSoftware/Brave-Browser"), ("edge", ".config/microsoft-edge"),
    ];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/passwd", out var passwd))
        {
            yield break;
        }

        var uids = query.IntegerEquals(C.Uid);
        var homes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in PasswdEntry.Parse(passwd))
        {
            if ((uids is not null && !uids.Contains(user.Uid)) || user.Directory.Length <= 1 || !homes.Add(user.Directory))
            {
                continue;
            }

            foreach (var (type, dir) in Browsers)
            {
                foreach (var profile in PackageFiles.List(Context.Fs, user.Directory.TrimEnd('/') + "/" + dir, directories: true))
                {
                    foreach (var extension in PackageFiles.List(Context.Fs, profile + "/Extensions", directories: true))
                    {
                        foreach (var versionDir in PackageFiles.List(Context.Fs, extension, directories: true))
                        {
                            if (!Context.Fs.TryReadAllBytes(versionDir + "/manifest.json", out var bytes) || !TryManifest(versionDir, bytes, out var m))
                            {
                                continue;
                            }

                            var row = NewRow();
                            row[C.BrowserType] = type;
                            row[C.Uid] = user.Uid;
                            row[C.Name] = m.Name;
                            row[C.Profile] = Path.GetFileName(profile);
                            row[C.ProfilePath] = profile;
                            row[C.Identifier] = Path.GetFileName(extension);
                            row[C.Version] = m.Version;
                            row[C.Description] = m.Description;
                            row[C.DefaultLocale] = m.DefaultLocale;
                            row[C.UpdateUrl] = m.UpdateUrl;
                            row[C.Author] = m.Author;
                            row[C.Permissions] = m.Permissions;
                            row[C.Path] = versionDir;
                            yield return row;
                        }
                    }
                }
            }
        }
    }

    private bool TryManifest(string dir, byte[] json, out Manifest manifest)
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
            manifest = new Manifest(Localize(dir, locale, Text(r, "name")), Text(r, "version"), Localize(dir, locale, Text(r, "description")), locale, Text(r, "update_url"), author, permissions);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Resolves "__MSG_key__" from _locales/&lt;default_locale&gt;/messages.json (keys compare case-insensitively, as
    /// Chrome does); the raw text when it cannot.</summary>
    private string Localize(string dir, string locale, string text)
    {
        if (!text.StartsWith("__MSG_", StringComparison.Ordinal) || !text.EndsWith("__", StringComparison.Ordinal) || locale.Length == 0
            || !Context.Fs.TryReadAllBytes($"{dir}/_locales/{locale}/messages.json", out var bytes))
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

    private sealed record Manifest(string Name, string Version, string Description, string DefaultLocale, string UpdateUrl, string Author, string Permissions);
}
