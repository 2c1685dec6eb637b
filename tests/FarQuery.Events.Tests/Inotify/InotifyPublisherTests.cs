// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using FarQuery.Core;
using FarQuery.Events.Inotify;

namespace FarQuery.Events.Tests.Inotify;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class InotifyPublisherTests
{
    private static readonly (string Md5, string Sha1, string Sha256) Empty = FimFixture.Hashes("");

    private static FimFixture Watch(string pattern = "watched/%%", Action<FimConfiguration, string>? more = null, TableContext? context = null)
    {
        return new FimFixture(
            (c, root) =>
            {
                Directory.CreateDirectory(Path.Join(root, "watched"));
                c.AddPath("fim", Path.Join(root, pattern));
                more?.Invoke(c, root);
            },
            context);
    }

    [Fact]
    public void Create_EmptyFile_CreatedAndUpdatedWithHashesAndStat()
    {
        using var f = Watch();
        var path = f.P("watched/a.txt");
        FimFixture.CreateFile(path);

        var rows = f.Settle();
        Assert.Equal(["CREATED", "UPDATED"], rows.Select(r => r.Action));
        foreach (var r in rows)
        {
            Assert.Equal(path, r.Path);
            Assert.Equal("fim", r.Category);
            Assert.Equal(0, r.TransactionId);
            Assert.Equal(1, r.Hashed);
            Assert.Equal(Empty.Md5, r.Md5);
            Assert.Equal(Empty.Sha1, r.Sha1);
            Assert.Equal(Empty.Sha256, r.Sha256);
            Assert.Equal(0, r.Size);
            Assert.NotNull(r.Inode);
            Assert.Matches("^[0-7]{4}$", r.Mode);
            Assert.Null(r.Pid);
            Assert.Null(r.Executable);
        }
    }

    [Fact]
    public void CatchUp_AfterManyWrites_EveryQueuedEventIsInTheBufferOnReturn()
    {
        using var f = Watch();
        var paths = Enumerable.Range(0, 200).Select(i => f.P($"watched/f{i}.txt")).ToList();
        foreach (var p in paths)
        {
            FimFixture.CreateFile(p);
        }

        // No waiting after CatchUp: what the kernel had queued when it was called must already be rows.
        Assert.True(f.Publisher.CatchUp(TimeSpan.FromSeconds(30)));
        var created = f.All().Where(r => r.Action == "CREATED").Select(r => r.Path).ToHashSet();
        Assert.All(paths, p => Assert.Contains(p, created));
    }

