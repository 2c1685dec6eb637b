// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Private keys lying in each local user's ~/.ssh (the files directly in it, not subdirectories), with what
/// can be known without a passphrase (<see cref="SshPrivateKey"/>). Files that are not private keys give no row.
/// <c>uid =</c> reads only those users' directories; <c>pid_with_namespace = N</c> reads process N's mount namespace
/// through /proc/N/root, which needs no setns.</summary>
public sealed partial class UserSshKeysTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var budget = WalkBudget.For(Schema.Name, query);
        var uids = query.IntegerEquals(C.Uid);
        foreach (var pid in query.IntegerEquals(C.PidWithNamespace) ?? [0])
        {
            var root = pid == 0 ? "" : "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/root";
            if (!Context.Fs.TryReadAllBytes(root + "/etc/passwd", out var passwd))
            {
                continue;
            }

            foreach (var user in PasswdEntry.Parse(passwd))
            {
                if ((uids is not null && !uids.Contains(user.Uid)) || user.Directory.Length == 0)
                {
                    continue;
                }

                var dir = user.Directory.TrimEnd('/') + "/.ssh";
                foreach (var entry in Context.Fs.ListEntries(root + dir, budget))
                {
                    var path = dir + "/" + entry.Name;
                    if (entry.IsDirectory || !Context.Fs.TryReadAllBytes(root + path, out var bytes) || !SshPrivateKey.TryParse(bytes, out var key))
                    {
                        continue;
                    }

                    var row = NewRow();
                    row.Uid = user.Uid;
                    row.Path = path;
                    row.Encrypted = key.Encrypted ? 1 : 0;
                    row.KeyType = key.KeyType;
                    row.KeyGroupName = key.GroupName;
                    row.KeyLength = key.Length;
                    row.KeySecurityBits = key.SecurityBits;
                    row.PidWithNamespace = pid;
                    yield return row;
                }
            }
        }
    }
}
