// SPDX-License-Identifier: Apache-2.0
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Interop.Sqlite3;

namespace FarQuery.Sql;

/// <summary>The native side of the SQL host: one sqlite3_module shared by every table, whose callbacks reach managed
/// state through GCHandles stored after the sqlite3_vtab and sqlite3_vtab_cursor headers. Each callback is a shim that
/// copies its arguments out and calls managed code (<see cref="IndexPlanner"/> for xBestIndex,
/// <see cref="CursorState.Filter"/> for xFilter). No exception crosses into native code: every callback catches, sets
/// the error message and returns an SQLite error code. SQLite owns each module name's state and frees
/// it through <see cref="XDestroyModule"/> when the connection closes (docs/sql-host.md).</summary>
public sealed unsafe partial class SqlHost
{
    private static readonly sqlite3_module* Module = CreateModule();

    private readonly HashSet<string> tablesScanned = new(StringComparer.Ordinal);
    private int liveModules;

    // Calls of xBestIndex on this connection (under the gate): how often a statement was planned.
    private int plans;
    private CancellationToken currentCancellation;
    private EventBookmarks? currentBookmarks;

    /// <summary>Our sqlite3_vtab: SQLite's header, then the handle of the managed <see cref="VtabState"/>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FqVtab
    {
        public sqlite3_vtab Base;
        public nint State;
    }

    /// <summary>Our sqlite3_vtab_cursor: SQLite's header, then the handle of the managed <see cref="CursorState"/>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FqCursor
    {
        public sqlite3_vtab_cursor Base;
        public nint State;
    }

    private static sqlite3_module* CreateModule()
    {
        // Lives for the process: every connection of every host shares it.
        var m = (sqlite3_module*)NativeMemory.AllocZeroed((nuint)sizeof(sqlite3_module));
        m->iVersion = 1;

        // xCreate stays NULL: an eponymous-only module (https://sqlite.org/vtab.html#eponymous_only_virtual_tables).
        m->xConnect = &XConnect;
        m->xBestIndex = &XBestIndex;
        m->xDisconnect = &XDisconnect;
        m->xDestroy = &XDisconnect;
        m->xOpen = &XOpen;
        m->xClose = &XClose;
        m->xFilter = &XFilter;
        m->xNext = &XNext;
        m->xEof = &XEof;
        m->xColumn = &XColumn;
        m->xRowid = &XRowid;
        return m;
    }

    /// <summary>Every table name and alias of <paramref name="tables"/>, compared without case as SQLite compares names,
    /// and their filter.</summary>
    private static TableNames NameIndex(IReadOnlyList<TableRegistration> tables)
    {
        var index = new Dictionary<string, TableRegistration>(tables.Count * 3, StringComparer.OrdinalIgnoreCase);
        var filter = new SqlNameFilter();
        foreach (var table in tables)
        {
            Add(table.Name, table);
            foreach (var alias in table.Schema.Aliases)
            {
                Add(alias, table);
            }
        }

        return new TableNames(index, filter);

        void Add(string name, TableRegistration table)
        {
            if (!index.TryAdd(name, table))
            {
                throw new SqlQueryException($"cannot register table {name}: the name is taken");
            }

            filter.Add(name);
        }
    }

