// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Inotify;

/// <summary>The file integrity monitoring publisher (docs/osquery-compat.md §3.6, §5): owns one inotify descriptor, watches the
/// directories the <see cref="FimConfiguration"/> needs, and turns kernel events into <see cref="InotifyEvent"/>s for its
/// subscribers (the <c>file_events</c> table's, in FarQuery.Tables) on its own thread. Lifecycle as in osquery:
/// <see cref="SetUp"/> → <see cref="Configure"/> → <see cref="Start"/> → <see cref="Stop"/> (docs/events.md). This
/// file holds the lifecycle, the read loop and the status; the watch tree is in <c>InotifyPublisher.Watches.cs</c>, event
/// handling in <c>InotifyPublisher.Events.cs</c>.</summary>
public sealed partial class InotifyPublisher : DescriptorPublisher<InotifyEvent>
{
    /// <summary>The publisher name in <c>osquery_events</c> and the event buffer.</summary>
    public const string PublisherName = "inotify";

    // One read takes up to 64 KiB: ~240 events of the longest name, ~2000 of short ones (man 7 inotify: a buffer of
    // at least sizeof(struct inotify_event) + NAME_MAX + 1 is required).
    private const int ReadBufferSize = 64 * 1024;
    private const int MaxEventSize = 16 + Interop.Libc.NAME_MAX + 1;
    private const int MaxProblems = 64;

    private readonly FimConfiguration config;
    private readonly FileHasher hasher;
    private readonly Lock statusGate = new();
    private readonly Dictionary<string, string> problems = new(StringComparer.Ordinal);
    private readonly List<string> problemOrder = [];
    private InotifyHandle? handle;
    private volatile bool statusDirty = true;
    private long problemsDropped;
    private long rescans;
    private long unwatched;
    private long eventsRead;
    private int watchCount;
    private int maxWatches;
    private long reads;

    /// <summary>Creates a publisher for <paramref name="config"/> whose events go to <paramref name="subscriber"/> (the
    /// <c>file_events</c> subscriber, which lives in the table project: that one references this one, not the reverse).</summary>
    public InotifyPublisher(TableContext context, FimConfiguration config, IEventSubscriber<InotifyEvent> subscriber)
        : base(context, PublisherName, subscriber)
    {
        this.config = config;
        hasher = new FileHasher(config, context.Time);
    }

    /// <summary>Directories watched now.</summary>
    public int WatchCount => Volatile.Read(ref watchCount);

    /// <summary>The watch cap in force (the configured one or the kernel's <c>max_user_watches</c>).</summary>
    public int MaxWatches => maxWatches;

    /// <summary>Rescans done after overflows.</summary>
    public long Rescans => Interlocked.Read(ref rescans);

    /// <summary>Directories that needed a watch but could not get one (permission, watch limit).</summary>
    public long Unwatched => Interlocked.Read(ref unwatched);

    /// <summary>inotify events read.</summary>
    public long EventsRead => Interlocked.Read(ref eventsRead);

    /// <summary>Files not hashed because of the size or rate cap.</summary>
    public long HashesSkipped => hasher.SkippedRate + hasher.SkippedTooLarge;

