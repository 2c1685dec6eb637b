// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Network services of /etc/services (man 5 services): name, port/protocol, aliases, # comment.</summary>
public sealed partial class EtcServicesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/etc/services", out var bytes))
        {
            yield break;
        }

        foreach (var (fields, comment) in ConfigLines.Parse(bytes))
        {
            var slash = fields.Length > 1 ? fields[1].IndexOf('/') : -1;
            if (slash <= 0 || !int.TryParse(fields[1].AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                continue;
            }

            var row = NewRow();
            row.Name = fields[0];
            row.Port = port;
            row.Protocol = fields[1][(slash + 1)..];
            row.Aliases = string.Join(' ', fields[2..]);
            row.Comment = comment;
            yield return row;
        }
    }
}
