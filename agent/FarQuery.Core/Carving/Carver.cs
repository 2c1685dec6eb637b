// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Core.Carving;

/// <summary>osquery's file carver (docs/osquery-compat.md §2.6): a request names files, a background thread packs them
/// into a tar archive, and the archive goes to the TLS backend in <c>--carver_block_size</c> blocks. Bounded as a
/// container agent must be: one carve at a time (a second request is refused and says which carve runs), at most
/// <c>--carver_max_size</c> bytes of files, one block in memory, the archive in an unlinked-on-close temporary file, and
/// all of it on the carver's own low-priority thread, never on the scheduler's, the tracer's or a query's. The flags are
/// read from the flags in force at each request, so a backend config can switch carving on.</summary>
public sealed partial class Carver : IDisposable
{
    /// <summary>osquery's status of an accepted carve that has not begun.</summary>
    public const string Starting = "STARTING";

    /// <summary>osquery's status while the archive is built and sent.</summary>
    public const string Pending = "PENDING";

    /// <summary>osquery's status of a carve whose every block the server took.</summary>
    public const string Success = "SUCCESS";

    /// <summary>Prefix of FarQuery's status for a request it did not start (disabled, busy, too large, no backend).</summary>
    public const string Refused = "REFUSED";

    /// <summary>Largest block: one block (and its base64 text) is held in memory while it is sent.</summary>
    public const long MaxBlockSize = 16 * 1024 * 1024;

    /// <summary>Carves the table lists at most; the oldest finished ones go first.</summary>
    public const int MaxEntries = 64;

    /// <summary>Files one carve may name (a LIKE pattern can match a whole tree).</summary>
    public const int MaxFiles = 10_000;

    private static readonly Lock CreateGate = new();
    private readonly TableContext context;
    private readonly ICarveUploader? uploader;
    private readonly Action<string> warn;
    private readonly Lock gate = new();
    private readonly List<CarveEntry> entries = [];
    private readonly CancellationTokenSource stop = new();
    private CarveEntry? active;
    private Thread? worker;
    private long started;
    private long succeeded;
    private long failed;
    private long refused;
    private long blocksSent;
    private string progress = "";

    /// <summary>Creates the carver of an agent.</summary>
    /// <param name="context">The agent's services: the file-system seam the files are read through, the clock, and
    /// the flags in force (<see cref="FlagValues"/> in <see cref="TableContext.Services"/>).</param>
    /// <param name="uploader">The backend's carver endpoints, or null without a TLS backend (every request is then
    /// refused with that reason).</param>
    /// <param name="warn">Where a failed carve is reported besides its status.</param>
    public Carver(TableContext context, ICarveUploader? uploader, Action<string>? warn = null)
    {
        this.context = context;
        this.uploader = uploader;
        this.warn = warn ?? (_ => { });
    }

    /// <summary>The carver of a context: the agent's (with its backend) when the agent added one, else one created on
    /// first use without a backend, which lists and refuses requests. A process-wide lock makes the first creation
    /// race-free, as for <see cref="StatusSources.Of"/>.</summary>
    public static Carver Of(TableContext context)
    {
        lock (CreateGate)
        {
            var existing = context.Services.Get<Carver>();
            if (existing is null)
            {
                existing = new Carver(context, null);
                context.Services.Set(existing);
            }

            return existing;
        }
    }

    /// <summary>Carves started (accepted and handed to the thread).</summary>
    public long Started => Interlocked.Read(ref started);

    /// <summary>Carves every block of which the server took.</summary>
    public long Succeeded => Interlocked.Read(ref succeeded);

    /// <summary>Carves that failed after they started.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Requests refused before starting.</summary>
    public long RefusedCount => Interlocked.Read(ref refused);

    /// <summary>Blocks the server took, over all carves.</summary>
    public long BlocksSent => Interlocked.Read(ref blocksSent);

    /// <summary>The carves to list: newest last, successful ones older than <c>--carver_expiry</c> left out.</summary>
    public IReadOnlyList<CarveEntry> Entries
    {
        get
        {
            var expiry = Flags.Int(FlagCatalog.CarverExpiry);
            var now = Now;
            lock (gate)
            {
                entries.RemoveAll(e => e.Snapshot().Status == Success && now - e.Time > expiry);
                return [.. entries];
            }
        }
    }

    /// <summary>Starts a carve of <paramref name="paths"/> for the distributed query in <see cref="CarveRequest.Id"/>,
    /// or records why it was refused; the returned entry is listed either way. Only cheap checks run here (flags,
    /// the one-at-a-time gate, an open and fstat per file); archiving and uploading happen on the carver's thread.</summary>
    public CarveEntry Request(IReadOnlyCollection<string> paths)
    {
        var list = paths.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var flags = Flags;
        var why = Refusal(flags, list, out var files);
        lock (gate)
        {
            if (why is null && active is { } running)
            {
                why = $"carve {running.CarveGuid} is still running (one carve at a time; ask again when it is done)";
            }

            var entry = new CarveEntry(Guid.NewGuid().ToString(), Now, string.Join(',', list), CarveRequest.Id, why is null ? Starting : Refused + ": " + why);
            Remember(entry);
            if (why is not null)
            {
                Interlocked.Increment(ref refused);
                return entry;
            }

            active = entry;
            Interlocked.Increment(ref started);
            var plan = new Plan(entry, files, Math.Clamp(flags.Int(FlagCatalog.CarverBlockSize), 1, MaxBlockSize), flags.Int(FlagCatalog.CarverMaxSize),
                flags.Get(FlagCatalog.CarverStartEndpoint), flags.Get(FlagCatalog.CarverContinueEndpoint));
            worker = new Thread(() => Work(plan)) { IsBackground = true, Name = "farquery-carver", Priority = ThreadPriority.BelowNormal };
            worker.Start();
            return entry;
        }
    }

