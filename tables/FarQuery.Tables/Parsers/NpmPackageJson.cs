// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The fields of a package.json the npm_packages table reports. Read with <see cref="JsonDocument"/> (no
/// reflection, so NativeAOT-safe); author and license take both their string and object forms.</summary>
/// <param name="Name">name.</param>
/// <param name="Version">version.</param>
/// <param name="Description">description.</param>
/// <param name="Author">author: the string, or the object's name.</param>
/// <param name="License">license: the string, the object's type, or the legacy licenses array's types joined.</param>
/// <param name="Homepage">homepage.</param>
internal sealed record NpmPackageJson(string Name, string Version, string Description, string Author, string License, string Homepage)
{
    /// <summary>The package, or false when the file is not a JSON object with a name (truncated, empty or binary).</summary>
    public static bool TryParse(ReadOnlyMemory<byte> json, out NpmPackageJson package)
    {
        package = null!;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "name") is not { Length: > 0 } name)
            {
                return false;
            }

            package = new NpmPackageJson(name, Text(root, "version"), Text(root, "description"), Person(root), LicenseOf(root), Text(root, "homepage"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static string Person(JsonElement root) =>
        root.TryGetProperty("author", out var a) ? a.ValueKind switch
        {
            JsonValueKind.String => a.GetString()!,
            JsonValueKind.Object => Text(a, "name"),
            _ => "",
        } : "";

    private static string LicenseOf(JsonElement root)
    {
        if (root.TryGetProperty("license", out var l))
        {
            return l.ValueKind switch
            {
                JsonValueKind.String => l.GetString()!,
                JsonValueKind.Object => Text(l, "type"),
                _ => "",
            };
        }

        if (root.TryGetProperty("licenses", out var ls) && ls.ValueKind == JsonValueKind.Array)
        {
            return string.Join(" OR ", ls.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object ? Text(x, "type") : x.ValueKind == JsonValueKind.String ? x.GetString()! : "").Where(x => x.Length > 0));
        }

        return "";
    }
}
