// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Inotify;

/// <summary>One osquery FIM path pattern, split into components (docs/osquery-compat.md §3.6): <c>%</c> (or <c>*</c>) matches one
/// level, <c>abc%</c>/<c>%abc</c> match within a level, a final <c>%%</c> (or <c>**</c>) matches everything below, and a
/// trailing <c>/</c> means "the entries directly inside". A pattern whose last component is literal matches that path
/// and, when it is a directory, the entries directly inside it (osquery adds the <c>/</c> for an existing directory; we
/// do it whether or not the directory exists yet, so a directory created later behaves the same).</summary>
internal sealed class FimPattern
{
    private FimPattern(string text, Component[] parts, bool recursive, bool leafOrChildren)
    {
        Text = text;
        Parts = parts;
        Recursive = recursive;
        LeafOrChildren = leafOrChildren;
        var literal = 0;
        while (literal < parts.Length && parts[literal].IsLiteral)
        {
            literal++;
        }

        LiteralPrefix = literal;
    }

    /// <summary>The pattern as configured.</summary>
    public string Text { get; }

    /// <summary>Components before any final <c>%%</c>.</summary>
    public Component[] Parts { get; }

    /// <summary>True for a final <c>%%</c>: every path strictly below <see cref="Parts"/> matches.</summary>
    public bool Recursive { get; }

    /// <summary>True when the last component is literal: the path itself and its direct entries match.</summary>
    public bool LeafOrChildren { get; }

    /// <summary>How many leading components are literal.</summary>
    public int LiteralPrefix { get; }

    /// <summary>Parses a pattern. <paramref name="partialWildcards"/> is false for <c>exclude_paths</c>, where osquery
    /// takes a component like <c>xyz%</c> literally and only whole-component <c>%</c>/<c>%%</c> are wildcards.</summary>
    public static bool TryParse(string text, bool partialWildcards, out FimPattern? pattern, out string error)
    {
        pattern = null;
        if (string.IsNullOrWhiteSpace(text) || text[0] != '/')
        {
            error = $"'{text}' is not an absolute path (homes must be written /home/%, not ~)";
            return false;
        }

        var raw = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<Component>(raw.Length + 1);
        var recursive = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is "%%" or "**")
            {
                if (i != raw.Length - 1)
                {
                    error = $"'{text}': '%%' is only allowed as the last component";
                    return false;
                }

                recursive = true;
                continue;
            }

            if (c is "." or "..")
            {
                error = $"'{text}': '.' and '..' components are not allowed";
                return false;
            }

            parts.Add(Component.Parse(c, partialWildcards));
        }

        var trailingSlash = text.EndsWith('/') && !recursive;
        if (trailingSlash)
        {
            parts.Add(Component.Parse("%", partialWildcards: true));
        }

        var leafOrChildren = !recursive && parts.Count > 0 && parts[^1].IsLiteral;
        pattern = new FimPattern(text, [.. parts], recursive, leafOrChildren);
        error = "";
        return true;
    }

    /// <summary>True when the absolute path (split into components) matches.</summary>
    public bool Matches(ReadOnlySpan<string> path)
    {
        var n = Parts.Length;
        if (path.Length < n)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            if (!Parts[i].Matches(path[i]))
            {
                return false;
            }
        }

        return Recursive ? path.Length > n : path.Length == n || (LeafOrChildren && path.Length == n + 1);
    }

    /// <summary>True when a directory at depth <paramref name="depth"/> whose path matches the first components can
    /// contain matching entries: the directories inotify must watch to report them.</summary>
    public bool CanMatchChildren(int depth) =>
        Recursive ? depth >= Parts.Length : depth == Parts.Length - 1 || (LeafOrChildren && depth == Parts.Length);

    /// <summary>True when an entry named <paramref name="name"/> directly inside a directory at <paramref name="depth"/>
    /// (already matching the pattern's prefix) matches the pattern.</summary>
    public bool ChildMatches(int depth, string name)
    {
        var n = Parts.Length;
        if (Recursive)
        {
            return depth >= n;
        }

        return (depth == n - 1 && Parts[n - 1].Matches(name)) || (LeafOrChildren && depth == n);
    }

    /// <summary>True when a sub-directory <paramref name="name"/> of a directory at <paramref name="depth"/> (already
    /// matching the prefix) needs a watch: it is on the way to the pattern's targets or is one.</summary>
    public bool SubdirectoryNeedsWatch(int depth, string name)
    {
        var n = Parts.Length;
        var child = depth + 1;
        if (child <= n - 1)
        {
            return Parts[child - 1].Matches(name);
        }

        if (child == n)
        {
            return (Recursive || LeafOrChildren) && Parts[n - 1].Matches(name);
        }

        return Recursive;
    }

    /// <summary>The absolute path of the first <paramref name="depth"/> components (all literal).</summary>
    public string PrefixPath(int depth) => "/" + string.Join('/', Parts.Take(depth).Select(p => p.Text));

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>One path component: a literal name or a glob made of literal segments around <c>%</c>/<c>*</c>.</summary>
    internal sealed class Component
    {
        private readonly string[]? segments;

        private Component(string text, string[]? segments)
        {
            Text = text;
            this.segments = segments;
        }

        /// <summary>The component as written.</summary>
        public string Text { get; }

        /// <summary>True when it has no wildcard.</summary>
        public bool IsLiteral => segments is null;

        /// <summary>Parses one component.</summary>
        public static Component Parse(string text, bool partialWildcards)
        {
            var wild = text is "%" or "*" || (partialWildcards && text.AsSpan().IndexOfAny('%', '*') >= 0);
            return new Component(text, wild ? text.Split('%', '*') : null);
        }

        /// <summary>True when <paramref name="name"/> matches.</summary>
        public bool Matches(string name)
        {
            if (segments is null)
            {
                return string.Equals(Text, name, StringComparison.Ordinal);
            }

            // segments[0] must start the name, segments[^1] must end it, the middle ones appear in order between.
            var s = name.AsSpan();
            if (!s.StartsWith(segments[0], StringComparison.Ordinal))
            {
                return false;
            }

            s = s[segments[0].Length..];
            for (var i = 1; i < segments.Length - 1; i++)
            {
                var at = s.IndexOf(segments[i], StringComparison.Ordinal);
                if (at < 0)
                {
                    return false;
                }

                s = s[(at + segments[i].Length)..];
            }

            return s.EndsWith(segments[^1], StringComparison.Ordinal);
        }
    }
}
