// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One row per ACPI table file in /sys/firmware/acpi/tables (DSDT, FACP, APIC, SSDT1, ...): its name, the
/// bytes the kernel returns and their MD5. The sub-directories (<c>data</c>, <c>dynamic</c>) are skipped, as osquery
/// lists only the directory's own files. The files are root-only; a Fargate task normally cannot see them, and then
/// the table is empty.</summary>
public sealed partial class AcpiTablesTable(TableContext context) : Table(context)
{
    private const string Dir = "/sys/firmware/acpi/tables";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        foreach (var name in SysfsDevices.List(fs, Dir))
        {
            var path = $"{Dir}/{name}";
            if (Directory.Exists(fs.Resolve(path)) || !fs.TryReadAllBytes(path, out var bytes))
            {
                continue;
            }

            var md5 = new Md5Hash();
            md5.Append(bytes);
            var row = NewRow();
            row.Name = name;
            row.Size = (long)bytes.Length;
            row.Md5 = Convert.ToHexStringLower(md5.Finish());
            yield return row;
        }
    }
}
