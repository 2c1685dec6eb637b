// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Process;

public sealed class ProcessMemoryMapTableTests
{
    [Fact]
    public void SelectStar_LiveContainer_RowsMatchSpec()
    {
        var result = TableAssert.SelectStarMatchesSpec("process_memory_map", $"select * from process_memory_map where pid = {Environment.ProcessId}");
        Assert.Contains(result.Rows(), r => ((string)r["path"]!).EndsWith("libcoreclr.so", StringComparison.Ordinal));
    }

    [Fact]
    public void Query_Debian12_FileAnonymousAndPseudoMappings()
    {
        var rows = Fixtures.Query("debian12", "select * from process_memory_map where pid = 4242").Rows();
        Assert.Equal(11, rows.Count);
        Assert.Equal(("0x556d6533f000", "0x556d65357000", "r-xp", 0x4000L, "fe:00", 247341L, "/usr/bin/cp", 0L),
            ((string)rows[1]["start"]!, (string)rows[1]["end"]!, (string)rows[1]["permissions"]!, (long)rows[1]["offset"]!, (string)rows[1]["device"]!, (long)rows[1]["inode"]!, (string)rows[1]["path"]!, (long)rows[1]["pseudo"]!));
        Assert.Equal("/tmp/my lib (deleted)", rows[8]["path"]);
        Assert.Equal(("[stack]", 1L), ((string)rows[9]["path"]!, (long)rows[9]["pseudo"]!));
    }

    [Fact]
    public void Query_DamagedMaps_WellFormedLinesOnly()
    {
        var rows = Fixtures.Query("damaged", "select start, path from process_memory_map where pid = 77").Rows();
        Assert.Equal(["/usr/bin/cp", "[sta"], rows.Select(r => (string)r["path"]!));
    }
}
