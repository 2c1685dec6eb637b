// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Firefox add-ons of each local user: the "addons" array of extensions.json in every profile under
/// ~/.mozilla/firefox. A profile whose file is not valid JSON gives no rows. <c>uid =</c> reads only those users.</summary>
public sealed partial class FirefoxAddonsTable(TableContext context) : Table(context)
{
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

            foreach (var profile in PackageFiles.List(Context.Fs, user.Directory.TrimEnd('/') + "/.mozilla/firefox", directories: true))
            {
                if (!Context.Fs.TryReadAllBytes(profile + "/extensions.json", out var bytes))
                {
                    continue;
                }

                foreach (var a in Addons(bytes))
                {
                    var row = NewRow();
                    row.Uid = user.Uid;
                    row.Name = a.Name;
                    row.Identifier = a.Id;
                    row.Creator = a.Creator;
                    row.Type = a.Type;
                    row.Version = a.Version;
                    row.Description = a.Description;
                    row.SourceUrl = a.Source;
                    row.Visible = a.Visible ? 1L : 0L;
                    row.Active = a.Active ? 1L : 0L;
                    row.Disabled = a.Disabled ? 1L : 0L;
                    row.Autoupdate = a.AutoUpdate ? 1L : 0L;
                    row.Location = a.Location;
                    row.Path = a.Path;
                    yield return row;
                }
            }
        }
    }

    private static List<Addon> Addons(byte[] json)
    {
        var list = new List<Addon>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("addons", out var addons) || addons.ValueKind != JsonValueKind.Array)
            {
                return list;
            }

            foreach (var a in addons.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object))
            {
                var locale = a.TryGetProperty("defaultLocale", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
                list.Add(new Addon(
                    Text(locale, "name"), Text(a, "id"), Text(locale, "creator"), Text(a, "type"), Text(a, "version"), Text(locale, "description"),
                    Text(a, "sourceURI"), Flag(a, "visible"), Flag(a, "active"), Flag(a, "userDisabled"), a.TryGetProperty("applyBackgroundUpdates", out var u) && u.ValueKind == JsonValueKind.Number && u.GetInt32() != 0,
                    Text(a, "location"), Text(a, "path")));
            }
        }
        catch (JsonException)
        {
            // A profile Firefox was writing when the container stopped; its add-ons are unknown, not an error.
        }

        return list;
    }

    private static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private sealed record Addon(string Name, string Id, string Creator, string Type, string Version, string Description, string Source,
        bool Visible, bool Active, bool Disabled, bool AutoUpdate, string Location, string Path);
}
