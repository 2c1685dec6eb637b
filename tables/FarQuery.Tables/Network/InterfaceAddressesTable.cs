// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>IPv4 and IPv6 addresses of the network namespace the agent runs in, from getifaddrs(3) (which asks the
/// kernel over netlink; no file lists IPv4 addresses).</summary>
public sealed partial class InterfaceAddressesTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!Interop.Libc.TryGetIfAddrs(out var addresses, out var errno))
        {
            throw new IOException($"getifaddrs failed: {errno}");
        }

        foreach (var a in addresses)
        {
            var row = NewRow();
            row.Interface = a.Name;
            row.Address = Format(a.Address, a.ScopeId, a.Name);
            row.Mask = a.Netmask is null ? "" : Format(a.Netmask, 0, "");
            row.Broadcast = a.Broadcast is null ? "" : Format(a.Broadcast, 0, "");
            row.PointToPoint = a.PointToPoint is null ? "" : Format(a.PointToPoint, 0, "");

            // Linux does not say how an address was configured in getifaddrs; osquery reports "unknown" there too.
            row.Type = "unknown";
            yield return row;
        }
    }

    /// <summary>Numeric host text; a link-local IPv6 address carries its interface as a zone ("fe80::1%eth0"), as
    /// getnameinfo(NI_NUMERICHOST) writes it.</summary>
    internal static string Format(byte[] bytes, uint scope, string interfaceName)
    {
        var ip = new IPAddress(bytes);
        var text = ip.ToString();
        return scope != 0 && ip.IsIPv6LinkLocal && interfaceName.Length > 0 ? text + "%" + interfaceName : text;
    }
}
