// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>YARA scans of the files a query names, with libyara (no engine of FarQuery's own). Each rule source the
/// query gives — a config signature group, a rule file, inline rule text — is compiled once and gives one row per
/// scanned file, with the source echoed in its column as osquery does. Only regular files of ordinary file systems
/// are scanned (the bounded open checks first); libyara maps the file itself.</summary>
public sealed partial class YaraTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        NativeLibraries.Require(NativeLibraries.Of(Context).Yara, Schema.Name);
        if (query.TextEquals(C.Sigurl) is { Count: > 0 })
        {
            throw new InvalidOperationException("yara: sigurl is not supported (FarQuery fetches no rules); use sig_group, sigfile or sigrule");
        }

        var sources = Sources(query).ToList();
        if (sources.Count == 0)
        {
            throw new InvalidOperationException("yara: the query needs sig_group, sigfile or sigrule");
        }

        var targets = FilePatterns.Expand(Context.Fs, query, C.Path, -1, Schema.Name)
            .Where(t => NativeFiles.IsScannable(Context.Fs, t.Path, query.Cancellation))
            .ToList();
        var config = Context.Services.Get<YaraConfiguration>() ?? new YaraConfiguration();
        foreach (var (column, value) in sources)
        {
            var owned = column == C.SigGroup ? null : Interop.Yara.RuleSet.Compile([(column == C.Sigfile ? YaraConfiguration.ReadRuleFile(value) : value, value)]);
            var rules = owned ?? config.Group(value);
            try
            {
                foreach (var target in targets)
                {
                    query.Cancellation.ThrowIfCancellationRequested();
                    var scan = rules.ScanFile(Context.Fs.Resolve(target.Path), out var error)
                        ?? throw new InvalidOperationException($"yara: cannot scan {target.Path}: {error}");
                    var row = NewRow();
                    row.Path = target.Path;
                    ((object?[])row)[column] = value;
                    row.Matches = scan.MatchesText;
                    row.Count = scan.Matches.Count;
                    row.Strings = scan.StringsText;
                    row.Tags = scan.TagsText;
                    yield return row;
                }
            }
            finally
            {
                owned?.Dispose();
            }
        }
    }

    private static IEnumerable<(int Column, string Value)> Sources(QueryContext query) =>
        new[] { C.SigGroup, C.Sigfile, C.Sigrule }.SelectMany(c => (query.TextEquals(c) ?? []).Select(v => (c, v)));
}
