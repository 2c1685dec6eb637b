// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>VS Code extensions of each local user, from the extensions.json index VS Code keeps in ~/.vscode/extensions
/// (desktop), ~/.vscode-server/extensions (remote and dev containers) and ~/.vscode-oss/extensions (VSCodium).
/// <c>uid =</c> reads only those users.</summary>
public sealed partial class VscodeExtensionsTable(TableContext context) : Table(context)
{
    private static readonly (string Edition, string Dir)[] Editions = [("vscode", ".vscode"), ("vscode_server", ".vscode-server"), ("vscodium", ".vscode-oss")];

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

            foreach (var (edition, dir) in Editions)
            {
                if (!Context.Fs.TryReadAllBytes($"{user.Directory.TrimEnd('/')}/{dir}/extensions/extensions.json", out var bytes))
                {
                    continue;
                }

                foreach (var e in Entries(bytes))
                {
                    var row = NewRow();
                    row.Name = e.Name;
                    row.Uuid = e.Uuid;
                    row.Version = e.Version;
                    row.Publisher = e.Publisher;
                    row.PublisherId = e.PublisherId;
                    row.InstalledAt = e.InstalledAt;
                    row.Prerelease = e.Prerelease ? 1L : 0L;
                    row.Path = e.Path;
                    row.Uid = user.Uid;
                    row.VscodeEdition = edition;
                    yield return row;
                }
            }
        }
    }

    private static List<Entry> Entries(byte[] json)
    {
        var list = new List<Entry>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return list;
            }

            foreach (var x in doc.RootElement.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
            {
                var identifier = Obj(x, "identifier");
                var metadata = Obj(x, "metadata");
                var id = Text(identifier, "id");
                var dot = id.IndexOf('.');
                var location = Obj(x, "location");
                long? installed = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("installedTimestamp", out var t) && t.TryGetInt64(out var ms) ? ms / 1000 : null;
                list.Add(new Entry(
                    dot >= 0 ? id[(dot + 1)..] : id,
                    Text(identifier, "uuid"),
                    Text(x, "version"),
                    Text(metadata, "publisherDisplayName") is { Length: > 0 } display ? display : (dot >= 0 ? id[..dot] : ""),
                    Text(metadata, "publisherId"),
                    installed,
                    metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("isPreReleaseVersion", out var pre) && pre.ValueKind == JsonValueKind.True,
                    Text(location, "path") is { Length: > 0 } path ? path : Text(location, "fsPath")));
            }
        }
        catch (JsonException)
        {
            // VS Code rewrites the index in place; a half-written one lists nothing rather than failing the query.
        }

        return list;
    }

    private static JsonElement Obj(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    private static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private sealed record Entry(string Name, string Uuid, string Version, string Publisher, string PublisherId, long? InstalledAt, bool Prerelease, string Path);
}
