// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Inotify;

namespace FarQuery.Events.Tracing;

/// <summary>Reads of sensitive files detected by default, without stopping the app on read-only opens (docs/tracer.md
/// §5): inotify IN_OPEN watches on the sensitive set (shadow, sudoers, PAM, SSH and cloud credentials) and on
/// /proc/[pid]/environ of every traced process and of the agent. inotify names no process, so the reader is found
/// among the tracer's live processes (it follows the tracer's process events): the one holding a descriptor to the
/// file, else the newest program the tracer saw start. Each read becomes a <c>process_file_events</c> row (operation
/// <c>open</c>, syscall <c>inotify</c>) with the reader's lineage.</summary>
public sealed class SensitiveReads : DescriptorPublisher<TraceEvent>, IEventSubscriber<TraceEvent>
{
    /// <summary>The publisher's name in <c>osquery_events</c>.</summary>
    public const string PublisherName = "sensitive_reads";

    /// <summary>How long an exited process stays a candidate reader: its exit can reach us before the read does.</summary>
    private const long ExitedWindowMs = 2000;

    /// <summary>How recently a process must have started or exited to be named the reader without a descriptor.</summary>
    private const long RecentMs = 1000;

    private const uint OpenMask = Interop.Libc.IN_OPEN;

    /// <summary>How many exited processes' environ watches wait before they are removed together (RemoveLater).</summary>
    internal const int ExitedWatchBatch = 64;

    private readonly Lock gate = new();

    // Serialises reading the inotify descriptor with handling what was read, on the poll thread and the tracer's.
    private readonly Lock drainGate = new();
    private readonly byte[] drainBuffer = new byte[16 * 1024];
    private readonly Dictionary<int, Watch> byWd = [];
    private readonly Dictionary<int, int> environWd = [];

    // Environ watches of exited processes, removed in batches (RemoveLater).
    private readonly List<int> exitedWatches = [];
    private readonly Dictionary<int, Reader> live = [];
    private readonly RecentWrites? writes;
    private readonly IReadOnlyList<string> homes;
    private InotifyHandle? handle;
    private long sequence;
    private long unattributed;
    private volatile int fileWatches;
    private volatile string message = "not started";
    private bool retired;

    /// <summary>Creates the publisher; its rows go to <paramref name="table"/> (the <c>process_file_events</c>
    /// subscriber). <paramref name="homes"/> are the home directories whose SSH keys and cloud credentials are watched
    /// (null: /root, every directory below /home and $HOME).</summary>
    public SensitiveReads(TableContext context, IEventSubscriber<TraceEvent> table, IReadOnlyList<string>? homes = null)
        : base(context, PublisherName, table)
    {
        ArgumentNullException.ThrowIfNull(context);
        writes = context.Services.Get<RecentWrites>();
        this.homes = homes ?? DefaultHomes();
    }

    /// <summary>Opens of watched files no traced process could be named for (no row is written).</summary>
    public long Unattributed => Interlocked.Read(ref unattributed);

    /// <summary>Files and directories watched (the environ watches not counted).</summary>
    public int FileWatches => fileWatches;

    /// <summary>environ files of traced processes watched now.</summary>
    public int EnvironWatches
    {
        get
        {
            lock (gate)
            {
                return environWd.Count;
            }
        }
    }

    /// <inheritdoc/>
    protected override string ThreadName => "farquery sensitive reads";

    /// <inheritdoc/>
    protected override int BufferSize => 16 * 1024;

    /// <inheritdoc/>
    protected override string DescriptorName => "the sensitive-read inotify descriptor";

