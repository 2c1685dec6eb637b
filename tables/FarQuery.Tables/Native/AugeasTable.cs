// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Tables;

/// <summary>Configuration files as augeas trees (libaugeas). The tree's root is the file-system seam's root, so the
/// lenses read the container's files; with <c>path = P</c> only P is loaded (aug_load_file), otherwise every file the
/// lenses cover. Lenses come from <c>--augeas_lenses</c> when set (only from there, as osquery), else from libaugeas's
/// default load path.</summary>
public sealed partial class AugeasTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        NativeLibraries.Require(NativeLibraries.Of(Context).Augeas, Schema.Name);
        var lenses = (Context.Services.Get<FlagValues>() ?? FlagValues.Defaults).Text(FlagCatalog.AugeasLenses);
        using var session = Interop.Augeas.Session.Open(Context.Fs.Root, lenses);
        var paths = query.TextEquals(C.Path);
        foreach (var (pattern, path) in Patterns(session, paths, query.TextEquals(C.Node)))
        {
            foreach (var node in session.Match(pattern))
            {
                var row = NewRow();
                row.Node = node.Path;
                row.Value = node.Value;
                row.Label = node.Label;
                row.Path = path ?? node.Source;
                yield return row;
            }
        }
    }

    /// <summary>What to match, having loaded what it needs: each named file's nodes (a file no lens covers has none),
    /// or the nodes the query names, or every node.</summary>
    private static IEnumerable<(string Pattern, string? Path)> Patterns(Interop.Augeas.Session session, IReadOnlyList<string>? paths, IReadOnlyList<string>? nodes)
    {
        if (paths is not null)
        {
            foreach (var path in paths.Where(p => p.StartsWith('/') && session.LoadFile(p)))
            {
                yield return ("/files" + path + "//*", path);
            }

            yield break;
        }

        session.LoadAll();
        foreach (var node in nodes ?? ["/files//*"])
        {
            yield return (node, null);
        }
    }
}
