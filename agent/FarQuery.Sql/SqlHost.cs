// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using FarQuery.Core.Memory;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace FarQuery.Sql;

/// <summary>One in-memory SQLite connection with every table registered as an eponymous virtual table, so
/// <c>SELECT * FROM processes</c> works with no CREATE VIRTUAL TABLE. This part holds the connection and queries;
/// <c>SqlHost.VirtualTables.cs</c> holds the native module callbacks, <c>SqlHost.Authorizer.cs</c> the authorizer
/// callback and <c>SqlHost.Functions.cs</c> osquery's SQL functions (docs/sql-host.md).</summary>
public sealed partial class SqlHost : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    // Scheduled queries run the same text every few seconds, and with event-driven detection after every burst of
    // events: parsing and planning them again was most of the scheduler's CPU under a fork/exec storm (docs/sql-host.md,
    // "Prepared statements"). Kept per text, at most MaxPrepared, with the tables their planning saw.
    private const int MaxPrepared = 512;
    private readonly Dictionary<string, PreparedQuery> prepared = new(StringComparer.Ordinal);

    // Columns is null for a statement kept by Check, which has not run yet.
    private sealed record PreparedQuery(SqliteCommand Command, string[] Tables, string[]? Columns);

    // osquery's functions not registered yet, by name: each is registered when a statement first names it.
    private readonly Dictionary<string, Action> pendingFunctions;

    // Table names and aliases, each registered with SQLite when a statement first names it (docs/sql-host.md,
    // "Tables"). The name index is built once per table list and shared by every host over it: the agent opens several
    // connections at start, and filling a case-insensitive map of some 500 names for each was a tenth of its start.
    private static readonly ConditionalWeakTable<IReadOnlyList<TableRegistration>, TableNames> NameIndexes = new();
    private readonly Dictionary<string, TableRegistration> tableNames;

    // The index of a table list, with the filter of its names.
    private sealed record TableNames(Dictionary<string, TableRegistration> Index, SqlNameFilter Filter);

    // Every name a word of a statement can make this host register: its tables, osquery's functions and the pragmas
    // that list them all (registered or not, so it never changes).
    private readonly SqlNameFilter registrable;
    private readonly HashSet<string> registeredTables = new(StringComparer.OrdinalIgnoreCase);

    // Set by Dispose; read by the interrupt callback of a query that is still running on another thread.
    private volatile bool disposed;

    // SQLite is loaded by its exact file, and both our bindings and Microsoft.Data.Sqlite's provider bind to it, before
    // the first SQLite call: no search of the loader's path (docs/tracer.md, "The start path").
    static SqlHost() => Interop.LibraryResolver.BindSqlite3(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly);

    /// <summary>Opens the connection; the tables (and their aliases) are registered with SQLite when a statement first
    /// names them.</summary>
    public SqlHost(IReadOnlyList<TableRegistration> tables, TableContext context)
    {
        Tables = tables;
        Context = context;
        if (context.Registry.Count == 0)
        {
            context.Registry = tables;
        }

        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        foreach (var name in VersionCollation.Names)
        {
            var compare = VersionCollation.For(name);
            connection.CreateCollation(name, (x, y) => compare(x, y));
        }

        pendingFunctions = FunctionRegistrations();
        var index = NameIndexes.GetValue(tables, NameIndex);
        tableNames = index.Index;
        registrable = index.Filter.Copy();
        foreach (var name in pendingFunctions.Keys)
        {
            registrable.Add(name);
        }

        foreach (var name in ListingWords)
        {
            registrable.Add(name);
        }

        // Sorts and temporary tables stay in SQLite's heap, under its hard limit, rather than growing files: the agent's
        // SQL writes no files, and a root file system may be read-only.
        Execute("PRAGMA temp_store = MEMORY");
        ApplyLimits();

        // Everything an operator or a pack may run is a read. The authorizer is the one policy, for every caller of
        // this host: an allow-list (SqlAuthorizer) that refuses writes, schema changes, ATTACH, transactions and
        // pragma assignments with a reason. query_only and the virtual tables' lack of xUpdate stay underneath it.
        // Both pragmas run before the authorizer is installed, which would refuse them (docs/sql-host.md).
        Execute("PRAGMA query_only = 1");
        InstallAuthorizer();
        StatusSources.Of(context).Add("memory", () => [.. MemoryStatus(context.Budget)]);
    }

    /// <summary>What <c>farquery status</c> shows of the memory budget: its size and source, and per share the limit,
    /// what is held now, the peak and the refusals.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> MemoryStatus(MemoryBudget budget)
    {
        yield return new("budget_bytes", budget.Bytes);
        yield return new("budget_source", budget.Source);
        yield return new("container_limit_bytes", budget.ContainerLimit);
        yield return new("sqlite_heap_limit_bytes", budget.SqliteHeap);
        yield return new("sqlite_heap_used_bytes", Interop.Sqlite3.sqlite3_memory_used());
        yield return new("sqlite_heap_peak_bytes", Interop.Sqlite3.sqlite3_memory_highwater(0));
        foreach (var account in new[] { budget.Results, budget.Events, budget.Logs })
        {
            yield return new(account.Name + "_limit_bytes", account.Limit);
            yield return new(account.Name + "_used_bytes", account.Used);
            yield return new(account.Name + "_peak_bytes", account.Peak);
            yield return new(account.Name + "_refused", account.Refused);
        }

        // The runtime's heap, outside the shares: what the budget's fixed margin is made of (docs/memory.md, "Fixed
        // margin"). Committed minus the heap's size is the GC's own slack (partly filled and retained free regions).
        var gc = GC.GetGCMemoryInfo();
        yield return new("gc_heap_bytes", gc.HeapSizeBytes);
        yield return new("gc_committed_bytes", gc.TotalCommittedBytes);
        yield return new("gc_fragmented_bytes", gc.FragmentedBytes);
        yield return new("gc_allocated_bytes", GC.GetTotalAllocatedBytes());
        yield return new("gc_collections", $"{GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}");
    }

    /// <summary>The registered tables.</summary>
    public IReadOnlyList<TableRegistration> Tables { get; }

    /// <summary>Services the tables share.</summary>
    public TableContext Context { get; }

    /// <summary>Runs one statement and returns all its rows. Throws <see cref="SqlQueryException"/> with SQLite's message.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="timeout">Interrupts the query past this time; null for none.</param>
    /// <param name="maxRows">Stops with an error past this many rows; 0 for no limit.</param>
    /// <param name="cancellation">Interrupts the query when cancelled.</param>
    /// <param name="bookmarks">A scheduled query's event bookmarks: committed when the query succeeds.</param>
    public QueryResult Query(string sql, TimeSpan? timeout = null, int maxRows = 0, CancellationToken cancellation = default, EventBookmarks? bookmarks = null)
    {
        RefuseNul(sql);

        // One connection serves one statement at a time; callers on other threads wait their turn.
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var started = Stopwatch.GetTimestamp();

            // The statement runs on this thread: its own CPU clock is the query's cost, without what other threads
            // (the tracer, other connections) spent meanwhile, and reading it is cheap.
            var (user0, system0) = Interop.Libc.ThreadCpuMicroseconds();
            using var deadline = new CancellationTokenSource();
            using var timer = timeout is { } t ? Deadline.CancelAfter(deadline, t) : null;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellation);
            currentCancellation = linked.Token;
            currentBookmarks = bookmarks;
            tablesScanned.Clear();
            ResetDenial();
            using var interrupt = linked.Token.Register(Interrupt);
            long charged = 0;
            var refusedBefore = Budget.Results.Refused;
            ApplyLimits();
            var cached = bookmarks is not null && prepared.TryGetValue(sql, out var entry) ? entry : null;
            if (cached is null)
            {
                // A kept statement's text was searched when it was first run, and functions and tables stay registered.
                RegisterNamedIn(sql);
            }

            var command = cached?.Command ?? connection.CreateCommand();
            var keep = false;
            try
            {
                if (cached is null)
                {
                    command.CommandText = sql;
                }

                using var reader = command.ExecuteReader();
                // A kept statement's columns are those of its first run: its text and the tables' schemas do not change.
                var columns = cached?.Columns ?? new string[reader.FieldCount];
                for (var i = cached?.Columns is null ? 0 : columns.Length; i < columns.Length; i++)
                {
                    columns[i] = reader.GetName(i);
                }

                var rows = new List<object?[]>();
                while (reader.Read())
                {
                    if (maxRows > 0 && rows.Count >= maxRows)
                    {
                        throw new SqlQueryException($"the result exceeds the limit of {maxRows} rows", kind: SqlErrorKind.RowLimit);
                    }

                    var row = new object?[columns.Length];
                    for (var i = 0; i < row.Length; i++)
                    {
                        var v = reader.GetValue(i);
                        row[i] = v is DBNull ? null : v;
                    }

                    // Charged before the row is kept, so the budget holds while the result grows, on every path
                    // (admin socket, in-process CLI, scheduler, distributed queries).
                    var size = MemoryBudget.SizeOf(row) + 8;
                    if (!Budget.Results.TryCharge(size))
                    {
                        throw ResultTooLarge(charged);
                    }

                    charged += size;
                    rows.Add(row);
                }

                // Microsoft.Data.Sqlite steps the statements after the first when the reader is disposed and drops
                // their errors, and only the first statement's rows are the result. They are stepped here instead, so
                // that one the authorizer refused fails the whole request, as it would on its own; their other errors
                // stay dropped as before.
                try
                {
                    while (reader.NextResult())
                    {
                    }
                }
                catch (SqliteException) when (lastDenial is null)
                {
                }

                bookmarks?.Commit();
                var (user1, system1) = Interop.Libc.ThreadCpuMicroseconds();

                // A statement kept prepared is not planned again, so the tables its first planning saw travel with it.
                // Usually nothing was planned again, and the kept list is the answer as it stands (no copy per run).
                string[] tables = cached is null ? [.. tablesScanned]
                    : tablesScanned.IsSubsetOf(cached.Tables) ? cached.Tables : [.. tablesScanned.Union(cached.Tables)];
                keep = cached is not null || (bookmarks is not null && prepared.Count < MaxPrepared);
                if ((cached is null && keep) || cached is { Columns: null })
                {
                    prepared[sql] = new PreparedQuery(command, tables, columns);
                }

                return new QueryResult(columns, rows, Stopwatch.GetElapsedTime(started))
                {
                    Tables = tables,
                    UserTime = TimeSpan.FromMicroseconds(user1 - user0),
                    SystemTime = TimeSpan.FromMicroseconds(system1 - system0),
                };
            }
            catch (SqliteException e)
            {
                bookmarks?.Rollback();
                if (deadline.IsCancellationRequested)
                {
                    throw new SqlQueryException($"query stopped: it ran past the time limit of {timeout!.Value.TotalSeconds:0.###} s", e, SqlErrorKind.Timeout);
                }

                if (cancellation.IsCancellationRequested)
                {
                    throw new SqlQueryException("query cancelled", e, SqlErrorKind.Cancelled);
                }

                throw Failure(e);
            }
            catch
            {
                bookmarks?.Rollback();
                throw;
            }
            finally
            {
                if (!keep)
                {
                    // A failed statement is prepared again next time, in case what failed was its preparation. Only the
                    // kept one leaves the cache: an ad hoc run of the same text did not use it.
                    if (cached is not null)
                    {
                        prepared.Remove(sql);
                    }

                    command.Dispose();
                }

                currentCancellation = default;
                currentBookmarks = null;
                Budget.Results.Release(charged);
                if (charged > Budget.Results.Limit / 4 || Budget.Results.Refused != refusedBefore)
                {
                    ReturnToSystem();
                }
            }
        }
    }

    /// <summary>How many times SQLite has asked this host to plan a table scan (xBestIndex): a statement kept prepared
    /// is not planned again.</summary>
    internal int Plans => plans;

    /// <summary>The statements kept prepared.</summary>
    internal int KeptStatements
    {
        get
        {
            lock (gate)
            {
                return prepared.Count;
            }
        }
    }

    /// <summary>The memory budget this host's queries are held to (its context's).</summary>
    public MemoryBudget Budget => Context.Budget;

    /// <summary>Stops the statement running on this host now, from any thread; it fails with SQLITE_INTERRUPT. Safe at
    /// any time, also after <see cref="Dispose"/>: it runs from timer and cancellation callbacks, where an exception
    /// would end the process.</summary>
    public void Interrupt()
    {
        if (disposed)
        {
            return;
        }

        try
        {
            SQLitePCL.raw.sqlite3_interrupt(connection.Handle);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the call: nothing runs any more.
        }
    }

    /// <summary>Prepares a statement without running it; returns null when it compiles, else SQLite's message.</summary>
    public string? Check(string sql) => Check(sql, out _);

    /// <summary>Prepares a statement without running it and names the virtual tables it references. With
    /// <paramref name="keep"/> (a scheduled query's check), a statement that compiles is kept prepared for its first run
    /// with event bookmarks, as that run would have kept it: what the scheduler checks at start is not parsed and planned
    /// a second time when it first runs, and a text already kept is not prepared again (docs/sql-host.md, "Prepared
    /// statements").</summary>
    public string? Check(string sql, out IReadOnlyCollection<string> tables, bool keep = false)
    {
        tables = [];
        if (sql.Contains('\0', StringComparison.Ordinal))
        {
            return NulMessage;
        }

        lock (gate)
        {
            if (keep && prepared.TryGetValue(sql, out var kept))
            {
                tables = kept.Tables;
                return null;
            }

            tablesScanned.Clear();
            ResetDenial();
            SqliteCommand? command = null;
            try
            {
                RegisterNamedIn(sql);
                command = connection.CreateCommand();
                if (keep)
                {
                    // Every statement of the text is prepared (and planned), none is stepped.
                    command.CommandText = sql;
                    command.Prepare();
                }
                else
                {
                    command.CommandText = "EXPLAIN " + sql;
                    using var reader = command.ExecuteReader();
                }

                string[] scanned = [.. tablesScanned];
                tables = scanned;
                if (keep && prepared.Count < MaxPrepared)
                {
                    prepared[sql] = new PreparedQuery(command, scanned, null);
                    command = null;
                }

                return null;
            }
            catch (SqliteException e)
            {
                return Failure(e).Message;
            }
            finally
            {
                command?.Dispose();
            }
        }
    }

    /// <summary>Interrupts a running statement, waits for it to end (bounded: a table blocked in a read still lets
    /// the caller go), then closes the connection.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        Interrupt();
        var entered = gate.TryEnter(TimeSpan.FromSeconds(1));
        try
        {
            disposed = true;
            if (entered)
            {
                foreach (var p in prepared.Values)
                {
                    p.Command.Dispose();
                }

                prepared.Clear();

                // Closing the connection makes SQLite call XDestroyModule for every registered name.
                connection.Dispose();
            }

            // Not entered: a table ignores the interrupt; the connection and the module states stay with the statement
            // (and are reclaimed when the process exits) rather than being freed under it.
        }
        finally
        {
            if (entered)
            {
                gate.Exit();
            }
        }
    }

    /// <summary>The one place SQLite's result codes become a <see cref="SqlQueryException"/> with a typed kind: the
    /// memory limits, the authorizer's reason for a refusal, else SQLite's own message (docs/sql-host.md, "Errors").</summary>
    private SqlQueryException Failure(SqliteException e) => e.SqliteErrorCode switch
    {
        Interop.Sqlite3.SQLITE_NOMEM => new SqlQueryException(
            $"query stopped: SQLite's memory passed the agent's limit of {Mib(Budget.SqliteHeap)} ({Budget.Describe()})", e, SqlErrorKind.MemoryBudget),
        Interop.Sqlite3.SQLITE_TOOBIG => new SqlQueryException(
            $"query stopped: a string or blob passed the agent's limit of {Mib(Budget.MaxValueBytes)} per value ({Budget.Describe()})", e, SqlErrorKind.MemoryBudget),
        Interop.Sqlite3.SQLITE_AUTH when lastDenial is not null => new SqlQueryException(lastDenial, e),
        _ => new SqlQueryException(Clean(e.Message), e),
    };

    // SQLite's heap limit is process-wide and the budget may be resized (the ECS task's memory arrives after start), so
    // both are set before each statement; each call is a mutex and a store.
    private void ApplyLimits()
    {
        var budget = Budget;
        Interop.Sqlite3.sqlite3_hard_heap_limit64(budget.SqliteHeap);
        Interop.Sqlite3.sqlite3_soft_heap_limit64(budget.SqliteHeap / 2);
        var db = connection.Handle!.DangerousGetHandle();
        Interop.Sqlite3.sqlite3_limit(db, Interop.Sqlite3.SQLITE_LIMIT_LENGTH, (int)budget.MaxValueBytes);
        Interop.Sqlite3.sqlite3_limit(db, Interop.Sqlite3.SQLITE_LIMIT_SQL_LENGTH, MaxSqlBytes);
    }

    /// <summary>The longest statement SQLite accepts (<c>SQLITE_LIMIT_SQL_LENGTH</c>), as long as the admin socket's
    /// largest request frame.</summary>
    public const int MaxSqlBytes = 1 << 20;

    private SqlQueryException ResultTooLarge(long charged) => new(
        $"query stopped: its result passed the agent's limit for query results in memory ({Mib(Budget.Results.Limit)} for all queries running at once, "
        + $"this one held {Mib(charged)}; {Budget.Describe()}); add a LIMIT or select fewer columns",
        kind: SqlErrorKind.MemoryBudget);

    /// <summary>After a large or refused result: collects the garbage the rows left (compacting, so the GC can decommit
    /// its segments) and trims glibc's heap, which keeps what SQLite freed unless asked, so the agent's RSS falls back
    /// near its idle level instead of staying at its peak.</summary>
    private static void ReturnToSystem()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            Interop.Libc.malloc_trim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc: its allocator returns memory on its own terms.
        }
    }

    private static string Mib(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB");

    private const string NulMessage = "the statement contains a NUL character (\\u0000); SQLite would stop reading it there";

    // Microsoft.Data.Sqlite prepares statement after statement until the text is used up, and a NUL ends SQLite's
    // reading without consuming it: the text never runs out and the loop spins. Refused before it reaches SQLite.
    private static void RefuseNul(string sql)
    {
        if (sql.Contains('\0', StringComparison.Ordinal))
        {
            throw new SqlQueryException(NulMessage);
        }
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // Microsoft.Data.Sqlite prefixes "SQLite Error N: '...'"; osquery users expect SQLite's own words.
    private static string Clean(string message)
    {
        const string prefix = "SQLite Error ";
        if (message.StartsWith(prefix, StringComparison.Ordinal))
        {
            var quote = message.IndexOf('\'');
            if (quote > 0 && message.EndsWith("'.", StringComparison.Ordinal))
            {
                return message[(quote + 1)..^2];
            }
        }

        return message;
    }
}
