// SPDX-License-Identifier: Apache-2.0
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FarQuery.Tables.Parsers;

/// <summary>One iptables rule decoded from the kernel's blob, or (with <see cref="Target"/> null) the row osquery adds
/// after each chain's rules, carrying only the chain, its policy and the policy's counters.</summary>
internal sealed record IptRule(
    string Chain, string Policy, string? Target, int? Protocol, string? SrcPort, string? DstPort,
    string? SrcIp, string? SrcMask, string? InIface, string? InIfaceMask,
    string? DstIp, string? DstMask, string? OutIface, string? OutIfaceMask, bool? HasMatches, long Packets, long Bytes)
{
    /// <summary>The row that closes a chain.</summary>
    public static IptRule ChainRow(string chain, string policy, long packets, long bytes) =>
        new(chain, policy, null, null, null, null, null, null, null, null, null, null, null, null, null, packets, bytes);
}

/// <summary>Decodes the IPT_SO_GET_ENTRIES blob (a run of struct ipt_entry, each followed by its matches and target)
/// into chains and rules the way iptables-legacy (libiptc) presents them: built-in chains start at the hook_entry
/// offsets and end with their policy at the underflow offsets; a user chain starts with an ERROR target naming it and
/// ends with an implicit RETURN; the table ends with an ERROR target named "ERROR".</summary>
internal static class IptEntries
{
    private static readonly string[] HookNames = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"];
    private static readonly int EntrySize = Unsafe.SizeOf<Interop.Libc.ipt_entry>();
    private static readonly int ExtensionHeader = Unsafe.SizeOf<Interop.Libc.xt_entry_target>();

    /// <summary>The rules in blob order, each chain's rules followed by its chain row (as osquery emits them). Decoding stops at the first malformed record (a next_offset that does not advance or runs past
    /// the end).</summary>
    public static List<IptRule> Parse(in Interop.Libc.ipt_getinfo info, ReadOnlySpan<byte> blob)
    {
        // First pass: where each record starts, which chain starts where, and the offsets of user chains' first
        // rules (the target of jumps, whose verdict is that byte offset).
        var offsets = new List<int>();
        for (var off = 0; off + EntrySize <= blob.Length;)
        {
            var e = MemoryMarshal.Read<Interop.Libc.ipt_entry>(blob[off..]);
            if (e.next_offset < EntrySize || off + e.next_offset > blob.Length || e.target_offset < EntrySize || e.target_offset + ExtensionHeader > e.next_offset)
            {
                break;
            }

            offsets.Add(off);
            off += e.next_offset;
        }

        var builtinAt = new Dictionary<int, int>();
        var policyAt = new Dictionary<int, int>();
        for (var h = 0; h < Interop.Libc.NF_INET_NUMHOOKS; h++)
        {
            if ((info.valid_hooks & (1u << h)) != 0)
            {
                builtinAt[(int)info.hook_entry[h]] = h;
                policyAt[(int)info.underflow[h]] = h;
            }
        }

        var jumpNames = new Dictionary<int, string>();
        for (var i = 0; i < offsets.Count; i++)
        {
            if (TargetName(blob, offsets[i]) == "ERROR" && i + 1 < offsets.Count)
            {
                jumpNames[offsets[i + 1]] = TargetString(blob, offsets[i]);
            }
        }

        var rules = new List<IptRule>();
        string? chain = null;
        var builtin = false;
        var policy = "";
        for (var i = 0; i < offsets.Count; i++)
        {
            var off = offsets[i];
            var e = MemoryMarshal.Read<Interop.Libc.ipt_entry>(blob[off..]);
            if (builtinAt.TryGetValue(off, out var hook))
            {
                chain = HookNames[hook];
                builtin = true;
                var underflow = (int)info.underflow[hook];
                policy = offsets.BinarySearch(underflow) >= 0 ? Verdict(blob, underflow, jumpNames) : "";
            }

            var target = TargetName(blob, off);
            if (target == "ERROR")
            {
                // A user chain's head (or the table's end marker, which has no records after it).
                chain = TargetString(blob, off);
                builtin = false;
                policy = "";
                continue;
            }

            if (chain is null)
            {
                continue;
            }

            if (builtin && policyAt.ContainsKey(off))
            {
                // The policy record closes a built-in chain.
                rules.Add(IptRule.ChainRow(chain, policy, (long)e.counters.pcnt, (long)e.counters.bcnt));
                chain = null;
                continue;
            }

            if (!builtin && (i + 1 < offsets.Count ? TargetName(blob, offsets[i + 1]) == "ERROR"
                    : target.Length == 0 && Verdict(blob, off, jumpNames) == "RETURN"))
            {
                // The implicit RETURN closing a user chain (followed by the next chain's head, or last in a blob cut
                // short): libiptc hides it as a rule; a user chain has no policy and no policy counters.
                rules.Add(IptRule.ChainRow(chain, "", 0, 0));
                chain = null;
                continue;
            }

            rules.Add(Row(chain, policy, target.Length == 0 ? Verdict(blob, off, jumpNames) : target, e, blob, off));
        }

        return rules;
    }

