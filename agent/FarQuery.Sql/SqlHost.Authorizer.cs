// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using static Interop.Sqlite3;

namespace FarQuery.Sql;

/// <summary>The native side of the SQL policy: the authorizer callback that asks <see cref="SqlAuthorizer"/> about each
/// action of a statement being prepared, and remembers why it refused one, so the caller reads that reason rather than
/// SQLite's "not authorized".</summary>
public sealed unsafe partial class SqlHost
{
    /// <summary>Why the authorizer refused the statement being prepared or run on this thread; reset before each.</summary>
    [ThreadStatic]
    private static string? lastDenial;

    /// <summary>Whether <see cref="lastDenial"/> is about a schema-table write, which a later refusal in the same statement
    /// (the CREATE or DROP that made it) describes better.</summary>
    [ThreadStatic]
    private static bool lastDenialIsSchemaWrite;

    private void InstallAuthorizer()
    {
        var db = connection.Handle!.DangerousGetHandle();
        sqlite3_set_authorizer(db, &Authorize, 0);
    }

    private static void ResetDenial()
    {
        lastDenial = null;
        lastDenialIsSchemaWrite = false;
    }

    [UnmanagedCallersOnly]
    private static int Authorize(nint userData, int action, byte* arg1, byte* arg2, byte* database, byte* trigger)
    {
        try
        {
            var first = Marshal.PtrToStringUTF8((nint)arg1);
            if (SqlAuthorizer.Refusal(action, first, Marshal.PtrToStringUTF8((nint)arg2)) is not { } refusal)
            {
                return SQLITE_OK;
            }

            if (lastDenial is null || lastDenialIsSchemaWrite)
            {
                lastDenial = refusal;
                lastDenialIsSchemaWrite = SqlAuthorizer.IsSchemaTable(first);
            }

            return SQLITE_DENY;
        }
        catch (Exception)
        {
            return SQLITE_DENY;
        }
    }
}
