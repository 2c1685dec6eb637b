// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The legacy iptables rules of every table in /proc/net/ip_tables_names, read from the kernel with
/// IPT_SO_GET_INFO / IPT_SO_GET_ENTRIES on a raw socket, as osquery's libiptc does. One row per rule (with the rule's
/// own counters), and after each chain's rules one row for the chain itself: its policy and the policy's counters,
/// the rule columns NULL (osquery emits the same chain row; a user chain has an empty policy and zero counters).</summary>
/// <remarks>The get-sockopts need CAP_NET_ADMIN. Inside a Fargate task (no NET_ADMIN, usually no ip_tables module)
/// they are refused or the names file is empty: the table then returns no rows, never an SQL error, and the refusal
/// is reported under the "iptables" status section (<c>farquery status</c>).</remarks>
public sealed partial class IptablesTable(TableContext context) : Table(context)
{
    private readonly Lock gate = new();
    private string lastRefusal = "";
    private long refusals;
    private int tablesRead;
    private bool registered;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        Register();
        // /proc/net follows the thread group leader's network namespace, while the raw socket below lives in the
        // calling thread's; /proc/thread-self/net names the tables of the namespace the socket will see.
        if (!Context.Fs.TryReadAllBytes("/proc/thread-self/net/ip_tables_names", out var names)
            && !Context.Fs.TryReadAllBytes("/proc/net/ip_tables_names", out names))
        {
            // No ip_tables module in this kernel (or /proc hidden): there are no legacy rules to read.
            SetTablesRead(-1);
            yield break;
        }

        var read = 0;

        foreach (var table in Encoding.ASCII.GetString(names).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryRead(table, out var rules))
            {
                continue;
            }

            SetTablesRead(++read);

            foreach (var r in rules)
            {
                var row = NewRow();
                row.FilterName = table;
                row.Chain = r.Chain;
                row.Policy = r.Policy;
                row.Target = r.Target;
                row.Protocol = r.Protocol is { } protocol ? (long)protocol : null;
                row.SrcPort = r.SrcPort;
                row.DstPort = r.DstPort;
                row.SrcIp = r.SrcIp;
                row.SrcMask = r.SrcMask;
                row.Iniface = r.InIface;
                row.InifaceMask = r.InIfaceMask;
                row.DstIp = r.DstIp;
                row.DstMask = r.DstMask;
                row.Outiface = r.OutIface;
                row.OutifaceMask = r.OutIfaceMask;
                row.Match = r.HasMatches is { } matches ? (matches ? "yes" : "no") : null;
                row.Packets = r.Packets;
                row.Bytes = r.Bytes;
                yield return row;
            }
        }
    }

    /// <summary>Reads and decodes one table, retrying a few times when a rule change between the two get-sockopts
    /// made the sizes disagree (EAGAIN); a refusal is counted and kept for the status section.</summary>
    private bool TryRead(string table, out List<IptRule> rules)
    {
        rules = [];
        Interop.Errno errno = default;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (Interop.Libc.TryIptGetEntries(table, out var info, out var blob, out errno))
            {
                rules = IptEntries.Parse(info, blob);
                return true;
            }

            if (errno != Interop.Errno.EAGAIN)
            {
                break;
            }
        }

        lock (gate)
        {
            refusals++;
            lastRefusal = $"{table}: {errno}" + (errno == Interop.Errno.EPERM ? " (CAP_NET_ADMIN is needed)" : "");
        }

        return false;
    }

    /// <summary>Records how many tables the latest query read; -1 when the kernel lists none.</summary>
    private void SetTablesRead(int count)
    {
        lock (gate)
        {
            tablesRead = count;
        }
    }

    private void Register()
    {
        lock (gate)
        {
            if (registered)
            {
                return;
            }

            registered = true;
        }

        StatusSources.Of(Context).Add("iptables", () =>
        {
            lock (gate)
            {
                return
                [
                    new("ip_tables", tablesRead < 0 ? "not loaded (no /proc/net/ip_tables_names)" : "loaded"),
                    new("tables_read", (long)Math.Max(tablesRead, 0)),
                    new("refusals", refusals),
                    new("last_refusal", lastRefusal),
                ];
            }
        });
    }
}