    private static IptRule Row(string chain, string policy, string target, in Interop.Libc.ipt_entry e, ReadOnlySpan<byte> blob, int off)
    {
        var ip = e.ip;
        var (src, dst) = Ports(blob.Slice(off + EntrySize, e.target_offset - EntrySize));
        Interop.Libc.IfName inIface = ip.iniface, outIface = ip.outiface, inMask = ip.iniface_mask, outMask = ip.outiface_mask;
        // "!" marks an inverted test (iptables' "! -s 10.0.0.0/8"), as osquery prints it; the protocol column is an
        // integer, so an inverted protocol keeps just its number.
        string Not(int flag) => (ip.invflags & flag) != 0 ? "!" : "";
        var inName = IfaceName(inIface);
        var outName = IfaceName(outIface);
        return new IptRule(
            chain, policy, target, ip.proto, src, dst,
            Not(Interop.Libc.IPT_INV_SRCIP) + Address(ip.src), Address(ip.smsk),
            inName == "all" ? inName : Not(Interop.Libc.IPT_INV_VIA_IN) + inName, MaskHex(inMask),
            Not(Interop.Libc.IPT_INV_DSTIP) + Address(ip.dst), Address(ip.dmsk),
            outName == "all" ? outName : Not(Interop.Libc.IPT_INV_VIA_OUT) + outName, MaskHex(outMask),
            e.target_offset > EntrySize, (long)e.counters.pcnt, (long)e.counters.bcnt);
    }

    /// <summary>A standard target's verdict as iptables names it: a negative value is -(NF_* verdict) - 1, XT_RETURN is
    /// RETURN, a non-negative value is the byte offset of the chain jumped to.</summary>
    private static string Verdict(ReadOnlySpan<byte> blob, int off, Dictionary<int, string> jumpNames)
    {
        var e = MemoryMarshal.Read<Interop.Libc.ipt_entry>(blob[off..]);
        var target = off + e.target_offset;
        if (TargetName(blob, off).Length != 0)
        {
            return TargetName(blob, off);
        }

        if (target + ExtensionHeader + 4 > blob.Length)
        {
            return "";
        }

        var verdict = BinaryPrimitives.ReadInt32LittleEndian(blob[(target + ExtensionHeader)..]);
        return verdict switch
        {
            Interop.Libc.XT_RETURN => "RETURN",
            -Interop.Libc.NF_DROP - 1 => "DROP",
            -Interop.Libc.NF_ACCEPT - 1 => "ACCEPT",
            -Interop.Libc.NF_QUEUE - 1 => "QUEUE",
            >= 0 => jumpNames.GetValueOrDefault(verdict, ""),
            _ => "",
        };
    }

    /// <summary>The target extension's name; empty for the standard target (a verdict).</summary>
    private static string TargetName(ReadOnlySpan<byte> blob, int off)
    {
        var e = MemoryMarshal.Read<Interop.Libc.ipt_entry>(blob[off..]);
        return CString(blob.Slice(off + e.target_offset + 2, Interop.Libc.XT_EXTENSION_MAXNAMELEN));
    }

    /// <summary>The NUL-terminated string in an ERROR target's data: the user chain's name.</summary>
    private static string TargetString(ReadOnlySpan<byte> blob, int off)
    {
        var e = MemoryMarshal.Read<Interop.Libc.ipt_entry>(blob[off..]);
        var data = blob[(off + e.target_offset + ExtensionHeader)..(off + e.next_offset)];
        return CString(data[..Math.Min(data.Length, Interop.Libc.XT_FUNCTION_MAXNAMELEN)]);
    }

    /// <summary>Source and destination port ranges "min:max" of a tcp or udp match (struct xt_tcp / xt_udp both start
    /// with u16 spts[2], dpts[2] in host order); empty when the rule has neither.</summary>
    private static (string Src, string Dst) Ports(ReadOnlySpan<byte> matches)
    {
        while (matches.Length >= ExtensionHeader)
        {
            var size = BinaryPrimitives.ReadUInt16LittleEndian(matches);
            if (size < ExtensionHeader || size > matches.Length)
            {
                break;
            }

            var name = CString(matches.Slice(2, Interop.Libc.XT_EXTENSION_MAXNAMELEN));
            if ((name == "tcp" || name == "udp") && size >= ExtensionHeader + 8)
            {
                var p = MemoryMarshal.Cast<byte, ushort>(matches.Slice(ExtensionHeader, 8));
                return ($"{p[0]}:{p[1]}", $"{p[2]}:{p[3]}");
            }

            matches = matches[size..];
        }

        return ("", "");
    }

    /// <summary>An address field as stored (network byte order in memory).</summary>
    private static string Address(uint raw) => new IPAddress(raw).ToString();

    /// <summary>An interface name, or "all" when the rule does not name one (as iptables -L and osquery print).</summary>
    private static string IfaceName(ReadOnlySpan<byte> name)
    {
        var s = CString(name);
        return s.Length == 0 ? "all" : s;
    }

    /// <summary>The interface mask bytes up to the first zero, as upper-case hex (osquery's format).</summary>
    private static string MaskHex(ReadOnlySpan<byte> mask)
    {
        var end = mask.IndexOf((byte)0);
        return Convert.ToHexString(end < 0 ? mask : mask[..end]);
    }

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
