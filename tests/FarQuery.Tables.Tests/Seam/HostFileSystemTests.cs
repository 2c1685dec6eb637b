// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Seam;

public sealed class HostFileSystemTests
{
    [Fact]
    public void ListEntries_SymlinkLoop_ListsTheLinksWithoutFollowing()
    {
        var dir = Directory.CreateTempSubdirectory("fq-walk-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(dir, "d"));
            Directory.CreateSymbolicLink(Path.Join(dir, "d", "up"), "..");
            File.CreateSymbolicLink(Path.Join(dir, "self"), "self");
            var budget = new WalkBudget("file", 100, CancellationToken.None);
            var entries = new HostFileSystem().ListEntries(dir, budget);
            Assert.Equal(["d", "self"], entries.Select(e => e.Name));
            var up = Assert.Single(new HostFileSystem().ListEntries(Path.Join(dir, "d"), budget));
            Assert.True(up.IsDirectory && up.IsSymlink);
            Assert.Equal(3, budget.Taken);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
