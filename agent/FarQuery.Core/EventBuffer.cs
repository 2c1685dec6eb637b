// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>The bounded store behind one event table (docs/osquery-compat.md §5): rows get <c>time</c> and a zero-padded
/// <c>eid</c>, the oldest are evicted past <see cref="Capacity"/> and expired past <see cref="Expiry"/>, and every
/// eviction is counted so nothing is lost silently. Rows are also charged to the agent's memory budget (its event share,
/// shared by every event table): past it the oldest rows of this buffer are evicted and counted as dropped, and a row
/// that cannot fit even then is dropped and counted.</summary>
public sealed class EventBuffer
{
    private readonly Lock gate = new();

    // A ring of rows in eid order, oldest at `head`: a scheduled query reads only the rows past its bookmark, found by a
    // binary search instead of a walk over every row held (docs/events.md, "Event-driven detection").
    private Entry[] ring = new Entry[16];
    private int head;
    private int count;
    private readonly TimeProvider time;
    private readonly int timeColumn;
    private readonly int eidColumn;
    private readonly MemoryAccount? account;
    private readonly SharedValues shared = new();
    private long nextEid = 1;
    private long added;
    private long dropped;
    private long expired;

    /// <summary>Creates a buffer for a table whose schema has <c>time</c> and <c>eid</c> columns.</summary>
    public EventBuffer(TableSchema schema, string publisher, int capacity = 50_000, TimeSpan? expiry = null, TimeProvider? time = null, MemoryAccount? account = null)
    {
        this.account = account;
        Schema = schema;
        Publisher = publisher;
        Capacity = capacity;
        Expiry = expiry ?? TimeSpan.FromHours(1);
        this.time = time ?? TimeProvider.System;
        timeColumn = schema.IndexOf("time");
        eidColumn = schema.IndexOf("eid");
    }

    /// <summary>The event table's schema.</summary>
    public TableSchema Schema { get; }

    /// <summary>The table name.</summary>
    public string Name => Schema.Name;

    /// <summary>The publisher that feeds it (ptrace, inotify).</summary>
    public string Publisher { get; }

    /// <summary>Most rows kept (osquery's <c>events_max</c>).</summary>
    public int Capacity { get; set; }

    /// <summary>Age past which rows are expired (osquery's <c>events_expiry</c>).</summary>
    public TimeSpan Expiry { get; set; }

    /// <summary>Rows ever added.</summary>
    public long Added => Interlocked.Read(ref added);

    /// <summary>Rows evicted because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Rows removed because they outlived <see cref="Expiry"/>.</summary>
    public long Expired => Interlocked.Read(ref expired);

    /// <summary>Rows held now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>The eid the next row will get.</summary>
    public long NextEid => Interlocked.Read(ref nextEid);

    /// <summary>osquery's <c>disable_events</c>: rows are not kept (the operator asked for that, so they are not counted
    /// as dropped).</summary>
    public bool Disabled { get; set; }

    /// <summary>Raised after each row is stored (null: nobody listens).</summary>
    public EventSignal? Signal { get; init; }