    /// <summary>The paths watched: (path, is a directory whose entries count, which entry names count).</summary>
    internal static IEnumerable<(string Path, Func<string, bool>? Entries)> Targets(IReadOnlyList<string> homes)
    {
        foreach (var f in new[] { "/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/pam.conf", "/etc/security/pwquality.conf" })
        {
            yield return (f, null);
        }

        yield return ("/etc/sudoers.d", static _ => true);
        yield return ("/etc/pam.d", static _ => true);
        yield return ("/etc/ssh", static n => n.EndsWith("_key", StringComparison.Ordinal));
        foreach (var home in homes)
        {
            // Private keys only: id_* without .pub (authorized_keys and known_hosts are read by ssh tools and tables).
            yield return (home + "/.ssh", static n => n.StartsWith("id_", StringComparison.Ordinal) && !n.EndsWith(".pub", StringComparison.Ordinal));
            yield return (home + "/.aws", static n => n is "credentials" or "config");
            yield return (home + "/.config/gcloud", static _ => true);
            yield return (home + "/.azure", static _ => true);
            yield return (home + "/.docker", static n => n == "config.json");
            yield return (home + "/.kube", static n => n == "config");
        }
    }

    /// <summary>Opens the inotify instance and watches the sensitive set and the agent's own environ; false (with the
    /// status saying why) when the kernel refuses.</summary>
    public override bool SetUp()
    {
        if (!InotifyHandle.TryCreate(out var h, out var errno))
        {
            h.Dispose();
            message = $"inotify_init1 failed: {errno}; sensitive reads are detected only with --trace-read-opens";
            PublishStatus();
            return false;
        }

        handle = h;
        Attach(h);
        var count = 0;
        foreach (var (path, entries) in Targets(homes))
        {
            if (AddWatch(path, new Watch(path, entries, 0)))
            {
                count++;
            }
        }

        fileWatches = count;
        AddEnviron(Environment.ProcessId);
        message = $"watching {count} sensitive paths and the environ of traced processes";
        return true;
    }

    /// <summary>Follows the tracer's process events while the process is still stopped (<see
    /// cref="TracerOptions.AtStop"/>): a new process is a candidate reader and gets its environ watched before it runs
    /// on; an exited one stays a candidate for <see cref="ExitedWindowMs"/> and loses its watch. Were it told after the
    /// resume, a <c>cat /etc/shadow</c> could open the file first, and its open would be handed to the process that
    /// forked it.</summary>
    public void OnEvent(TraceEvent e)
    {
        if (e is not ProcessEvent p || handle is null)
        {
            return;
        }

        var pid = (int)p.Pid;
        switch (p.Syscall)
        {
            case "fork" or "vfork" or "execve" or "execveat":
                // Opens already queued happened before this fork or exec: attribute them now, while the newest
                // candidate is still the process that made them. The poll thread can lag behind the tracer by hundreds
                // of milliseconds on a loaded machine, by which time the shell has started its next command.
                // This runs during the tracer's stop; without queued events it costs one read returning EAGAIN.
                lock (drainGate)
                {
                    Drain();
                    lock (gate)
                    {
                        live[pid] = new Reader(p, ++sequence, Environment.TickCount64, 0);
                    }
                }

                AddEnviron(pid);
                break;
            case "exit":
                // Same as above: an open queued before this exit is attributed while the exiting process is still
                // among the newest candidates (a short-lived reader such as cat exits right after its read).
                lock (drainGate)
                {
                    Drain();
                }

                lock (gate)
                {
                    if (live.TryGetValue(pid, out var r))
                    {
                        live[pid] = r with { ExitedAt = Environment.TickCount64 };
                    }

                    if (environWd.Remove(pid, out var wd))
                    {
                        byWd.Remove(wd);
                        RemoveLater(wd);
                    }
                }

                break;
        }
    }

    /// <summary>Called once the app has exited: attributes the reads still queued, then removes every watch in one go.
    /// The kernel frees removed watches only after a grace period, and closing an inotify descriptor that still has
    /// watches waits for it; left to the agent's exit, that wait (6 to 15 ms here) came after everything else. Begun
    /// here, it runs beside the final drain (docs/tracer.md §6, "The exit"). Reads after this are not reported; the
    /// app is gone by then.</summary>
    public void Retire()
    {
        if (handle is null || handle.IsClosed)
        {
            return;
        }

        lock (drainGate)
        {
            Drain();
            lock (gate)
            {
                if (retired)
                {
                    return;
                }

                retired = true;
                foreach (var wd in byWd.Keys)
                {
                    Interop.Libc.inotify_rm_watch(handle.Fd, wd);
                }

                RemoveExited();
                byWd.Clear();
                environWd.Clear();
            }
        }

        message = "retired: the app has exited";
        PublishStatus();
    }

