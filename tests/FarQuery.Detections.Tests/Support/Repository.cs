// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Detections.Tests.Support;

/// <summary>The repository checkout the tests run from: its root (found by walking up to FarQuery.sln), the built
/// farquery binary and the detection headers in queries/.</summary>
internal static class Repository
{
    /// <summary>The folder holding FarQuery.sln.</summary>
    public static string Root => FarQuery.TestSupport.RepoRoot.Path;

    /// <summary>agent/FarQuery.Cli's build output, in the configuration these tests were built with.</summary>
    public static string Binary => FarQuery.TestSupport.RepoRoot.Farquery;

    /// <summary>The queries/ folder.</summary>
    public static string Queries => Path.Join(Root, "queries");

    /// <summary>The <c>-- Key: value</c> header of queries/&lt;name&gt;.sql, keys lower-cased.</summary>
    public static IReadOnlyDictionary<string, string> Header(string name)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Join(Queries, name + ".sql")))
        {
            if (!line.StartsWith("-- ", StringComparison.Ordinal))
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 3)
            {
                header[line[3..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }

        return header;
    }
}