    private void RegisterModule(string name, TableRegistration table)
    {
        // SQLite owns the state from here: XDestroyModule frees it when the connection closes, or at once if the
        // registration fails (https://sqlite.org/c3ref/create_module.html).
        var state = GCHandle.ToIntPtr(GCHandle.Alloc(new ModuleState(this, table)));
        Interlocked.Increment(ref liveModules);
        var db = connection.Handle!.DangerousGetHandle();
        var utf8 = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* z = utf8)
        {
            var rc = sqlite3_create_module_v2(db, z, Module, state, &XDestroyModule);
            if (rc != SQLITE_OK)
            {
                throw new SqlQueryException($"cannot register table {name}: SQLite error {rc}");
            }
        }
    }

    /// <summary>How many module states SQLite still holds for this host: one per table name and alias while the
    /// connection is open, none once it is closed.</summary>
    internal int LiveModules => Volatile.Read(ref liveModules);

    /// <summary>The module destructor SQLite calls once per registered name, when it no longer needs the state.</summary>
    [UnmanagedCallersOnly]
    private static void XDestroyModule(nint state)
    {
        try
        {
            var handle = GCHandle.FromIntPtr(state);
            if (handle.Target is ModuleState module)
            {
                Interlocked.Decrement(ref module.Host.liveModules);
            }

            handle.Free();
        }
        catch (Exception e)
        {
            // Only a handle SQLite did not get from RegisterModule lands here: the module table is corrupt.
            Environment.FailFast("SQLite destroyed a module state FarQuery did not register", e);
        }
    }

    private static T Target<T>(nint handle)
        where T : class => Unsafe.As<T>(GCHandle.FromIntPtr(handle).Target!);

    private static byte* SqliteString(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var p = (byte*)sqlite3_malloc(bytes.Length + 1);
        if (p != null)
        {
            bytes.CopyTo(new Span<byte>(p, bytes.Length));
            p[bytes.Length] = 0;
        }

        return p;
    }

    private static void SetError(sqlite3_vtab* vtab, string message)
    {
        if (vtab->zErrMsg != null)
        {
            sqlite3_free(vtab->zErrMsg);
        }

        vtab->zErrMsg = SqliteString(message);
    }

    private static string Describe(Exception e) => e is AggregateException { InnerException: { } inner } ? inner.Message : e.Message;

    [UnmanagedCallersOnly]
    private static int XConnect(nint db, nint aux, int argc, byte** argv, sqlite3_vtab** ppVtab, byte** pzErr)
    {
        try
        {
            var module = Target<ModuleState>(aux);
            var sql = Encoding.UTF8.GetBytes(module.Registration.Schema.ToDeclareSql("x") + "\0");
            fixed (byte* z = sql)
            {
                var rc = sqlite3_declare_vtab(db, z);
                if (rc != SQLITE_OK)
                {
                    *pzErr = SqliteString($"cannot declare table {module.Registration.Name}: SQLite error {rc}");
                    return rc;
                }
            }

            var table = module.Registration.Factory(module.Host.Context);
            var vt = (FqVtab*)NativeMemory.AllocZeroed((nuint)sizeof(FqVtab));
            vt->State = GCHandle.ToIntPtr(GCHandle.Alloc(new VtabState(module.Host, module.Registration, table)));
            *ppVtab = &vt->Base;
            return SQLITE_OK;
        }
        catch (Exception e)
        {
            *pzErr = SqliteString(Describe(e));
            return SQLITE_ERROR;
        }
    }

    [UnmanagedCallersOnly]
    private static int XDisconnect(sqlite3_vtab* vtab)
    {
        var vt = (FqVtab*)vtab;
        if (vt->State != 0)
        {
            GCHandle.FromIntPtr(vt->State).Free();
        }

        NativeMemory.Free(vt);
        return SQLITE_OK;
    }

    [UnmanagedCallersOnly]
    private static int XBestIndex(sqlite3_vtab* vtab, sqlite3_index_info* info)
    {
        try
        {
            var vtabState = Target<VtabState>(((FqVtab*)vtab)->State);
            var schema = vtabState.Table.Schema;

            // Planning sees every table a statement references, even those a join never scans: the scheduler uses this
            // to know which queries read event tables.
            vtabState.Host.tablesScanned.Add(schema.Name);
            vtabState.Host.plans++;
            var filtersText = vtabState.Table.FiltersTextEqualities;
            var constraints = new IndexConstraint[info->nConstraint];
            for (var i = 0; i < constraints.Length; i++)
            {
                var c = info->aConstraint[i];
                var textFilter = filtersText && IndexPlanner.FiltersText(schema, c.iColumn, c.op);

                // sqlite3_vtab_in knows the first 32 constraints only: past them an = may be an IN that SQLite would drive
                // one value per scan, so it counts as an IN that cannot come whole.
                var whole = textFilter && i < 32 && sqlite3_vtab_in(info, i, -1) != 0;
                constraints[i] = new IndexConstraint(c.iColumn, c.op, c.usable != 0, !textFilter || IsBinary(sqlite3_vtab_collation(info, i)), whole || i >= 32, whole);
            }

            var orderBy = new IndexOrderBy[info->nOrderBy];
            for (var i = 0; i < orderBy.Length; i++)
            {
                orderBy[i] = new IndexOrderBy(info->aOrderBy[i].iColumn, info->aOrderBy[i].desc != 0);
            }

            var plan = IndexPlanner.Plan(schema, constraints, orderBy, info->colUsed, filtersText);
            for (var i = 0; i < constraints.Length; i++)
            {
                info->aConstraintUsage[i].argvIndex = plan.ArgvIndex[i];
                info->aConstraintUsage[i].omit = plan.Omit[i] ? (byte)1 : (byte)0;
                if (plan.HandleIn[i])
                {
                    sqlite3_vtab_in(info, i, 1);
                }
            }

            info->idxNum = plan.IdxNum;
            info->estimatedCost = plan.EstimatedCost;
            info->estimatedRows = plan.EstimatedRows;
            info->orderByConsumed = plan.OrderByConsumed ? 1 : 0;
            info->idxStr = SqliteString(plan.IdxStr);
            info->needToFreeIdxStr = 1;
            return SQLITE_OK;
        }
        catch (Exception e)
        {
            SetError(vtab, Describe(e));
            return SQLITE_ERROR;
        }
    }

    private static bool IsBinary(byte* collation) =>
        collation != null && MemoryMarshal.CreateReadOnlySpanFromNullTerminated(collation).SequenceEqual("BINARY"u8);

    [UnmanagedCallersOnly]
    private static int XOpen(sqlite3_vtab* vtab, sqlite3_vtab_cursor** ppCursor)
    {
        try
        {
            var state = Target<VtabState>(((FqVtab*)vtab)->State);
            var cursor = (FqCursor*)NativeMemory.AllocZeroed((nuint)sizeof(FqCursor));
            cursor->State = GCHandle.ToIntPtr(GCHandle.Alloc(new CursorState(state)));
            *ppCursor = &cursor->Base;
            return SQLITE_OK;
        }
        catch (Exception e)
        {
            SetError(vtab, Describe(e));
            return SQLITE_NOMEM;
        }
    }

    [UnmanagedCallersOnly]
    private static int XClose(sqlite3_vtab_cursor* cursor)
    {
        var c = (FqCursor*)cursor;
        if (c->State != 0)
        {
            var handle = GCHandle.FromIntPtr(c->State);
            try
            {
                (handle.Target as CursorState)?.Reset();
            }
            catch (Exception)
            {
                // Disposing a table's enumerator must not take the process down; the cursor is going away regardless.
            }

            handle.Free();
        }

        NativeMemory.Free(c);
        return SQLITE_OK;
    }

    [UnmanagedCallersOnly]
    private static int XFilter(sqlite3_vtab_cursor* cursor, int idxNum, byte* idxStr, int argc, nint* argv)
    {
        try
        {
            var state = Target<CursorState>(((FqCursor*)cursor)->State);
            var (used, planned) = IndexPlanner.Decode(Marshal.PtrToStringUTF8((nint)idxStr));
            var constraints = new List<Constraint>(planned.Count);
            for (var k = 0; k < planned.Count; k++)
            {
                IReadOnlyList<object?> values = k >= argc ? [null] : planned[k].InList ? ReadList(argv[k]) : [ReadValue(argv[k])];
                constraints.Add(new Constraint(planned[k].Column, planned[k].Op, values));
            }

            if (state.Filter(idxNum, used, constraints) is { } refusal)
            {
                SetError(cursor->pVtab, refusal);
                return SQLITE_CONSTRAINT;
            }

            return SQLITE_OK;
        }
        catch (Exception e)
        {
            SetError(cursor->pVtab, Describe(e));
            return SQLITE_ERROR;
        }
    }

    /// <summary>The values of an IN list xFilter was given whole (sqlite3_vtab_in_first/next); they are valid only during
    /// the call, so each is copied.</summary>
    private static List<object?> ReadList(nint list)
    {
        var values = new List<object?>();
        nint value;
        var rc = sqlite3_vtab_in_first(list, &value);
        while (rc == SQLITE_OK && value != 0)
        {
            values.Add(ReadValue(value));
            rc = sqlite3_vtab_in_next(list, &value);
        }

        if (rc is not (SQLITE_OK or SQLITE_DONE))
        {
            throw new SqlQueryException($"cannot read an IN list: SQLite error {rc}");
        }

        return values;
    }

    private static object? ReadValue(nint value) => sqlite3_value_type(value) switch
    {
        SQLITE_INTEGER => sqlite3_value_int64(value),
        SQLITE_FLOAT => sqlite3_value_double(value),
        SQLITE_TEXT => Marshal.PtrToStringUTF8((nint)sqlite3_value_text(value), sqlite3_value_bytes(value)),
        SQLITE_BLOB => new ReadOnlySpan<byte>(sqlite3_value_blob(value), sqlite3_value_bytes(value)).ToArray(),
        _ => null,
    };

    [UnmanagedCallersOnly]
    private static int XNext(sqlite3_vtab_cursor* cursor)
    {
        try
        {
            var state = Target<CursorState>(((FqCursor*)cursor)->State);
            if (state.Vtab.Host.currentCancellation.IsCancellationRequested)
            {
                SetError(cursor->pVtab, "interrupted");
                return SQLITE_INTERRUPT;
            }

            state.Advance();
            return SQLITE_OK;
        }
        catch (Exception e)
        {
            SetError(cursor->pVtab, Describe(e));
            return SQLITE_ERROR;
        }
    }

    [UnmanagedCallersOnly]
    private static int XEof(sqlite3_vtab_cursor* cursor)
    {
        try
        {
            return Target<CursorState>(((FqCursor*)cursor)->State).Eof ? 1 : 0;
        }
        catch (Exception)
        {
            return 1;
        }
    }

    [UnmanagedCallersOnly]
    private static int XRowid(sqlite3_vtab_cursor* cursor, long* rowid)
    {
        try
        {
            *rowid = Target<CursorState>(((FqCursor*)cursor)->State).RowId;
            return SQLITE_OK;
        }
        catch (Exception e)
        {
            SetError(cursor->pVtab, Describe(e));
            return SQLITE_ERROR;
        }
    }

    [UnmanagedCallersOnly]
    private static int XColumn(sqlite3_vtab_cursor* cursor, nint ctx, int i)
    {
        try
        {
            var state = Target<CursorState>(((FqCursor*)cursor)->State);
            var row = state.Current;
            var schema = state.Vtab.Table.Schema;
            if (row is null || i < 0 || i >= row.Length)
            {
                sqlite3_result_null(ctx);
                return SQLITE_OK;
            }

            WriteResult(ctx, schema.Columns[i].Type, row[i]);
            return SQLITE_OK;
        }
        catch (Exception e)
        {
            var bytes = Encoding.UTF8.GetBytes(Describe(e));
            fixed (byte* p = bytes)
            {
                sqlite3_result_error(ctx, p, bytes.Length);
            }

            return SQLITE_ERROR;
        }
    }

    /// <summary>Converts a table value to the column's declared type, so every row matches its spec.</summary>
    private static void WriteResult(nint ctx, ColumnType type, object? value)
    {
        if (value is null)
        {
            sqlite3_result_null(ctx);
            return;
        }

        switch (type)
        {
            case ColumnType.Integer or ColumnType.BigInt or ColumnType.UnsignedBigInt:
                if (ValueConvert.TryInteger(value, out var l))
                {
                    sqlite3_result_int64(ctx, l);
                }
                else
                {
                    sqlite3_result_null(ctx);
                }

                break;
            case ColumnType.Double:
                if (ValueConvert.TryDouble(value, out var d))
                {
                    sqlite3_result_double(ctx, d);
                }
                else
                {
                    sqlite3_result_null(ctx);
                }

                break;
            case ColumnType.Blob when value is byte[] blob:
                fixed (byte* p = blob)
                {
                    sqlite3_result_blob(ctx, p, blob.Length, SQLITE_TRANSIENT);
                }

                break;
            default:
                ResultText(ctx, ValueConvert.ToText(value));
                break;
        }
    }

    // Every text column of every row a query reads comes through here: the stack buffer is written before it is read,
    // so it is not zeroed first (1 KB cleared per call was 5 % of the detections' CPU over a burst of file events).
    [SkipLocalsInit]
    private static void ResultText(nint ctx, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(text, buffer);
            fixed (byte* p = buffer)
            {
                sqlite3_result_text(ctx, p, n, SQLITE_TRANSIENT);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>What one registered module name knows: its host and table registration.</summary>
    private sealed record ModuleState(SqlHost Host, TableRegistration Registration);

    /// <summary>One connected virtual table: the table instance and how to build another (pid_with_namespace).</summary>
    private sealed record VtabState(SqlHost Host, TableRegistration Registration, Table Table);

    /// <summary>One open cursor: the table's row enumerator.</summary>
    private sealed class CursorState(VtabState vtab)
    {
        private IEnumerator<object?[]>? rows;

        public VtabState Vtab { get; } = vtab;

        public object?[]? Current { get; private set; }

        public bool Eof { get; private set; } = true;

        /// <summary>The current row's rowid: a 64-bit hash of its values (FNV-1a), read only when SQLite asks (xRowid).
        /// SQLite may answer <c>a = x OR b = y</c> with one xFilter per term on one cursor and drop each row of a later
        /// term whose rowid an earlier term returned; a rowid counted per scan would make it drop other rows that sat at
        /// the same place (<c>path = '/etc/hostname' OR directory = '/tmp/d'</c> lost the first file of /tmp/d), and one
        /// counted across scans would return a row matching both terms twice. The same row gets the same rowid in every
        /// scan; rows equal in every column are one row to such a plan.</summary>
        public long RowId => Current is { } row ? ContentKey(row) : 0;

        /// <summary>xFilter's managed half: turns the plan <see cref="IndexPlanner"/> chose and the values SQLite
        /// bound for it into the table's <see cref="QueryContext"/>, and starts the table's rows. Returns osquery's
        /// message when the plan lacks a required column, else null.</summary>
        public string? Filter(int idxNum, ulong used, List<Constraint> constraints)
        {
            if (idxNum == IndexPlan.MissingRequired)
            {
                return $"Table {Vtab.Table.Schema.Name} was queried without a required column in the WHERE clause";
            }

            var host = Vtab.Host;
            Start(new QueryContext(constraints, used) { Cancellation = host.currentCancellation, Bookmarks = host.currentBookmarks });
            return null;
        }

        private void Start(QueryContext query)
        {
            Reset();
            rows = PidWithNamespace.Rows(Vtab.Registration, Vtab.Table, Vtab.Host.Context, query).GetEnumerator();
            Advance();
        }

        public void Advance()
        {
            if (rows is not null && rows.MoveNext())
            {
                Current = rows.Current;
                Eof = false;
            }
            else
            {
                Current = null;
                Eof = true;
            }
        }

        /// <summary>FNV-1a over each value's type and content (long, double, string, byte[], NULL), masked to a positive
        /// rowid.</summary>
        internal static long ContentKey(object?[] row)
        {
            const ulong Prime = 1099511628211;
            var h = 14695981039346656037UL;
            foreach (var value in row)
            {
                switch (value)
                {
                    case null:
                        h = (h ^ 1) * Prime;
                        break;
                    case long l:
                        h = Mix((h ^ 2) * Prime, (ulong)l);
                        break;
                    case double d:
                        h = Mix((h ^ 3) * Prime, (ulong)BitConverter.DoubleToInt64Bits(d));
                        break;
                    case string text:
                        h = (h ^ 4) * Prime;
                        foreach (var c in text)
                        {
                            h = (h ^ c) * Prime;
                        }

                        h = Mix(h, (ulong)text.Length);
                        break;
                    case byte[] bytes:
                        h = (h ^ 5) * Prime;
                        foreach (var b in bytes)
                        {
                            h = (h ^ b) * Prime;
                        }

                        h = Mix(h, (ulong)bytes.Length);
                        break;
                    default:
                        h = (h ^ 6) * Prime;
                        break;
                }
            }

            return (long)(h & long.MaxValue);

            static ulong Mix(ulong h, ulong v)
            {
                for (var i = 0; i < 8; i++, v >>= 8)
                {
                    h = (h ^ (v & 0xff)) * Prime;
                }

                return h;
            }
        }

        public void Reset()
        {
            rows?.Dispose();
            rows = null;
            Current = null;
            Eof = true;
        }
    }
}