    /// <inheritdoc/>
    public override void Start() => StartThread(null);

    /// <inheritdoc/>
    protected override unsafe bool OnReadable(int fd, byte* buffer)
    {
        lock (drainGate)
        {
            return ReadAll(fd, buffer, BufferSize);
        }
    }

    /// <summary>Handles the events queued on the descriptor, on the tracer's thread (under <see cref="drainGate"/>).</summary>
    private unsafe void Drain()
    {
        if (handle is null || handle.IsClosed)
        {
            return;
        }

        fixed (byte* b = drainBuffer)
        {
            ReadAll(handle.Fd, b, drainBuffer.Length);
        }
    }

    private unsafe bool ReadAll(int fd, byte* buffer, int size)
    {
        while (true)
        {
            var n = Interop.Libc.read(fd, buffer, (nuint)size);
            if (n < 0)
            {
                var errno = Interop.LastErrno;
                if (errno is Interop.Errno.EAGAIN or Interop.Errno.EINTR)
                {
                    return true;
                }

                Fail("read", $"read failed: {errno}");
                return false;
            }

            if (n == 0)
            {
                return true;
            }

            Handle(new ReadOnlySpan<byte>(buffer, (int)n));
        }
    }

    /// <inheritdoc/>
    protected override void Fail(string step, string message)
    {
        this.message = step + ": " + message;
        PublishStatus();
    }

    /// <inheritdoc/>
    protected override PublisherStatus BuildStatus() => new(PublisherName, IsActive, $"{message}; {Unattributed} reads not attributed", Dropped);

    private void Handle(ReadOnlySpan<byte> data)
    {
        while (InotifyRecords.TryNext(ref data, out var ev, out var name))
        {
            if ((ev.mask & Interop.Libc.IN_Q_OVERFLOW) != 0)
            {
                CountOverflow();
                continue;
            }

            if ((ev.mask & OpenMask) == 0 || (ev.mask & Interop.Libc.IN_ISDIR) != 0)
            {
                continue;
            }

            Watch? w;
            lock (gate)
            {
                byWd.TryGetValue(ev.wd, out w);
            }

            if (w is null || Path(w, name) is not { } path)
            {
                continue;
            }

            try
            {
                Report(path);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                CountDropped();
            }
        }
    }

    /// <summary>The file an event names: the watched file itself, or an entry of a watched directory that counts.</summary>
    private static string? Path(Watch w, ReadOnlySpan<byte> name)
    {
        var entry = Encoding.UTF8.GetString(name);
        if (w.Entries is null)
        {
            return entry.Length == 0 ? w.Path : null;
        }

        return entry.Length > 0 && w.Entries(entry) ? w.Path + "/" + entry : null;
    }

    private void Report(string path)
    {
        var (reader, fd, flags) = FindReader(path);
        // Only read-only opens are published: the compiled Falco rules take every row of syscall 'inotify' as
        // evt.is_open_read=true and evt.is_open_write=false, whatever its flags (docs/falco-fields.md, "Sensitive reads").
        if (flags is { } f && (f & FilterRule.OpenWriteFlags) != 0)
        {
            // An open for writing: the seccomp filter stops it and the tracer already wrote its row.
            return;
        }

        if (fd < 0 && writes is not null && writes.TryFind(path, out _, out _))
        {
            return;
        }

        if (reader is null)
        {
            // Nobody traced could have read it: the agent itself (a table, --capture-env reads task/N/environ instead).
            return;
        }

        var p = reader.Event;
        var cwd = fd >= 0 ? ProcFacts.Cwd((int)p.Pid) ?? p.Cwd : p.Cwd;
        Publish(new FileEvent
        {
            Operation = "open",
            Syscall = "inotify",
            Pid = p.Pid,
            Tid = p.Pid,
            Ppid = p.Parent,
            Executable = p.Path,
            Cwd = cwd,
            Path = path,
            PathRaw = RawPath(p.Cmdline, cwd, path),
            Flags = "0" + Convert.ToString(flags ?? 0, 8),
            Ids = p.Ids,
            Auid = p.Auid,
            Status = "succeeded",
            Result = fd,
            Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Uptime = Environment.TickCount64 / 1000,
            Lineage = p.Lineage,
        });
    }

