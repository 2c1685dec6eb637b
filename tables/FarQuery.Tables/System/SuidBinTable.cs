// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Set-user-ID and set-group-ID executables in the binary directories and in the world-writable places where a
/// dropped one is a red flag. Owner names come from the container's /etc/passwd and /etc/group.</summary>
public sealed partial class SuidBinTable(TableContext context) : Table(context)
{
    private const int SetUid = 0x800;
    private const int SetGid = 0x400;

    private static readonly string[] Directories =
    [
        "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/usr/libexec", "/usr/lib/openssh",
        "/usr/lib/dbus-1.0", "/tmp", "/var/tmp", "/dev/shm", "/app",
    ];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var users = Context.Fs.TryReadAllBytes("/etc/passwd", out var p) ? PasswdEntry.Parse(p).GroupBy(u => u.Uid).ToDictionary(g => g.Key, g => g.First().Name) : [];
        var groups = Context.Fs.TryReadAllBytes("/etc/group", out var g) ? GroupEntry.Parse(g).GroupBy(x => x.Gid).ToDictionary(x => x.Key, x => x.First().Name) : [];

        // /bin and /usr/bin are one directory on merged-/usr systems; scan it once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in Directories)
        {
            if (!seen.Add(PackageFiles.Canonical(Context.Fs, dir)))
            {
                continue;
            }

            foreach (var file in PackageFiles.List(Context.Fs, dir))
            {
                // lstat: a symlink's own mode never carries setuid; the file it points to is listed where it lives.
                if (!Interop.Libc.TryStatx(Context.Fs.Resolve(file), followSymlinks: false, out var st, out _)
                    || (st.stx_mode & Interop.Libc.S_IFMT) != Interop.Libc.S_IFREG || (st.stx_mode & (SetUid | SetGid)) == 0)
                {
                    continue;
                }

                var row = NewRow();
                row.Path = file;
                row.Username = users.GetValueOrDefault(st.stx_uid, st.stx_uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                row.Groupname = groups.GetValueOrDefault(st.stx_gid, st.stx_gid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                row.Permissions = ((st.stx_mode & SetUid) != 0 ? "S" : "") + ((st.stx_mode & SetGid) != 0 ? "G" : "");
                yield return row;
            }
        }
    }
}