    [Fact]
    public void CatchUp_NotStarted_ReturnsFalseAtOnce()
    {
        using var f = new FimFixture(start: false);
        Assert.False(f.Publisher.CatchUp(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Append_ExistingFile_TwoUpdatedRowsWithContentHashes()
    {
        using var f = Watch();
        var path = f.P("watched/a.txt");
        FimFixture.CreateFile(path);
        f.Settle();

        FimFixture.Append(path, "hello fim\n");
        var rows = f.Settle();
        var expected = FimFixture.Hashes("hello fim\n");

        // IN_MODIFY and IN_CLOSE_WRITE both map to UPDATED (osquery's mask table).
        Assert.Equal(["UPDATED", "UPDATED"], rows.Select(r => r.Action));
        Assert.All(rows, r =>
        {
            Assert.Equal(path, r.Path);
            Assert.Equal(1, r.Hashed);
            Assert.Equal(expected.Md5, r.Md5);
            Assert.Equal(expected.Sha1, r.Sha1);
            Assert.Equal(expected.Sha256, r.Sha256);
            Assert.Equal(10, r.Size);
        });
    }

    [Fact]
    public void Chmod_File_AttributesModifiedWithNewModeAndNoHash()
    {
        using var f = Watch();
        var path = f.P("watched/key");
        FimFixture.CreateFile(path);
        f.Settle();

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var row = Assert.Single(f.Settle());
        Assert.Equal("ATTRIBUTES_MODIFIED", row.Action);
        Assert.Equal(path, row.Path);
        Assert.Equal("0600", row.Mode);
        Assert.Equal(0, row.Hashed);
        Assert.Null(row.Md5);
    }

    [Fact]
    public void Rename_WithinDirectory_MovedFromAndMovedToShareTheCookie()
    {
        using var f = Watch();
        var from = f.P("watched/old.conf");
        var to = f.P("watched/new.conf");
        FimFixture.CreateFile(from);
        f.Settle();

        Rename(from, to);
        var rows = f.Settle();
        Assert.Equal([("MOVED_FROM", from), ("MOVED_TO", to)], rows.Select(r => (r.Action, r.Path)));
        Assert.NotEqual(0, rows[0].TransactionId);
        Assert.Equal(rows[0].TransactionId, rows[1].TransactionId);
        Assert.Null(rows[0].Inode);
        Assert.NotNull(rows[1].Inode);
    }

    [Fact]
    public void Rename_AcrossWatchedDirectories_PairedAcrossCategories()
    {
        using var f = Watch("watched/%", (c, root) =>
        {
            Directory.CreateDirectory(Path.Join(root, "other"));
            c.AddPath("other", Path.Join(root, "other/%"));
        });
        var from = f.P("watched/x");
        var to = f.P("other/x");
        FimFixture.CreateFile(from);
        f.Settle();

        Rename(from, to);
        var rows = f.Settle();
        Assert.Equal([("MOVED_FROM", from, "fim"), ("MOVED_TO", to, "other")], rows.Select(r => (r.Action, r.Path, r.Category)));
        Assert.Equal(rows[0].TransactionId, rows[1].TransactionId);
    }

    [Fact]
    public void Rename_OutOfTheWatchedTree_OnlyMovedFrom()
    {
        using var f = Watch();
        Directory.CreateDirectory(f.P("outside"));
        var from = f.P("watched/x");
        FimFixture.CreateFile(from);
        f.Settle();

        Rename(from, f.P("outside/x"));
        var row = Assert.Single(f.Settle());
        Assert.Equal(("MOVED_FROM", from), (row.Action, row.Path));
    }

    [Fact]
    public void Delete_File_DeletedWithoutStatOrHash()
    {
        using var f = Watch();
        var path = f.P("watched/gone");
        FimFixture.CreateFile(path, "x");
        f.Settle();

        File.Delete(path);
        var row = Assert.Single(f.Settle());
        Assert.Equal(("DELETED", path), (row.Action, row.Path));
        Assert.Null(row.Inode);
        Assert.Equal(0, row.Hashed);
    }

    [Fact]
    public void NewSubdirectory_ThenFileInside_BothReportedAndWatched()
    {
        using var f = Watch();
        var before = f.Publisher.WatchCount;
        var dir = f.P("watched/sub");
        Directory.CreateDirectory(dir);
        var row = Assert.Single(f.Settle());
        Assert.Equal(("CREATED", dir, 0L), (row.Action, row.Path, row.Hashed));
        Assert.Equal(before + 1, f.Publisher.WatchCount);

        var file = f.P("watched/sub/inner.txt");
        FimFixture.CreateFile(file, "inner");
        var rows = f.Settle();
        Assert.Equal(["CREATED", "UPDATED", "UPDATED"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(file, r.Path));
        Assert.Equal(FimFixture.Hashes("inner").Sha256, rows[^1].Sha256);
    }

    [Fact]
    public void NewTree_FilledAtOnce_EveryEntryCreatedExactlyOnce()
    {
        using var f = Watch();
        var deep = f.P("watched/a/b/c");
        Directory.CreateDirectory(deep);
        FimFixture.CreateFile(Path.Join(deep, "f1"), "1");
        FimFixture.CreateFile(f.P("watched/a/f2"), "2");

        // Whether a file beat our watch (found by the scan) or not (seen by inotify), it is CREATED once.
        var created = f.Settle().Where(r => r.Action == "CREATED").Select(r => r.Path).ToList();
        Assert.Equal(
            new[] { "watched/a", "watched/a/b", "watched/a/b/c", "watched/a/b/c/f1", "watched/a/f2" }.Select(f.P).Order(),
            created.Order());

        FimFixture.CreateFile(Path.Join(deep, "later"));
        Assert.Contains(f.Settle(), r => r.Path == Path.Join(deep, "later") && r.Action == "CREATED");
    }

    [Fact]
    public void DeleteDirectory_DropsItsWatch()
    {
        using var f = Watch();
        Directory.CreateDirectory(f.P("watched/tmpdir"));
        f.Settle();
        var before = f.Publisher.WatchCount;

        Directory.Delete(f.P("watched/tmpdir"));
        var row = Assert.Single(f.Settle());
        Assert.Equal(("DELETED", f.P("watched/tmpdir")), (row.Action, row.Path));
        FimFixture.WaitUntil(() => f.Publisher.WatchCount == before - 1, "the watch of the deleted directory to be dropped");
    }

    [Fact]
    public void MoveDirectory_WithinTree_NewPathReported()
    {
        using var f = Watch();
        Directory.CreateDirectory(f.P("watched/d1"));
        f.Settle();

        Directory.Move(f.P("watched/d1"), f.P("watched/d2"));
        Assert.Equal(["MOVED_FROM", "MOVED_TO"], f.Settle().Select(r => r.Action));

        FimFixture.CreateFile(f.P("watched/d2/x"));
        Assert.Equal([f.P("watched/d2/x"), f.P("watched/d2/x")], f.Settle().Select(r => r.Path));
    }

    [Fact]
    public void MoveDirectory_OutOfTree_ItsWatchesDropped()
    {
        using var f = Watch();
        Directory.CreateDirectory(f.P("outside"));
        Directory.CreateDirectory(f.P("watched/d/e"));
        f.Settle();
        var before = f.Publisher.WatchCount;

        Directory.Move(f.P("watched/d"), f.P("outside/d"));
        var row = Assert.Single(f.Settle());
        Assert.Equal(("MOVED_FROM", f.P("watched/d")), (row.Action, row.Path));
        Assert.Equal(before - 2, f.Publisher.WatchCount);

        FimFixture.CreateFile(f.P("outside/d/e/x"));
        Assert.Empty(f.Settle());
    }

    [Fact]
    public void BaseDirectoryDeleted_ReanchoredOnParent_PickedUpWhenRecreated()
    {
        using var f = Watch("base/x/%%", (_, root) => Directory.CreateDirectory(Path.Join(root, "base/x")));
        Assert.DoesNotContain(f.Publisher.Problems, p => p.Contains("does not exist yet", StringComparison.Ordinal));

        Directory.Delete(f.P("base/x"));
        FimFixture.WaitUntil(() => f.Publisher.Problems.Any(p => p.Contains("does not exist yet", StringComparison.Ordinal)), "the missing base to be reported");
        Directory.CreateDirectory(f.P("base/x"));
        f.Settle();

        FimFixture.CreateFile(f.P("base/x/back"));
        Assert.Equal([("CREATED", f.P("base/x/back")), ("UPDATED", f.P("base/x/back"))], f.Settle().Select(r => (r.Action, r.Path)));
    }

    [Fact]
    public void ExcludePaths_ExcludedFileAndTree_NoRowsAndNoWatch()
    {
        using var f = Watch(more: (c, root) =>
        {
            Directory.CreateDirectory(Path.Join(root, "watched/noisy/deep"));
            c.Exclude("fim", Path.Join(root, "watched/noisy/%%"));
            c.Exclude("fim", Path.Join(root, "watched/secret.txt"));
        });

        // sentinel/ and watched/: everything below watched/noisy is excluded, so noisy/ and deep/ need no watch.
        Assert.Equal(2, f.Publisher.WatchCount);
        FimFixture.CreateFile(f.P("watched/noisy/deep/x"));
        FimFixture.CreateFile(f.P("watched/noisy/y"));
        FimFixture.CreateFile(f.P("watched/secret.txt"));
        FimFixture.CreateFile(f.P("watched/kept.txt"));

        var rows = f.Settle();
        Assert.Equal([f.P("watched/kept.txt"), f.P("watched/kept.txt")], rows.Select(r => r.Path));
    }

    [Fact]
    public void FileAccesses_ReadFile_OpenedAndAccessedWithoutHashes()
    {
        using var f = Watch(more: (c, _) => c.TrackAccesses("fim"));
        var path = f.P("watched/read-me");
        FimFixture.CreateFile(path, "data");
        var created = f.Settle();
        Assert.Equal(["CREATED", "OPENED", "UPDATED", "UPDATED"], created.Select(r => r.Action));
        Assert.All(created, r => Assert.Equal(0, r.Hashed));

        _ = File.ReadAllBytes(path);
        Assert.Equal(["OPENED", "ACCESSED"], f.Settle().Select(r => r.Action));
    }

    [Fact]
    public void NonAccessCategory_ReadFile_NoRows()
    {
        using var f = Watch();
        var path = f.P("watched/read-me");
        FimFixture.CreateFile(path, "data");
        f.Settle();

        _ = File.ReadAllBytes(path);
        Assert.Empty(f.Settle());
    }

    [Fact]
    public void RecentWrites_RecordedWriter_FillsPidAndExecutable()
    {
        var context = new TableContext();
        var recent = new RecentWrites();
        context.Services.Set(recent);
        using var f = Watch(context: context);
        var path = f.P("watched/attributed");
        recent.Record(path, 4242, "/usr/bin/evil");
        FimFixture.CreateFile(path);
        FimFixture.CreateFile(f.P("watched/unattributed"));

        var rows = f.Settle();
        Assert.All(rows.Where(r => r.Path == path), r => Assert.Equal((4242L, "/usr/bin/evil"), (r.Pid!.Value, r.Executable)));
        Assert.All(rows.Where(r => r.Path != path), r => Assert.Null(r.Pid));
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public void HashCaps_FileOverSizeCap_HashedZero()
    {
        using var f = Watch(more: (c, _) => c.MaxHashFileBytes = 4);
        var path = f.P("watched/big");
        FimFixture.CreateFile(path);
        f.Settle();

        // Written after the CREATED row was handled, so every row of this step sees the 20 bytes.
        FimFixture.Append(path, "more than four bytes");
        var rows = f.Settle();
        Assert.Equal(["UPDATED", "UPDATED"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((0L, (string?)null), (r.Hashed, r.Md5)));
        Assert.True(f.Publisher.HashesSkipped > 0);
    }

    [Fact]
    public void HashCaps_RateCapReached_LaterFilesHashedZero()
    {
        // A clock that never moves keeps every hash in one rate window, so the cap is deterministic.
        var context = new TableContext { Time = new FrozenTime() };
        using var f = Watch(more: (c, _) => c.MaxHashesPerSecond = 1, context: context);
        FimFixture.CreateFile(f.P("watched/one"), "1");
        f.Settle();
        FimFixture.CreateFile(f.P("watched/two"), "2");
        var rows = f.Settle();
        Assert.All(rows, r => Assert.Equal(0, r.Hashed));
        Assert.Contains("not hashed", f.Publisher.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPath_WatchesNearestParent_PicksItUpWhenCreated()
    {
        using var f = Watch("later/x/%%");
        Assert.Contains(f.Publisher.Problems, p => p.Contains("does not exist yet", StringComparison.Ordinal) && p.Contains(f.P("later/x"), StringComparison.Ordinal));
        Assert.Contains("does not exist yet", Status(f.Context).Message, StringComparison.Ordinal);

        Directory.CreateDirectory(f.P("later/x"));
        f.Settle();
        var file = f.P("later/x/config");
        FimFixture.CreateFile(file);
        Assert.Equal([("CREATED", file), ("UPDATED", file)], f.Settle().Select(r => (r.Action, r.Path)));
        Assert.DoesNotContain(f.Publisher.Problems, p => p.Contains("does not exist yet", StringComparison.Ordinal));
    }

    [Fact]
    public void GlobMatchingNothing_Reported_ThenPickedUp()
    {
        using var f = Watch("homes/%/.ssh/%", (_, root) => Directory.CreateDirectory(Path.Join(root, "homes")));
        Assert.Contains(f.Publisher.Problems, p => p.Contains("matches nothing yet", StringComparison.Ordinal));

        Directory.CreateDirectory(f.P("homes/alice/.ssh"));
        f.Settle();
        var keys = f.P("homes/alice/.ssh/authorized_keys");
        FimFixture.CreateFile(keys, "ssh-ed25519 AAAA");
        var rows = f.Settle();
        Assert.Equal(["CREATED", "UPDATED", "UPDATED"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(keys, r.Path));
        Assert.DoesNotContain(f.Publisher.Problems, p => p.Contains("matches nothing yet", StringComparison.Ordinal));
    }

    [Fact]
    public void BadPattern_Reported_OtherPatternsStillWork()
    {
        using var f = Watch(more: (c, root) =>
        {
            c.AddPath("bad", "relative/path");
            c.AddPath("bad", Path.Join(root, "%%/x"));
        });
        Assert.Equal(2, f.Publisher.Problems.Count(p => p.Contains("'bad'", StringComparison.Ordinal)));
        FimFixture.CreateFile(f.P("watched/ok"));
        Assert.Equal(2, f.Settle().Count);
    }

    [Fact]
    public void WatchLimit_Reached_CountedReportedAndRestWorks()
    {
        using var f = Watch(more: (c, root) =>
        {
            for (var i = 0; i < 5; i++)
            {
                Directory.CreateDirectory(Path.Join(root, "watched", "d" + i));
            }

            // sentinel + watched + two of the five sub-directories.
            c.MaxWatches = 4;
        });
        Assert.Equal(4, f.Publisher.WatchCount);
        Assert.Equal(3, f.Publisher.Unwatched);
        Assert.Contains(f.Publisher.Problems, p => p.Contains("watch limit reached", StringComparison.Ordinal));
        Assert.Contains("3 directories could not be watched", Status(f.Context).Message, StringComparison.Ordinal);

        FimFixture.CreateFile(f.P("watched/top"));
        Assert.Equal(2, f.Settle().Count);
    }

    [Fact]
    public void PermissionDenied_Reported_RestWorks()
    {
        var isRoot = Environment.UserName == "root";
        using var f = new FimFixture(start: false, configure: (c, root) =>
        {
            Directory.CreateDirectory(Path.Join(root, "watched"));
            Directory.CreateDirectory(Path.Join(root, "private/inner"));
            File.SetUnixFileMode(Path.Join(root, "private"), isRoot ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.None);
            c.AddPath("fim", Path.Join(root, "watched/%"));
            c.AddPath("private", Path.Join(root, "private/inner/%"));
        });
        Assert.True(f.Publisher.SetUp());

        // As root, DAC never says no; setfsuid to nobody on a thread of our own drops the file-system capabilities for
        // that thread only (man 2 setfsuid; capabilities(7) "Effect of user ID changes on capabilities").
        var thread = new Thread(() =>
        {
            var old = isRoot ? setfsuid(65534) : 0;
            try
            {
                f.Publisher.Configure();
            }
            finally
            {
                if (isRoot)
                {
                    setfsuid(old);
                }
            }
        });
        thread.Start();
        thread.Join();
        f.Publisher.Start();

        Assert.Contains(f.Publisher.Problems, p => p == $"permission denied watching {f.P("private")}; its events are not reported");
        Assert.Equal(1, f.Publisher.Unwatched);
        Assert.Contains("permission denied", Status(f.Context).Message, StringComparison.Ordinal);
        File.SetUnixFileMode(f.P("private"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        FimFixture.CreateFile(f.P("watched/fine"));
        Assert.Equal(2, f.Settle().Count);
    }

    [Fact]
    public void Overflow_QueueLimitLowered_CountedAndTreeRescanned()
    {
        var context = new TableContext();
        using var f = new FimFixture(
            (c, root) =>
            {
                Directory.CreateDirectory(Path.Join(root, "watched"));
                c.AddPath("fim", Path.Join(root, "watched/%%"));

                // The flood variant hashes thousands of files in a second; the rate cap must not blank the row checked below.
                c.MaxHashesPerSecond = int.MaxValue;
            },
            context,
            start: false);

        // max_queued_events is read when an instance is created, so it is lowered only around SetUp and restored at once.
        const string Sysctl = "/proc/sys/fs/inotify/max_queued_events";
        var original = File.ReadAllText(Sysctl).Trim();
        var lowered = false;
        try
        {
            File.WriteAllText(Sysctl, "32");
            lowered = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not root or /proc/sys read-only: flood the default queue instead (below).
        }

        try
        {
            Assert.True(f.Publisher.SetUp());
        }
        finally
        {
            if (lowered)
            {
                File.WriteAllText(Sysctl, original);
            }
        }

        f.Publisher.Configure();

        // Events pile up before the reader starts, so the queue must overflow; a directory appears meanwhile.
        var count = lowered ? 200 : (int.Parse(original, System.Globalization.CultureInfo.InvariantCulture) / 2) + 1000;
        for (var i = 0; i < count; i++)
        {
            FimFixture.CreateFile(f.P($"watched/flood{i}"));
        }

        Directory.CreateDirectory(f.P("watched/late"));
        FimFixture.CreateFile(f.P("watched/late/inner"), "inner");
        f.Publisher.Start();

        FimFixture.WaitUntil(() => f.Publisher.Rescans >= 1, "the overflow rescan");
        Assert.True(f.Publisher.Overflows >= 1);
        Assert.Contains(f.Publisher.Problems, p => p.Contains("overflowed", StringComparison.Ordinal));
        FimFixture.WaitUntil(() => Status(context).Dropped >= 1, "the overflow in osquery_events' publisher status");

        // The rescan found the directory created during the overflow, reported its entry, and watches it now.
        var rows = f.Settle();
        Assert.Contains(rows, r => r.Path == f.P("watched/late/inner") && r.Action == "CREATED" && r.Sha256 == FimFixture.Hashes("inner").Sha256);
        FimFixture.CreateFile(f.P("watched/late/after"));
        Assert.Equal([f.P("watched/late/after"), f.P("watched/late/after")], f.Settle().Select(r => r.Path));
    }

    [Fact]
    public void Status_AfterConfigure_PublishedToEventRegistry()
    {
        using var f = Watch();
        var status = Status(f.Context);
        Assert.True(status.Active);
        Assert.Contains("watching 2 directories", status.Message, StringComparison.Ordinal);
    }

    private static PublisherStatus Status(TableContext context)
    {
        PublisherStatus? status = null;
        FimFixture.WaitUntil(() => (status = context.Events.Publishers.SingleOrDefault(p => p.Name == "inotify")) is not null, "publisher status");
        return status!;
    }

    private static void Rename(string from, string to)
    {
        // File.Move without overwrite may use link()+unlink(); with overwrite it is one rename(2), which is what we test.
        File.Move(from, to, overwrite: true);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setfsuid(int fsuid);

    private sealed class FrozenTime : TimeProvider
    {
        public override long GetTimestamp() => 1_000_000;
    }
}
