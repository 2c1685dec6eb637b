// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One binary ("deb") package source of APT (man 5 sources.list): a repository URI and one suite, with the
/// components and architectures the entry asks for.</summary>
/// <param name="BaseUri">The repository URI without trailing slashes (e.g. <c>http://deb.debian.org/debian</c>).</param>
/// <param name="Suite">The suite (codename, class, or a path ending in '/' for a flat repository).</param>
/// <param name="Components">The components listed, space separated (empty for a flat repository).</param>
/// <param name="Architectures">The <c>arch=</c> option or <c>Architectures:</c> field, space separated; empty when unset.</param>
internal sealed record AptSource(string BaseUri, string Suite, string Components, string Architectures)
{
    /// <summary>The URI without its scheme, then the suite: what osquery shows as the source's name.</summary>
    public string Name => HostPath + " " + Suite;

    /// <summary>The URI after "://".</summary>
    private string HostPath => BaseUri[(BaseUri.IndexOf("://", StringComparison.Ordinal) + 3)..];

    /// <summary>The prefix apt gives this source's index files under /var/lib/apt/lists: the URI without scheme and
    /// credentials, "dists", the suite, with every '/' turned into '_' (apt's URItoFileName); a flat repository
    /// (suite ending in '/') has no "dists" part.</summary>
    public string ListsPrefix
    {
        get
        {
            var host = HostPath;
            var at = host.IndexOf('@', StringComparison.Ordinal);
            var slash = host.IndexOf('/', StringComparison.Ordinal);
            if (at >= 0 && (slash < 0 || at < slash))
            {
                host = host[(at + 1)..];
            }

            var path = Suite.EndsWith('/') ? host + "/" + Suite.TrimEnd('/') : host + "/dists/" + Suite;
            return path.Replace('/', '_') + "_";
        }
    }

    /// <summary>The "deb" entries of a one-line-style file (sources.list, *.list):
    /// <c>deb [ option=value ... ] uri suite [component ...]</c>. Comments ('#' to the end of the line), deb-src lines,
    /// cdrom: entries (whose bracketed label holds blanks) and URIs without "://" (file:/ and cdrom: media, which osquery
    /// leaves out too) are skipped, as are lines too short to name a suite.</summary>
    public static List<AptSource> ParseList(ReadOnlySpan<byte> text)
    {
        var list = new List<AptSource>();
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var tokens = new Queue<string>(line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));
            if (!tokens.TryDequeue(out var type) || type != "deb")
            {
                continue;
            }

            var architectures = "";
            if (tokens.TryPeek(out var first) && first.StartsWith('['))
            {
                // Options run from '[' to the token holding ']'; "[ arch=amd64 ]" and "[arch=amd64]" are both valid.
                var options = new StringBuilder();
                while (tokens.TryDequeue(out var t))
                {
                    options.Append(' ').Append(t);
                    if (t.Contains(']', StringComparison.Ordinal))
                    {
                        break;
                    }
                }

                foreach (var option in options.ToString().Split([' ', '[', ']'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (option.StartsWith("arch=", StringComparison.Ordinal))
                    {
                        architectures = option[5..].Replace(',', ' ');
                    }
                }
            }

            if (!tokens.TryDequeue(out var uri))
            {
                continue;
            }

            if (uri.StartsWith("cdrom:[", StringComparison.Ordinal) && !uri.Contains(']', StringComparison.Ordinal))
            {
                // The disc label is bracketed and may hold blanks: drop the label's remaining words.
                while (tokens.TryDequeue(out var t) && !t.Contains(']', StringComparison.Ordinal))
                {
                }
            }

            if (!tokens.TryDequeue(out var suite) || !TryBaseUri(uri, out var baseUri))
            {
                continue;
            }

            list.Add(new AptSource(baseUri, suite, string.Join(' ', tokens), architectures));
        }

        return list;
    }

    /// <summary>The "deb" sources of a deb822-style file (*.sources): paragraphs of Types, URIs, Suites, Components,
    /// Architectures and Enabled fields, one source per URI and suite. A paragraph with <c>Enabled: no</c>, without
    /// "deb" among its Types, or without URIs or Suites gives nothing; one cut off before its Enabled field counts as
    /// enabled, as apt itself would read it.</summary>
    public static List<AptSource> ParseDeb822(ReadOnlySpan<byte> text)
    {
        var list = new List<AptSource>();
        foreach (var p in ControlStanza.Parse(text))
        {
            if ((p.TryGetValue("Enabled", out var enabled) && !IsTrue(enabled))
                || !p.TryGetValue("Types", out var types) || !Words(types).Contains("deb")
                || !p.TryGetValue("URIs", out var uris) || !p.TryGetValue("Suites", out var suites))
            {
                continue;
            }

            var components = string.Join(' ', Words(p.GetValueOrDefault("Components", "")));
            var architectures = string.Join(' ', Words(p.GetValueOrDefault("Architectures", "")));
            foreach (var uri in Words(uris))
            {
                if (!TryBaseUri(uri, out var baseUri))
                {
                    continue;
                }

                foreach (var suite in Words(suites))
                {
                    list.Add(new AptSource(baseUri, suite, components, architectures));
                }
            }
        }

        return list;
    }

    /// <summary>apt's boolean spellings (yes/true/with/on/enable, per its StringToBool), so "Enabled: no" or "false"
    /// disables a paragraph.</summary>
    private static bool IsTrue(string value) =>
        value.ToLowerInvariant() is "yes" or "true" or "with" or "on" or "enable" or "1";

    private static string[] Words(string value) => value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static bool TryBaseUri(string uri, out string baseUri)
    {
        baseUri = uri.TrimEnd('/');
        var scheme = baseUri.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0 && baseUri.Length > scheme + 3;
    }
}
