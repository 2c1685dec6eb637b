// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

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
                    foreach (var (identifier, path, m) in ChromiumExtensions.Scan(Context.Fs, profile))
                    {
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
                        yield return row;
                    }
                }
            }
        }
    }
}
