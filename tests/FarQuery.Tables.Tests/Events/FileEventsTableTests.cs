// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Inotify;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Events;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileEventsTableTests
{
    [Fact]
    public void SelectStar_LivePublisher_RowsMatchSpec()
    {
        var dir = Directory.CreateTempSubdirectory("fim-table-").FullName;
        var context = new TableContext();
        try
        {
            var config = new FimConfiguration().AddPath("tmp", dir + "/%%");
            using (var publisher = new InotifyPublisher(context, config, new FileEventsSubscriber(context)))
            {
                Assert.True(publisher.SetUp());
                publisher.Configure();
                publisher.Start();
                var path = Path.Join(dir, "hello.txt");
                var buffer = context.Events.Buffer(FileEventsTable.Spec, "inotify");
                File.WriteAllText(path, "hi");

                // The UPDATED of the close is handled after the write finished, so it hashes "hi"; delete only then.
                Wait(() => buffer.Snapshot().Any(r => (string?)r[FileEventsTable.C.Action] == "UPDATED" && (string?)r[FileEventsTable.C.Md5] == "49f68a5c8493ec2c0bf489821c21fc3b"));
                File.Delete(path);
                Wait(() => buffer.Snapshot().Any(r => (string?)r[FileEventsTable.C.Action] == "DELETED"));
            }

            var result = TableAssert.SelectStarMatchesSpec("file_events", context: context);
            Assert.Contains(result.Rows, r => (string?)r[0] == Path.Join(dir, "hello.txt") && (string?)r[2] == "CREATED");
            Assert.Contains(result.Rows, r => (string?)r[2] == "DELETED");

            using var host = TableAssert.Host(context);
            var hashed = host.Query($"select md5, hashed from file_events where target_path = '{Path.Join(dir, "hello.txt")}' and action = 'UPDATED' and hashed = 1");
            Assert.Contains(hashed.Rows, r => (string?)r[0] == "49f68a5c8493ec2c0bf489821c21fc3b");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Query_TimeRange_ReturnsOnlyRowsInRange()
    {
        var context = new TableContext();
        var buffer = context.Events.Buffer(FileEventsTable.Spec, "inotify");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (path, time) in new[] { ("/old", now - 100), ("/mid", now - 50), ("/new", now) })
        {
            var row = new object?[FileEventsTable.Spec.Columns.Count];
            row[FileEventsTable.C.TargetPath] = path;
            row[FileEventsTable.C.Action] = "CREATED";
            row[FileEventsTable.C.Time] = time;
            row[FileEventsTable.C.Hashed] = 0L;
            buffer.Add(row);
        }

        using var host = TableAssert.Host(context);
        Assert.Equal(["/mid", "/new"], host.Query($"select target_path from file_events where time >= {now - 50} order by time").Rows.Select(r => (string)r[0]!));
        Assert.Equal(["/old"], host.Query($"select target_path from file_events where time < {now - 50}").Rows.Select(r => (string)r[0]!));
        Assert.Equal(["0000000001", "0000000002", "0000000003"], host.Query("select eid from file_events order by eid").Rows.Select(r => (string)r[0]!));
    }

    [Fact]
    public void Query_NoPublisher_EmptyNotAnError()
    {
        using var host = TableAssert.Host(new TableContext());
        Assert.Empty(host.Query("select * from file_events").Rows);
    }

    private static void Wait(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for file_events rows");
            Thread.Sleep(20);
        }
    }
}