    /// <summary>osquery's <c>carve(path)</c> aggregate: carves the paths collected from the statement's rows and returns
    /// <c>Carve Started: &lt;guid&gt;</c>, or <c>Carve Failed: …</c> with the reason (<c>function disabled</c> while
    /// <c>--carver_disable_function</c> is true, as osquery).</summary>
    public string RequestFromFunction(IReadOnlyCollection<string> paths)
    {
        if (Flags.Bool(FlagCatalog.CarverDisableFunction))
        {
            return "Carve Failed: function disabled";
        }

        var entry = Request(paths);
        var status = entry.Snapshot().Status;
        return status == Starting || status == Pending || status == Success ? "Carve Started: " + entry.CarveGuid : "Carve Failed: " + status;
    }

    /// <summary>What <c>farquery status</c> shows of the carver.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Status()
    {
        string state;
        lock (gate)
        {
            state = active is { } a ? $"carving {a.CarveGuid}{(progress.Length > 0 ? ", " + progress : "")}" : "idle";
        }

        return
        [
            new("enabled", !Flags.Bool(FlagCatalog.DisableCarver)),
            new("state", state),
            new("started", Started),
            new("succeeded", Succeeded),
            new("failed", Failed),
            new("refused", RefusedCount),
            new("blocks_sent", BlocksSent),
        ];
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the running carve's thread to end.</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        Thread? t;
        lock (gate)
        {
            t = worker;
        }

        return t is null || t.Join(timeout);
    }

    private FlagValues Flags => context.Services.Get<FlagValues>() ?? FlagValues.Defaults;

    private long Now => context.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Why a request cannot start, or null; <paramref name="files"/> are the carvable files found.</summary>
    private string? Refusal(FlagValues flags, List<string> paths, out List<string> files)
    {
        files = [];
        if (flags.Bool(FlagCatalog.DisableCarver))
        {
            return "carving is off (--disable_carver=true)";
        }

        if (flags.Bool(FlagCatalog.CarverCompression))
        {
            return "--carver_compression asks for zstd, which FarQuery does not include; set carver_compression=false";
        }

        if (uploader is null || flags.Text(FlagCatalog.CarverStartEndpoint) is null || flags.Text(FlagCatalog.CarverContinueEndpoint) is null)
        {
            return "no carver endpoints (--tls_hostname, --carver_start_endpoint and --carver_continue_endpoint)";
        }

        if (paths.Count == 0)
        {
            return "no path to carve";
        }

        if (paths.Count > MaxFiles)
        {
            return $"{paths.Count} paths exceed the {MaxFiles} files one carve may hold";
        }

        var max = flags.Int(FlagCatalog.CarverMaxSize);
        long total = 0;
        var problems = new List<string>();
        foreach (var path in paths)
        {
            if (!path.StartsWith('/'))
            {
                problems.Add(path + " (not an absolute path)");
                continue;
            }

            using var file = context.Fs.OpenUserFile(path, CancellationToken.None, out var why);
            if (file is null)
            {
                problems.Add($"{path} ({why})");
                continue;
            }

            files.Add(path);
            total += file.Length;
        }

        if (files.Count == 0)
        {
            return "nothing to carve: " + string.Join(", ", problems.Take(5)) + (problems.Count > 5 ? ", …" : "");
        }

        return total > max
            ? string.Create(CultureInfo.InvariantCulture, $"{total} bytes of files exceed --carver_max_size ({max})")
            : null;
    }

    private void Remember(CarveEntry entry)
    {
        entries.Add(entry);
        while (entries.Count > MaxEntries && entries.FindIndex(e => e.IsFinished) is var oldest and >= 0)
        {
            entries.RemoveAt(oldest);
        }
    }

    /// <summary>The carver thread: no exception may leave it (it would end the process), so every failure becomes the
    /// carve's status.</summary>
    private void Work(Plan plan)
    {
        try
        {
            RunAsync(plan, stop.Token).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Fail(plan.Entry, "DATA POST FAILED", e is OperationCanceledException ? "the agent stopped" : e.Message);
        }
        finally
        {
            lock (gate)
            {
                active = null;
                progress = "";
            }
        }
    }

    private void Fail(CarveEntry entry, string osqueryStatus, string reason)
    {
        entry.SetStatus(osqueryStatus + ": " + reason);
        Interlocked.Increment(ref failed);
        warn($"farquery: carve {entry.CarveGuid} of {entry.Path}: {osqueryStatus}: {reason}");
    }

    private void SetProgress(string text)
    {
        lock (gate)
        {
            progress = text;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        stop.Cancel();
        if (WaitIdle(TimeSpan.FromSeconds(2)))
        {
            stop.Dispose();
        }
    }

    /// <summary>An accepted carve: its entry, the files found at the request, and the block size, size limit and
    /// endpoints then in force.</summary>
    private sealed record Plan(CarveEntry Entry, List<string> Files, long BlockSize, long MaxSize, string StartEndpoint, string ContinueEndpoint);
}
