// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using System.Text;
using FarQuery.Core;
using FarQuery.Events.Inotify;
using FarQuery.Tables;

namespace FarQuery.Events.Tests.Inotify;

/// <summary>One row of file_events as the tests compare it.</summary>
internal sealed record FileEvent(string Path, string Category, string Action, long TransactionId, long? Inode, string? Mode, long? Size, string? Md5, string? Sha1, string? Sha256, long Hashed, long? Pid, string? Executable);

/// <summary>A temp tree, a publisher over it, and a way to wait for "everything up to now has been processed": a
/// sentinel file in a watched directory. inotify delivers events of one instance in order, so once the sentinel's
/// rows are in the buffer every earlier event has been handled, and the rows before it are exactly the result.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class FimFixture : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private int sentinels;
    private int consumed;

    public FimFixture(Action<FimConfiguration, string>? configure = null, TableContext? context = null, bool start = true)
    {
        Root = Directory.CreateTempSubdirectory("fim-test-").FullName;

        // CreateTempSubdirectory makes it 0700; the permission test looks at it as another user.
        File.SetUnixFileMode(Root, (UnixFileMode)0x1ED);
        Directory.CreateDirectory(Path.Join(Root, "sentinel"));
        Config = new FimConfiguration().AddPath("sentinel", Path.Join(Root, "sentinel") + "/");
        configure?.Invoke(Config, Root);
        Context = context ?? new TableContext();
        Publisher = new InotifyPublisher(Context, Config, new FileEventsSubscriber(Context));
        if (start)
        {
            Assert.True(Publisher.SetUp(), Publisher.StatusMessage);
            Publisher.Configure();
            Publisher.Start();
        }
    }

    public string Root { get; }

    public FimConfiguration Config { get; }

    public TableContext Context { get; }

    public InotifyPublisher Publisher { get; }

    public EventBuffer Buffer => Context.Events.Buffer(FileEventsTable.Spec, "inotify");

    public string P(string relative) => Path.Join(Root, relative);

    /// <summary>Every row buffered so far.</summary>
    public List<FileEvent> All() => [.. Buffer.Snapshot().Select(Map)];

    /// <summary>Waits until every event caused so far is processed, then returns the rows (sentinel rows left out)
    /// added since the previous call.</summary>
    public List<FileEvent> Settle()
    {
        var name = P($"sentinel/s{++sentinels}");
        using (File.Create(name))
        {
        }

        WaitUntil(() => All().Any(r => r.Path == name && r.Action == "UPDATED"), $"sentinel {name}");
        var all = All();
        var fresh = all.Skip(consumed).ToList();
        consumed = all.Count;
        return [.. fresh.Where(r => r.Category != "sentinel")];
    }

    public static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Creates a file with one open(O_CREAT|O_EXCL) + at most one write + close, so the events are known:
    /// IN_CREATE, IN_MODIFY (when content), IN_CLOSE_WRITE.</summary>
    public static void CreateFile(string path, string content = "")
    {
        using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        if (content.Length > 0)
        {
            f.Write(Encoding.UTF8.GetBytes(content));
        }
    }

    /// <summary>Appends with one open (no truncation) + one write + close: IN_MODIFY then IN_CLOSE_WRITE.</summary>
    public static void Append(string path, string content)
    {
        using var f = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        f.Write(Encoding.UTF8.GetBytes(content));
    }

    public static (string Md5, string Sha1, string Sha256) Hashes(string content)
    {
        var b = Encoding.UTF8.GetBytes(content);
        return (Convert.ToHexStringLower(MD5.HashData(b)), Convert.ToHexStringLower(SHA1.HashData(b)), Convert.ToHexStringLower(SHA256.HashData(b)));
    }

    public void Dispose()
    {
        Publisher.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a test that failed half-way may leave a read-only tree.
        }
    }

    private static FileEvent Map(object?[] r)
    {
        return new FileEvent(
            (string)r[FileEventsTable.C.TargetPath]!,
            (string)r[FileEventsTable.C.Category]!,
            (string)r[FileEventsTable.C.Action]!,
            (long)r[FileEventsTable.C.TransactionId]!,
            (long?)r[FileEventsTable.C.Inode],
            (string?)r[FileEventsTable.C.Mode],
            (long?)r[FileEventsTable.C.Size],
            (string?)r[FileEventsTable.C.Md5],
            (string?)r[FileEventsTable.C.Sha1],
            (string?)r[FileEventsTable.C.Sha256],
            (long)r[FileEventsTable.C.Hashed]!,
            (long?)r[FileEventsTable.C.Pid],
            (string?)r[FileEventsTable.C.Executable]);
    }
}