    /// <summary>The reader: a live traced process holding a descriptor to <paramref name="path"/> (exact, with the
    /// descriptor's flags), else the newest process the tracer saw start that is alive or exited moments ago.</summary>
    private (Reader? Reader, long Fd, long? Flags) FindReader(string path)
    {
        Reader[] candidates;
        var now = Environment.TickCount64;
        lock (gate)
        {
            foreach (var (pid, r) in live.Where(kv => kv.Value.ExitedAt != 0 && now - kv.Value.ExitedAt > ExitedWindowMs).ToList())
            {
                live.Remove(pid);
            }

            candidates = [.. live.Values.OrderByDescending(r => r.Sequence)];
        }

        foreach (var r in candidates.Where(r => r.ExitedAt == 0))
        {
            var pid = (int)r.Event.Pid;
            foreach (var fd in Descriptors(pid))
            {
                if (ProcFacts.FdPath(pid, fd) == path)
                {
                    return (r, fd, FdFlags(pid, fd));
                }
            }
        }

        // No descriptor left (the reader closed it already): among the programs that started or exited within the
        // window, the newest whose command line names the file (cat /etc/shadow, even when a sibling started after it),
        // else the newest. An older process, or a reader the tracer does not see (an ECS Exec shell), is not guessed at.
        var window = candidates.Where(r => now - Math.Max(r.SeenAt, r.ExitedAt) <= RecentMs).ToList();
        var recent = window.FirstOrDefault(r => NamesFile(r.Event.Cmdline, r.Event.Cwd, path)) ?? window.FirstOrDefault();
        if (recent is null)
        {
            Interlocked.Increment(ref unattributed);
        }

        return (recent, -1, null);
    }

