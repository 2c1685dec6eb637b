// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per structure of the SMBIOS table in /sys/firmware/dmi/tables/DMI, bounded by the length its
/// entry point declares. The files are root-only and absent in most containers (Fargate does not expose them), and
/// then the table is empty; osquery's fallback of scanning /dev/mem is not taken, as a task cannot open it.</summary>
public sealed partial class SmbiosTablesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        if (!fs.TryReadAllBytes("/sys/firmware/dmi/tables/DMI", out var table))
        {
            yield break;
        }

        var length = table.Length;
        if (fs.TryReadAllBytes("/sys/firmware/dmi/tables/smbios_entry_point", out var entry)
            && SmbiosStructures.TableLength(entry) is { } declared && declared < length)
        {
            length = declared;
        }

        foreach (var s in SmbiosStructures.Parse(table.AsSpan(0, length)))
        {
            var md5 = new Md5Hash();
            md5.Append(table.AsSpan(s.Offset, s.Size));
            var row = NewRow();
            row.Number = (long)s.Number;
            row.Type = (long)s.Type;
            row.Description = SmbiosStructures.Describe(s.Type);
            row.Handle = (long)s.Handle;
            row.HeaderSize = (long)s.HeaderSize;
            row.Size = (long)s.Size;
            row.Md5 = Convert.ToHexStringLower(md5.Finish());
            yield return row;
        }
    }
}
