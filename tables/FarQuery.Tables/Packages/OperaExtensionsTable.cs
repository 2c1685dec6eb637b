// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Opera's extensions for each local user. Opera on Linux keeps a single profile in its configuration directory
/// itself, so the Chromium extension store is &lt;config&gt;/Extensions (read by <see cref="ChromiumExtensions"/>).
/// <c>uid =</c> reads only those users.</summary>
public sealed partial class OperaExtensionsTable(TableContext context) : Table(context)
{
    private static readonly string[] Profiles = [".config/opera", ".config/opera-beta", ".config/opera-developer"];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        foreach (var user in ChromiumExtensions.Users(Context.Fs, query.IntegerEquals(C.Uid)))
        {
            foreach (var profile in Profiles)
            {
                foreach (var (identifier, path, m) in ChromiumExtensions.Scan(Context.Fs, user.Directory.TrimEnd('/') + "/" + profile))
                {
                    var row = NewRow();
                    row.Uid = user.Uid;
                    row.Name = m.Name;
                    row.Identifier = identifier;
                    row.Version = m.Version;
                    row.Description = m.Description;
                    row.Locale = m.DefaultLocale;
                    row.UpdateUrl = m.UpdateUrl;
                    row.Author = m.Author;
                    row.Persistent = m.Persistent ? 1 : 0;
                    row.Path = path;
                    yield return row;
                }
            }
        }
    }
}
