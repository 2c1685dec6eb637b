// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FarQuery.Core;
using FarQuery.Events.Inotify;
using FarQuery.Tables;

// fim-bench: measures the inotify publisher side by side in one run.
//   fim-bench                      → the whole benchmark
//   fim-bench --writer DIR N RATE  → the load generator (a child process, so its CPU is not counted as the publisher's)
if (args.Length == 4 && args[0] == "--writer")
{
    return Writer.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
}

var invariant = CultureInfo.InvariantCulture;
var root = Directory.CreateTempSubdirectory("fim-bench-").FullName;
try
{
    Console.WriteLine($"fim-bench on {Environment.ProcessorCount} CPUs, kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, max_queued_events {File.ReadAllText("/proc/sys/fs/inotify/max_queued_events").Trim()}");
    Console.WriteLine();
    Console.WriteLine("1. Throughput: each file is created empty, appended once and deleted (5 inotify events, 5 rows).");
    Console.WriteLine("   The writer is a child process paced at the target rate; the publisher's process CPU is measured.");
    Console.WriteLine();
    Console.WriteLine("   hashing  target ev/s  achieved ev/s  rows/expected   overflows  lossless  CPU ms per 10k events");
    var best = new Dictionary<bool, double>();

    // Warm-up (JIT, page cache) so the first measured row is not charged for it.
    Throughput.Run(root, hashing: true, rate: 0, seconds: 1, writers: 1);
    foreach (var hashing in new[] { true, false })
    {
        foreach (var (rate, writers) in new[] { (5_000, 1), (10_000, 1), (20_000, 1), (40_000, 1), (0, 1), (0, 2) })
        {
            var r = Throughput.Run(root, hashing, rate, seconds: 2, writers);
            var lossless = r.Overflows == 0 && r.Rows == r.Expected;
            Console.WriteLine(string.Format(invariant, "   {0,-7}  {1,11}  {2,13:F0}  {3,13}  {4,10}  {5,-8}  {6,10:F1}", hashing ? "on" : "off", rate == 0 ? $"unpaced x{writers}" : rate.ToString(invariant), r.AchievedRate, $"{r.Rows}/{r.Expected}", r.Overflows, lossless ? "yes" : "NO", r.CpuMsPer10k));
            if (lossless)
            {
                best[hashing] = Math.Max(best.GetValueOrDefault(hashing), r.AchievedRate);
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine(string.Format(invariant, "   highest rate sustained without loss: {0:F0} ev/s with hashing, {1:F0} ev/s without", best.GetValueOrDefault(true), best.GetValueOrDefault(false)));
    Console.WriteLine();
    Console.WriteLine("2. Memory of watched directories (recursive pattern over a fresh tree).");
    Console.WriteLine();
    Console.WriteLine("   directories  watches  configure s  managed heap MB  RSS MB  kernel marks MB  bytes/dir (managed+kernel)");
    foreach (var count in new[] { 10_000, 100_000 })
    {
        var m = Memory.Run(root, count);
        Console.WriteLine(string.Format(invariant, "   {0,11}  {1,7}  {2,11:F2}  {3,15:F1}  {4,6:F1}  {5,15:F1}  {6,10:F0}", count, m.Watches, m.ConfigureSeconds, m.ManagedBytes / 1048576.0, m.RssBytes / 1048576.0, m.KernelBytes / 1048576.0, (m.ManagedBytes + m.KernelBytes) / (double)count));
    }

    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

/// <summary>The load generator, run as a child process.</summary>
internal static class Writer
{
    public static int Run(string dir, int files, int rate)
    {
        var data = "benchmark payload\n"u8.ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < files; i++)
        {
            var path = Path.Join(dir, "f" + i.ToString(CultureInfo.InvariantCulture));
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
            }

            using (var f = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                f.Write(data);
            }

            File.Delete(path);

            // Pace by events (5 per file): sleep whenever ahead of schedule.
            if (rate > 0 && i % 50 == 49)
            {
                var due = TimeSpan.FromSeconds((i + 1) * 5.0 / rate);
                var ahead = due - clock.Elapsed;
                if (ahead > TimeSpan.Zero)
                {
                    Thread.Sleep(ahead);
                }
            }
        }

        return 0;
    }
}

/// <summary>One paced run against a fresh publisher.</summary>
internal static class Throughput
{
    public static (double AchievedRate, long Rows, long Expected, long Overflows, double CpuMsPer10k) Run(string root, bool hashing, int rate, int seconds, int writers)
    {
        var dir = Path.Join(root, "load");
        for (var w = 0; w < writers; w++)
        {
            // Created before the publisher starts, so the only rows are the writers' 5 per file.
            Directory.CreateDirectory(Path.Join(dir, "w" + w.ToString(CultureInfo.InvariantCulture)));
        }
        var context = new TableContext();
        var config = new FimConfiguration().AddPath("bench", dir + "/%%");
        if (!hashing)
        {
            config.MaxHashesPerSecond = 0;
        }

        using var publisher = new InotifyPublisher(context, config, new FileEventsSubscriber(context));
        publisher.SetUp();
        publisher.Configure();
        publisher.Start();
        var files = rate == 0 ? 20_000 * seconds : Math.Max(1000, rate * seconds / 5);
        var expected = files * 5L * writers;
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpu0 = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var children = new List<Process>();
        for (var w = 0; w < writers; w++)
        {
            var sub = Path.Join(dir, "w" + w.ToString(CultureInfo.InvariantCulture));
            children.Add(Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["--writer", sub, files.ToString(CultureInfo.InvariantCulture), rate.ToString(CultureInfo.InvariantCulture)]))!);
        }

        foreach (var child in children)
        {
            child.WaitForExit();
            child.Dispose();
        }

        // Wait until every event is handled, or until nothing has moved for a second (events were lost).
        var last = -1L;
        var still = Stopwatch.StartNew();
        while (publisher.RowsAdded < expected && still.Elapsed < TimeSpan.FromSeconds(1))
        {
            if (publisher.RowsAdded != last)
            {
                last = publisher.RowsAdded;
                still.Restart();
            }

            Thread.Sleep(5);
        }

        var elapsed = wall.Elapsed;
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpu0;
        var events = Math.Max(1, publisher.EventsRead);
        var result = (expected / elapsed.TotalSeconds, publisher.RowsAdded, expected, publisher.Overflows, cpu.TotalMilliseconds * 10_000 / events);
        Directory.Delete(dir, recursive: true);
        return result;
    }
}