    /// <summary>Every problem found (bad pattern, missing path, permission, watch limit, overflow), one line each.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (statusGate)
            {
                return [.. RuleProblems(), .. problemOrder.Select(k => problems[k])];
            }
        }
    }

    /// <summary>Creates the inotify instance; false (with the status saying why) when the kernel refuses.</summary>
    public override bool SetUp()
    {
        if (!InotifyHandle.TryCreate(out var h, out var errno))
        {
            h.Dispose();
            AddProblem("init", $"inotify_init1 failed: {errno} (per-user instance limit is /proc/sys/fs/inotify/max_user_instances)");
            PublishStatus();
            return false;
        }

        handle = h;
        Attach(h);
        maxWatches = config.MaxWatches > 0 ? config.MaxWatches : KernelMaxUserWatches();
        return true;
    }

    /// <summary>Compiles the configuration and adds the initial watches. Bad entries are reported and skipped.</summary>
    public override void Configure()
    {
        if (handle is null)
        {
            throw new InvalidOperationException("SetUp must succeed before Configure.");
        }

        CompileRules();
        foreach (var rule in rules)
        {
            EnsureRule(rule, emitForNew: false);
        }

        PublishStatus();
    }

    /// <summary>Runs <see cref="Configure"/> on the reader thread, then reads: a large tree (<c>/%%</c> walks the whole
    /// file system) then never holds up the caller, and <see cref="DescriptorPublisher{TEvent}.Stop"/> stops the walk
    /// between two directories.</summary>
    public void StartAndConfigure() => StartThread(Configure);

    /// <inheritdoc/>
    protected override string ThreadName => "farquery-inotify";

    /// <inheritdoc/>
    protected override int BufferSize => ReadBufferSize;

    /// <inheritdoc/>
    protected override string DescriptorName => "the inotify descriptor";

    /// <summary>The kernel's per-user watch limit.</summary>
    private static int KernelMaxUserWatches()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/fs/inotify/max_user_watches").Trim();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : 8192;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // 8192 is the historical kernel default; the kernel still enforces the real one (ENOSPC is handled).
            return 8192;
        }
    }

    /// <summary>Reads one batch and handles it; false when the read failed for good.</summary>
    protected override unsafe bool OnReadable(int fd, byte* buffer)
    {
        var n = Interop.Libc.read(fd, buffer, ReadBufferSize);
        if (n < 0 && Interop.LastErrno is not (Interop.Errno.EAGAIN or Interop.Errno.EINTR))
        {
            AddProblem("read", $"read on the inotify descriptor failed: {Interop.LastErrno}; publisher stopped");
            return false;
        }

        if (n > 0)
        {
            var read = ++reads;
            ProcessSafely(new ReadOnlySpan<byte>(buffer, (int)n));

            // A read that left room for one more event drained the queue: every IN_CREATE a scan could have raced with
            // has now been seen, so the scan bookkeeping can go.
            if (n <= ReadBufferSize - MaxEventSize)
            {
                ForgetScans(read);
            }
        }

        return true;
    }

    /// <summary>Publishes the status when a batch or a rescan changed it.</summary>
    protected override void AfterPoll()
    {
        if (statusDirty)
        {
            PublishStatus();
        }
    }

    /// <inheritdoc/>
    protected override void Fail(string step, string message) => AddProblem(step, message);

    /// <summary>Handles one batch, turning any exception into a reported problem.</summary>
    private void ProcessSafely(ReadOnlySpan<byte> events)
    {
        try
        {
            Process(events);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in handling one batch must not stop file monitoring: report it and keep reading.
            AddProblem("bug:" + e.GetType().Name, $"error handling inotify events: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Records (or updates) a problem under a key, so a repeated problem is one line; bounded.</summary>
    private void AddProblem(string key, string text)
    {
        lock (statusGate)
        {
            if (problems.ContainsKey(key))
            {
                problems[key] = text;
            }
            else if (problems.Count < MaxProblems)
            {
                problems.Add(key, text);
                problemOrder.Add(key);
            }
            else
            {
                problemsDropped++;
            }
        }

        statusDirty = true;
    }

    /// <summary>The <c>osquery_events</c> status: active, a summary line with every problem, and the overflow count
    /// (plus events a subscriber failed on) as the events dropped.</summary>
    protected override PublisherStatus BuildStatus()
    {
        var sb = new StringBuilder();
        var ruleCount = rules.Count;
        sb.Append(CultureInfo.InvariantCulture, $"watching {WatchCount} directories for {ruleCount} patterns");
        if (Unwatched > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; {Unwatched} directories could not be watched");
        }

        if (HashesSkipped > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; {HashesSkipped} files not hashed (size or rate cap)");
        }

        var all = Problems;
        if (all.Count > 0)
        {
            sb.Append("; problems: ").AppendJoin("; ", all);
        }

        long dropped;
        lock (statusGate)
        {
            dropped = problemsDropped;
        }

        if (dropped > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; and {dropped} more problems");
        }

        return new PublisherStatus(PublisherName, IsActive && IsStarted, sb.ToString(), Overflows + Dropped);
    }

    /// <summary>Clears the dirty flag and sends the status to the event registry.</summary>
    protected override void PublishStatus()
    {
        statusDirty = false;
        base.PublishStatus();
    }
}
