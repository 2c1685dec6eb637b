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

    private void InstallAuthorizer()
    {
        var db = connection.Handle!.DangerousGetHandle();
        sqlite3_set_authorizer(db, &Authorize, 0);
    }

    private static void ResetDenial() => lastDenial = null;

    [UnmanagedCallersOnly]
    private static int Authorize(nint userData, int action, byte* arg1, byte* arg2, byte* database, byte* trigger)
    {
        try
        {
            if (SqlAuthorizer.Refusal(action, Marshal.PtrToStringUTF8((nint)arg1), Marshal.PtrToStringUTF8((nint)arg2)) is not { } refusal)
            {
                return SQLITE_OK;
            }

            // SQLite stops preparing at the first refusal, so the first is the one the statement failed on.
            lastDenial ??= refusal;
            return SQLITE_DENY;
        }
        catch (Exception)
        {
            return SQLITE_DENY;
        }
    }
}