    private static IEnumerable<long> Descriptors(int pid)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries("/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/fd");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var e in entries)
        {
            if (long.TryParse(System.IO.Path.GetFileName(e), out var fd))
            {
                yield return fd;
            }
        }
    }

    /// <summary>The open flags of a descriptor, from the octal "flags:" line of /proc/[pid]/fdinfo/[fd].</summary>
    private static long? FdFlags(int pid, long fd)
    {
        Span<byte> text = stackalloc byte[256];
        var n = ProcFs.Read(pid, "fdinfo"u8, fd, text);
        return n > 0 ? ParseFdInfoFlags(text[..n]) : null;
    }

    /// <summary>The value of the "flags:" line of an fdinfo file (octal), or null.</summary>
    internal static long? ParseFdInfoFlags(ReadOnlySpan<byte> fdinfo)
    {
        var at = fdinfo.IndexOf("flags:"u8);
        if (at < 0)
        {
            return null;
        }

        var rest = fdinfo[(at + 6)..];
        long value = 0;
        var digits = 0;
        foreach (var b in rest)
        {
            if (b is (byte)' ' or (byte)'\t' && digits == 0)
            {
                continue;
            }

            if (b is < (byte)'0' or > (byte)'7')
            {
                break;
            }

            value = (value * 8) + (b - '0');
            digits++;
        }

        return digits > 0 ? value : null;
    }

    /// <summary>Whether a word of <paramref name="cmdline"/> resolves to <paramref name="path"/> (relative words against
    /// <paramref name="cwd"/>, <c>..</c> and <c>.</c> folded): the program was told to open that file.</summary>
    internal static bool NamesFile(string? cmdline, string? cwd, string path)
    {
        if (cmdline is null)
        {
            return false;
        }

        var name = System.IO.Path.GetFileName(path);
        foreach (var word in cmdline.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.EndsWith(name, StringComparison.Ordinal) && PtraceLoop.Resolve(0, -100, word, cwd) == path)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The path as the reader passed it when its command line names the file through another path (a
    /// directory traversal such as <c>cat /tmp/../etc/shadow</c>); inotify reports only the file. Otherwise the path.</summary>
    internal static string RawPath(string? cmdline, string? cwd, string path)
    {
        if (cmdline is null)
        {
            return path;
        }

        foreach (var word in cmdline.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Contains("..", StringComparison.Ordinal) && PtraceLoop.Resolve(0, -100, word, cwd) == path)
            {
                return word;
            }
        }

        return path;
    }

    /// <summary>Queues the environ watch of an exited process for removal, and removes the queued ones once there are
    /// <see cref="ExitedWatchBatch"/>. Removing a watch queues an IN_IGNORED event, and every event wakes the poll thread:
    /// removed one by one, each exit woke it once (957 wake-ups over a 1000-command shell loop), each wake-up a
    /// cross-CPU interrupt and a context switch beside the app. Batched, one wake-up reads a batch's events. Until then
    /// the watch stays on an environ no process can open (its /proc entry is gone once the process is reaped; a pid
    /// reused gets a new entry and its own watch) and holds that entry's inode: a bounded cost (docs/tracer.md §5.2).
    /// Under <see cref="gate"/>.</summary>
    private void RemoveLater(int wd)
    {
        exitedWatches.Add(wd);
        if (exitedWatches.Count >= ExitedWatchBatch)
        {
            RemoveExited();
        }
    }

    /// <summary>Removes the queued watches of exited processes, except one the kernel has since handed out again (a
    /// watch of the same inode would get the same descriptor; a live process's watch is never removed). Under
    /// <see cref="gate"/>.</summary>
    private void RemoveExited()
    {
        foreach (var wd in exitedWatches)
        {
            if (!byWd.ContainsKey(wd))
            {
                Interop.Libc.inotify_rm_watch(handle!.Fd, wd);
            }
        }

        exitedWatches.Clear();
    }

    private void AddEnviron(int pid)
    {
        var path = "/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/environ";
        lock (gate)
        {
            if (retired || environWd.ContainsKey(pid))
            {
                return;
            }

            var wd = Add(path);
            if (wd >= 0)
            {
                environWd[pid] = wd;
                byWd[wd] = new Watch(path, null, pid);
            }
        }
    }

    private bool AddWatch(string path, Watch w)
    {
        lock (gate)
        {
            var wd = retired ? -1 : Add(path);
            if (wd < 0)
            {
                return false;
            }

            byWd[wd] = w;
            return true;
        }
    }

    private unsafe int Add(string path)
    {
        var utf8 = Interop.CString.ToCString(path, stackalloc byte[Interop.CString.StackBytes]);
        fixed (byte* p = utf8)
        {
            return Interop.Libc.inotify_add_watch(handle!.Fd, p, OpenMask);
        }
    }

    private static string[] DefaultHomes()
    {
        var homes = new List<string> { "/root" };
        try
        {
            homes.AddRange(Directory.GetDirectories("/home"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /home: only root's.
        }

        // The app inherits the agent's environment, so $HOME is where its SDKs look for credentials; in images it is
        // often neither /root nor below /home (/app, /var/lib/<service>).
        if (HomeOf(Environment.GetEnvironmentVariable("HOME")) is { } home && !homes.Contains(home, StringComparer.Ordinal))
        {
            homes.Add(home);
        }

        return [.. homes];
    }

    /// <summary>A $HOME value as a prefix of the watched paths: absolute, without its trailing slashes ("/" becomes
    /// "", so its keys are "/.aws/credentials"); null when unset or relative.</summary>
    internal static string? HomeOf(string? value) =>
        string.IsNullOrEmpty(value) || value[0] != '/' ? null : value.TrimEnd('/');

    /// <summary>One watch: the path, which entries count when it is a directory (null: the file itself), and the pid
    /// whose environ it is (0 for the sensitive set).</summary>
    private sealed record Watch(string Path, Func<string, bool>? Entries, int EnvironOf);

    /// <summary>A candidate reader: its last process event (lineage included), the order the tracer saw it start in,
    /// and when it exited (0 while alive).</summary>
    private sealed record Reader(ProcessEvent Event, long Sequence, long SeenAt, long ExitedAt);
}
