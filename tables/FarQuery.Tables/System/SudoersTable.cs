// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The rules of /etc/sudoers and everything it includes. Include directives give their own row and are then
/// followed in place: a relative path is read from the including file's directory, and of an included directory only
/// the files whose names neither contain '.' nor end in '~' are read (man 5 sudoers, "Including other files from
/// within sudoers"). Nesting stops at sudo's limit of 128 files, which also ends include loops.</summary>
public sealed partial class SudoersTable(TableContext context) : Table(context)
{
    /// <summary>sudoers(5): no more than 128 files may be nested.</summary>
    private const int MaxNesting = 128;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var budget = WalkBudget.For(Schema.Name, query);
        var rows = new List<object?[]>();
        Read("/etc/sudoers", 1, budget, rows);
        return rows;
    }

    /// <summary>Adds the rows of one file, recursing into its includes.</summary>
    private void Read(string file, int depth, WalkBudget budget, List<object?[]> rows)
    {
        if (depth > MaxNesting || !Context.Fs.TryReadAllBytes(file, out var bytes))
        {
            return;
        }

        foreach (var line in SudoersLine.Parse(bytes))
        {
            var row = NewRow();
            row.Source = file;
            row.Header = line.Header;
            row.RuleDetails = line.Details;
            rows.Add(row);
            if (!line.IsInclude && !line.IsIncludeDir)
            {
                continue;
            }

            var target = line.Details.StartsWith('/') ? line.Details : Path.Join(Path.GetDirectoryName(file), line.Details);
            if (line.IsInclude)
            {
                Read(target, depth + 1, budget, rows);
                continue;
            }

            foreach (var entry in Context.Fs.ListEntries(target, budget))
            {
                if (!entry.IsDirectory && !entry.Name.Contains('.') && !entry.Name.EndsWith('~'))
                {
                    Read(Path.Join(target, entry.Name), depth + 1, budget, rows);
                }
            }
        }
    }
}