    /// <summary>Stores a row, stamping <c>time</c> (when not set) and <c>eid</c>; returns the eid (0 while
    /// <see cref="Disabled"/>).</summary>
    public long Add(object?[] row)
    {
        if (Disabled)
        {
            return 0;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        long eid;
        lock (gate)
        {
            eid = nextEid++;
            if (timeColumn >= 0 && row[timeColumn] is null)
            {
                row[timeColumn] = now;
            }

            // Before the eid, which no other row shares.
            shared.Share(row);
            if (eidColumn >= 0)
            {
                row[eidColumn] = eid.ToString("D10", CultureInfo.InvariantCulture);
            }

            // Charged as if nothing were shared: the estimate stays an upper bound.
            var size = MemoryBudget.SizeOf(row);
            added++;
            while (account is not null && !account.TryCharge(size))
            {
                if (count == 0)
                {
                    // Other tables hold the share, or the row alone is larger than it: this row is the one lost.
                    dropped++;
                    return eid;
                }

                DequeueLocked();
                dropped++;
            }

            EnqueueLocked(new Entry(eid, timeColumn >= 0 && row[timeColumn] is long t ? t : now, row, account is null ? 0 : size));
            while (count > Capacity)
            {
                DequeueLocked();
                dropped++;
            }

            ExpireLocked(now);
        }

        Signal?.Raise();
        return eid;
    }

    /// <summary>Counts a row that never reached the buffer (the publisher's queue was full).</summary>
    public void CountDrop() => Interlocked.Increment(ref dropped);

    /// <summary>A copy of the rows with eid greater than <paramref name="afterEid"/> and time in the range, and, for each
    /// of <paramref name="textEquals"/>, whose column is not text or is one of the texts.</summary>
    public List<object?[]> Snapshot(long afterEid = 0, long minTime = long.MinValue, long maxTime = long.MaxValue, TextFilter[]? textEquals = null)
    {
        lock (gate)
        {
            ExpireLocked(time.GetUtcNow().ToUnixTimeSeconds());
            var first = FirstAfterLocked(afterEid);
            var list = new List<object?[]>(textEquals is null ? count - first : 0);
            for (var i = first; i < count; i++)
            {
                ref readonly var e = ref ring[(head + i) % ring.Length];
                if (e.Time >= minTime && e.Time <= maxTime && Matches(e.Row, textEquals))
                {
                    list.Add(e.Row);
                }
            }

            return list;
        }
    }

    /// <summary>Whether a row passes the text equalities: a row whose column holds no text (NULL, a number) is kept for
    /// SQLite to judge, since only text compares ordinally as SQLite's BINARY collation does.</summary>
    private static bool Matches(object?[] row, TextFilter[]? textEquals)
    {
        if (textEquals is null)
        {
            return true;
        }

        // Runs for every buffered row of every detection's scan: indexes and arrays only, nothing allocated.
        for (var i = 0; i < textEquals.Length; i++)
        {
            if (row[textEquals[i].Column] is string value && !textEquals[i].Contains(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One pushed-down text equality or IN list: the column and the texts it allows.</summary>
    /// <param name="Column">The column ordinal.</param>
    /// <param name="Texts">The texts, without repeats.</param>
    public readonly record struct TextFilter(int Column, string[] Texts)
    {
        /// <summary>Whether <paramref name="value"/> is one of the texts, compared ordinally as SQLite's BINARY does. The
        /// lists are a detection's few names (<c>syscall IN ('execve', 'execveat')</c>): a linear search beats a hash.</summary>
        public bool Contains(string value)
        {
            foreach (var text in Texts)
            {
                if (string.Equals(text, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The <c>=</c> and <c>IN</c> constraints on the table's TEXT columns other than <c>time</c> whose every value
    /// is text: the SQL host pushes them down only to a table that filters by them (Table.FiltersTextEqualities), with an
    /// IN list whole, and SQLite checks every row again, so dropping what differs is exact (docs/sql-host.md, "The
    /// planner"). A list holding a number or NULL is left to SQLite, which compares those by its affinity rules.</summary>
    private TextFilter[]? TextEquals(QueryContext query)
    {
        List<TextFilter>? result = null;
        foreach (var c in query.Constraints)
        {
            if (c.Op == ConstraintOp.Equals && c.Column != timeColumn && c.Column >= 0 && c.Column < Schema.Columns.Count
                && Schema.Columns[c.Column].Type == ColumnType.Text && c.Values.All(v => v is string))
            {
                (result ??= []).Add(new TextFilter(c.Column, c.Values.Select(v => (string)v!).Distinct(StringComparer.Ordinal).ToArray()));
            }
        }

        return result?.ToArray();
    }

    /// <summary>The rows one scan of the event table returns: the <c>time</c> range pushed down from the query, the rows
    /// whose text differs from a pushed-down equality left out, and for a scheduled query only the events after its
    /// bookmark (a constraint on <c>time</c> disables the bookmark, as in osquery).</summary>
    public List<object?[]> Read(QueryContext query)
    {
        var (min, max) = timeColumn >= 0 ? query.IntegerRange(timeColumn) : (long.MinValue, long.MaxValue);
        var useBookmark = query.Bookmarks is not null && min == long.MinValue && max == long.MaxValue;
        var after = useBookmark ? query.Bookmarks!.Get(Name) : 0;
        List<object?[]> rows;
        long last;
        lock (gate)
        {
            rows = Snapshot(after, min, max, TextEquals(query));
            last = nextEid - 1;
        }

        if (useBookmark)
        {
            query.Bookmarks!.Observe(Name, last);
        }

        return rows;
    }

    private void ExpireLocked(long now)
    {
        var cutoff = now - (long)Expiry.TotalSeconds;
        while (count > 0 && ring[head].Time < cutoff)
        {
            DequeueLocked();
            expired++;
        }
    }

    private void DequeueLocked()
    {
        // Dequeued outside the null-conditional call: "account?.Release(Dequeue()...)" would skip the dequeue itself when
        // no account is set.
        var bytes = ring[head].Bytes;
        ring[head] = default;
        head = (head + 1) % ring.Length;
        count--;
        account?.Release(bytes);
    }

    private void EnqueueLocked(Entry entry)
    {
        if (count == ring.Length)
        {
            var larger = new Entry[ring.Length * 2];
            for (var i = 0; i < count; i++)
            {
                larger[i] = ring[(head + i) % ring.Length];
            }

            ring = larger;
            head = 0;
        }

        ring[(head + count) % ring.Length] = entry;
        count++;
    }

    /// <summary>The position (0 = oldest) of the first row whose eid is greater than <paramref name="afterEid"/>; eids
    /// grow with the position, so a binary search finds it.</summary>
    private int FirstAfterLocked(long afterEid)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (ring[(head + mid) % ring.Length].Eid > afterEid)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    private readonly record struct Entry(long Eid, long Time, object?[] Row, long Bytes);
}
