// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>IPv6 settings of each interface that has an IPv6 address: the interface names of /proc/net/if_inet6
/// (address, index, prefix length, scope, flags, name), each once, and the interface's sysctls under
/// /proc/sys/net/ipv6/conf. Without IPv6 in the task's network namespace the file is missing and the table empty.</summary>
public sealed partial class InterfaceIpv6Table(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Context.Fs.TryReadAllBytes("/proc/net/if_inet6", out var bytes))
        {
            yield break;
        }

        var names = ConfigLines.Parse(bytes, comments: false).Where(l => l.Fields.Length >= 6).Select(l => l.Fields[5]).Distinct();
        foreach (var name in names)
        {
            var conf = "/proc/sys/net/ipv6/conf/" + name + "/";
            var row = NewRow();
            row.Interface = name;
            row.HopLimit = Number(conf + "hop_limit");
            row.ForwardingEnabled = Number(conf + "forwarding");
            row.RedirectAccept = Number(conf + "accept_redirects");
            row.RtadvAccept = Number(conf + "accept_ra");
            yield return row;
        }
    }

    /// <summary>A one-number sysctl file; NULL when it is missing (an interface removed meanwhile) or not a number.</summary>
    private long? Number(string path) =>
        long.TryParse(SysFiles.ReadTrimmed(Context.Fs, path), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
