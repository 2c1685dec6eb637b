// SPDX-License-Identifier: Apache-2.0
using Microsoft.Data.Sqlite;

namespace FarQuery.Tables;

/// <summary>Installed RPM packages from the SQLite rpmdb. Each row of its <c>Packages</c> table is one header blob,
/// parsed by <see cref="RpmHeader"/>; a blob that does not parse is skipped, the others still give rows.</summary>
[RowSource(typeof(RpmHeader))]
public sealed partial class RpmPackagesTable(TableContext context) : Table(context)
{
    // rpm 4.16+ keeps the database in /usr/lib/sysimage/rpm on Fedora and links /var/lib/rpm to it; Amazon Linux 2023
    // keeps it in /var/lib/rpm. The first that exists is read, so a link between them does not double the rows.
    internal static readonly string[] DatabasePaths = ["/var/lib/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/rpmdb.sqlite"];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var path = DatabasePaths.FirstOrDefault(p => PackageFiles.IsFile(Context.Fs, p));
        if (path is null)
        {
            yield break;
        }

        var names = query.TextEquals(C.Name);
        foreach (var blob in ReadBlobs(Context.Fs.Resolve(path), Schema.Name))
        {
            if (!RpmHeader.TryParse(blob, out var h) || (names is not null && !names.Contains(h.Name)))
            {
                continue;
            }

            var row = RowFrom(h);
            row.Source = h.SourceRpm;
            row.PackageGroup = h.Group;
            yield return row;
        }
    }

    /// <summary>All header blobs, read up front so the database is closed before rows are handed to SQL. Read-only and
    /// unpooled: the agent must never lock or write the package manager's database. Shared with rpm_package_files;
    /// <paramref name="table"/> names the table in the error.</summary>
    internal static List<byte[]> ReadBlobs(string realPath, string table)
    {
        var blobs = new List<byte[]>();
        var builder = new SqliteConnectionStringBuilder { DataSource = realPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select blob from Packages";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0))
                {
                    blobs.Add((byte[])reader.GetValue(0));
                }
            }
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"{table}: cannot read {realPath}: {e.Message}", e);
        }

        return blobs;
    }
}
