// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Process;

public sealed class ProcessOpenFilesTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var path = Path.Join(Path.GetTempPath(), "fq-open-" + Guid.NewGuid().ToString("N"));
        using var held = File.Create(path, 1, FileOptions.DeleteOnClose);
        var result = TableAssert.SelectStarMatchesSpec("process_open_files", $"select * from process_open_files where pid = {Environment.ProcessId}");
        Assert.Contains(result.Rows(), r => (string)r["path"]! == path);
    }

    [Fact]
    public void Query_WhileProcessesChurn_NoErrors()
    {
        Fixtures.WhileProcessesChurn(() => TableAssert.SelectStarMatchesSpec("process_open_files"));
    }

    [Fact]
    public void Query_Debian12_DescriptorsInOrder()
    {
        var rows = Fixtures.Query("debian12", "select fd, path from process_open_files where pid = 4242").Rows();
        Assert.Equal([0L, 3L, 4L, 5L, 6L, 7L, 8L], rows.Select(r => (long)r["fd"]!));
        Assert.Equal("/dev/null", rows[0]["path"]);
        Assert.Equal("socket:[76198]", rows[1]["path"]);
    }

    [Fact]
    public void Query_UnknownPid_NoRows()
    {
        Assert.Empty(Fixtures.Query("debian12", "select * from process_open_files where pid = 999999").Rows);
    }
}
