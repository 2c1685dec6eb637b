// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Extensions of Chromium-based browsers for each local user: &lt;profile&gt;/Extensions/&lt;id&gt;/&lt;version&gt;/manifest.json
/// under the Linux configuration directories of Chrome, Chromium, Brave and Edge (read by <see cref="ChromiumExtensions"/>).
/// <c>uid =</c> reads only those users.</summary>
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
        foreach (var user in ChromiumExtensions.Users(Context.Fs, query.IntegerEquals(C.Uid)))
        {
            foreach (var (type, dir) in Browsers)
            {
                foreach (var profile in PackageFiles.List(Context.Fs, user.Directory.TrimEnd('/') + "/" + dir, directories: true))
                {
                    var settings = ChromiumExtensions.Settings(Context.Fs, profile);
                    foreach (var (identifier, path, m) in ChromiumExtensions.Scan(Context.Fs, profile))
                    {
                        var referenced = settings.TryGetValue(identifier, out var setting);
                        var row = NewRow();
                        row.BrowserType = type;
                        row.Uid = user.Uid;
                        row.Name = m.Name;
                        row.Profile = Path.GetFileName(profile);
                        row.ProfilePath = profile;
                        row.Identifier = identifier;
                        row.Version = m.Version;
                        row.Description = m.Description;
                        row.DefaultLocale = m.DefaultLocale;
                        row.UpdateUrl = m.UpdateUrl;
                        row.Author = m.Author;
                        row.Permissions = m.Permissions;
                        row.Path = path;
                        row.ReferencedIdentifier = referenced ? identifier : "";
                        row.CurrentLocale = m.CurrentLocale;
                        row.Persistent = m.Persistent ? 1 : 0;
                        row.PermissionsJson = m.PermissionsJson;
                        row.OptionalPermissions = m.OptionalPermissions;
                        row.OptionalPermissionsJson = m.OptionalPermissionsJson;
                        row.ManifestHash = m.Sha256;
                        row.Referenced = referenced ? 1 : 0;
                        row.FromWebstore = setting?.FromWebstore ?? "";
                        row.State = setting?.State ?? "";
                        row.InstallTime = setting?.InstallTime ?? "";
                        row.InstallTimestamp = setting is null ? null : ChromiumExtensions.UnixTime(setting.InstallTime);
                        row.ManifestJson = m.Json;
                        row.Key = m.Key;
                        yield return row;
                    }
                }
            }
        }
    }
}