/// <summary>Managed, resident and kernel memory of a publisher watching <c>count</c> directories.</summary>
internal static class Memory
{
    public static (int Watches, double ConfigureSeconds, long ManagedBytes, long RssBytes, long KernelBytes) Run(string root, int count)
    {
        var tree = Path.Join(root, "tree" + count.ToString(CultureInfo.InvariantCulture));
        const int PerParent = 1000;
        var created = 0;
        for (var p = 0; created < count; p++)
        {
            var parent = Path.Join(tree, "p" + p.ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < PerParent && created < count; c++, created++)
            {
                Directory.CreateDirectory(Path.Join(parent, "d" + c.ToString(CultureInfo.InvariantCulture)));
            }
        }

        var context = new TableContext();
        var config = new FimConfiguration { MaxWatches = count + 1000 }.AddPath("tree", tree + "/%%");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managed0 = GC.GetTotalMemory(forceFullCollection: true);
        var rss0 = Rss();
        var marks0 = KernelMarkBytes();
        var watch = Stopwatch.StartNew();
        using var publisher = new InotifyPublisher(context, config, new FileEventsSubscriber(context));
        publisher.SetUp();
        publisher.Configure();
        var seconds = watch.Elapsed.TotalSeconds;
        var managed = GC.GetTotalMemory(forceFullCollection: true) - managed0;
        var rss = Rss() - rss0;
        var kernel = KernelMarkBytes() - marks0;
        var watches = publisher.WatchCount;
        GC.KeepAlive(publisher);
        return (watches, seconds, managed, rss, kernel);
    }

    private static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>Kernel memory of inotify watches: one inotify_inode_mark per watch plus one fsnotify_mark_connector per
    /// watched inode, from /sys/kernel/slab (root only; 0 otherwise). These caches may be merged with others of the
    /// same size, so the value is a delta over the configure step, which allocates little else. Inodes pinned in the
    /// inode cache by the marks are not included.</summary>
    private static long KernelMarkBytes()
    {
        long total = 0;
        foreach (var cache in new[] { "inotify_inode_mark", "fsnotify_mark_connector" })
        {
            try
            {
                var dir = "/sys/kernel/slab/" + cache;
                var objects = long.Parse(File.ReadAllText(dir + "/objects").Split(' ')[0], CultureInfo.InvariantCulture);
                var size = long.Parse(File.ReadAllText(dir + "/slab_size").Trim(), CultureInfo.InvariantCulture);
                total += objects * size;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Not root or no SLUB sysfs: kernel memory is not reported.
            }
        }

        return total;
    }
}
