// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using FarQuery.Core;

namespace FarQuery.Sql.Tests;

public sealed class PidWithNamespaceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fq-pidns-").FullName;

    /// <summary>A table that reads one file through the file-system seam and reports the seam's root.</summary>
    private sealed class SeamTable(TableContext context) : Table(context)
    {
        public static readonly TableSchema Spec = new("seam", "reads a file through the seam", [
            new ColumnSchema("path", ColumnType.Text, ColumnOptions.Additional, "file to read"),
            new ColumnSchema("content", ColumnType.Text, ColumnOptions.None, "its content"),
            new ColumnSchema("root", ColumnType.Text, ColumnOptions.None, "the seam's root"),
            new ColumnSchema("pid_with_namespace", ColumnType.Integer, ColumnOptions.Additional | ColumnOptions.Hidden, "pid"),
            new ColumnSchema("mount_namespace_id", ColumnType.Text, ColumnOptions.Hidden, "namespace"),
        ]);

        public override TableSchema Schema => Spec;

        public override IEnumerable<object?[]> Generate(QueryContext query)
        {
            foreach (var path in query.TextEquals(0) ?? [])
            {
                var row = new object?[Spec.Columns.Count];
                row[0] = path;
                row[1] = Context.Fs.TryReadAllBytes(path, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
                row[2] = Context.Fs.Root;
                yield return row;
            }
        }
    }

    private static SqlHost Host() => new([new TableRegistration(SeamTable.Spec, c => new SeamTable(c))], new TableContext());

    private static string Pid => Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Query_OwnPid_ReadsThroughProcRootAndStampsTheMountNamespace()
    {
        var file = Path.Join(directory, "probe.txt");
        File.WriteAllText(file, "seen");
        using var host = Host();

        var row = host.Query($"select content, root, pid_with_namespace, mount_namespace_id from seam where path = '{file}' and pid_with_namespace = {Pid}").Rows.Single();

        var link = new FileInfo("/proc/self/ns/mnt").LinkTarget!;
        Assert.Equal("seen", row[0]);
        Assert.Equal($"/proc/{Pid}/root", row[1]);
        Assert.Equal((long)Environment.ProcessId, row[2]);
        Assert.Equal(link[(link.IndexOf('[') + 1)..^1], row[3]);
        Assert.Matches("^[0-9]+$", (string)row[3]!);
    }

    [Fact]
    public void Query_WithoutPidWithNamespace_ReadsTheAgentsRootWithPidZero()
    {
        var file = Path.Join(directory, "probe.txt");
        File.WriteAllText(file, "own");
        using var host = Host();

        var row = host.Query($"select content, root, pid_with_namespace, mount_namespace_id from seam where path = '{file}'").Rows.Single();

        Assert.Equal(new object?[] { "own", "/", 0L, null }, row);
    }

    [Fact]
    public void Query_PidThatDoesNotExist_ReturnsNoRows()
    {
        using var host = Host();

        // Above the kernel's pid_max ceiling (2^22), so no process can have it.
        Assert.Empty(host.Query("select * from seam where path = '/etc/hostname' and pid_with_namespace = 99999999").Rows);
        Assert.Empty(host.Query("select * from seam where path = '/etc/hostname' and pid_with_namespace = -1").Rows);
    }

    [Fact]
    public void Query_SelectStar_HidesBothColumns()
    {
        using var host = Host();

        var result = host.Query("select * from seam where path = '/etc/hostname'");

        Assert.Equal(["path", "content", "root"], result.Columns);
    }

    [Theory]
    [InlineData("mnt:[4026531840]", "4026531840")]
    [InlineData("4026531840", "4026531840")]
    [InlineData("", "")]
    public void NamespaceId_LinkTarget_GivesTheInode(string link, string expected) =>
        Assert.Equal(expected, PidWithNamespace.NamespaceId(link));
}
