// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The local users whose home files a per-user table reads: the /etc/passwd entries with a home directory,
/// only those a <c>uid =</c>/<c>IN</c> constraint names when there is one.</summary>
internal static class LocalUsers
{
    /// <summary>The users with a home directory, filtered by the constraint on <paramref name="uidColumn"/>; none
    /// when /etc/passwd cannot be read.</summary>
    public static IEnumerable<PasswdEntry> WithHome(TableContext context, QueryContext query, int uidColumn)
    {
        if (!context.Fs.TryReadAllBytes("/etc/passwd", out var passwd))
        {
            return [];
        }

        var uids = query.IntegerEquals(uidColumn);
        return PasswdEntry.Parse(passwd).Where(u => u.Directory.Length > 0 && (uids is null || uids.Contains(u.Uid)));
    }
}
