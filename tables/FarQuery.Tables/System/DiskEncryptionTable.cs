// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per block device in /sys/block; device-mapper devices whose dm/uuid starts with <c>CRYPT-</c> are
/// dm-crypt (LUKS) volumes. A Fargate task usually sees no block devices at all, and then the table is empty.</summary>
public sealed partial class DiskEncryptionTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        IEnumerable<string> devices;
        try
        {
            devices = [.. Directory.EnumerateFileSystemEntries(Context.Fs.Resolve("/sys/block")).Select(Path.GetFileName).Where(n => n is not null).Order(StringComparer.Ordinal)!];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        var wanted = query.TextEquals(C.Name);
        foreach (var device in devices)
        {
            var name = "/dev/" + device;
            if (wanted is not null && !wanted.Contains(name))
            {
                continue;
            }

            var dmUuid = Context.Fs.TryReadAllBytes($"/sys/block/{device}/dm/uuid", out var bytes) ? Encoding.UTF8.GetString(bytes).Trim() : "";
            var row = NewRow();
            row.Name = name;
            if (dmUuid.StartsWith("CRYPT-", StringComparison.Ordinal))
            {
                // CRYPT-<TYPE>-<uuid without dashes>-<name>, as cryptsetup names its device-mapper targets.
                var parts = dmUuid.Split('-', 4);
                row.Encrypted = 1L;
                row.Type = parts.Length > 1 ? parts[1].ToLowerInvariant() : "";
                row.Uuid = parts.Length > 2 ? parts[2] : "";
                row.EncryptionStatus = "encrypted";
            }
            else
            {
                row.Encrypted = 0L;
                row.Type = "";
                row.Uuid = "";
                row.EncryptionStatus = "not encrypted";
            }

            yield return row;
        }
    }
}
