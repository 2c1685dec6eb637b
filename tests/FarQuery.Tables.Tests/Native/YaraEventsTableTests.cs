// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Inotify;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Native;

public sealed class YaraEventsTableTests
{
    [Fact]
    public void SelectStar_FileWrittenUnderWatchedCategory_ScannedByTheFimPublisher()
    {
        if (!NativeTableAssert.Loaded(Interop.Yara.Library))
        {
            return;
        }

        var dir = Directory.CreateTempSubdirectory("yara-events-").FullName;
        var context = new TableContext();
        var rules = Path.Join(Fixtures.Root(NativeTableAssert.Scenario), "rules", "fixture.yar");
        context.Services.Set(YaraConfiguration.FromJson($$$"""{"signatures": {"fixtures": ["{{{rules}}}"]}, "file_paths": {"drop": ["fixtures"]}}"""));
        try
        {
            var fim = new FimConfiguration().AddPath("drop", dir + "/%%").AddPath("other", dir + "/%%");
            using (var publisher = new InotifyPublisher(context, fim, new FileEventsSubscriber(context)))
            {
                publisher.Subscribe(new YaraEventsSubscriber(context));
                Assert.True(publisher.SetUp());
                publisher.Configure();
                publisher.Start();
                File.WriteAllText(Path.Join(dir, "dropped.bin"), "payload FARQUERY-YARA-FIXTURE");
                var buffer = context.Events.Buffer(YaraEventsTable.Spec, InotifyPublisher.PublisherName);
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!buffer.Snapshot().Any(r => (long?)r[YaraEventsTable.C.Count] == 1) && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(20);
                }
            }

            var rows = TableAssert.SelectStarMatchesSpec("yara_events", context: context).Rows();
            Assert.Contains(rows, r => (string?)r["target_path"] == Path.Join(dir, "dropped.bin") && (string?)r["matches"] == "fixture_marker"
                && (string?)r["strings"] == "$marker:8" && (string?)r["tags"] == "fixture,test" && (string?)r["category"] == "drop");

            // Only the category the yara section names is scanned, though FIM reports the file under both.
            Assert.DoesNotContain(rows, r => (string?)r["category"] == "other");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Query_NoPublisher_EmptyNotAnError()
    {
        TableAssert.SelectStarMatchesSpec("yara_events", context: new TableContext(), expect: Expect.NoRows);
    }
}
