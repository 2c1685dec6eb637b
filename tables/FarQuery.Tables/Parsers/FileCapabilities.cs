// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The security.capability attribute (struct vfs_cap_data, linux/capability.h: little-endian magic_etc, then
/// permitted/inheritable 32-bit pairs, one pair in revision 1, two in revisions 2 and 3, revision 3 adding the
/// namespace root uid) rendered as capability text: clauses "names=flags", one per distinct flag set, in the order of
/// each set's lowest capability, e.g. <c>cap_net_bind_service=ep</c>.</summary>
internal static class FileCapabilities
{
    private const uint RevisionMask = 0xFF000000;
    private const uint Revision1 = 0x01000000;
    private const uint Revision2 = 0x02000000;
    private const uint Revision3 = 0x03000000;
    private const uint FlagEffective = 0x000001;

    // capability(7) names by number, as the kernel's linux/capability.h numbers them (0 to 40).
    private static readonly string[] Names =
    [
        "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
        "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
        "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
        "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write", "audit_control", "setfcap",
        "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf",
        "checkpoint_restore",
    ];

    /// <summary>The text of a vfs_cap_data value; false when the revision is unknown or the value is shorter than
    /// its revision needs (the caller then reports the raw bytes).</summary>
    public static bool TryFormat(ReadOnlySpan<byte> value, out string text)
    {
        text = "";
        if (value.Length < 4)
        {
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(value);
        var words = (magic & RevisionMask) switch
        {
            Revision1 => 1,
            Revision2 or Revision3 => 2,
            _ => 0,
        };
        if (words == 0 || value.Length < 4 + (8 * words))
        {
            return false;
        }

        ulong permitted = 0, inheritable = 0;
        for (var i = 0; i < words; i++)
        {
            permitted |= (ulong)BinaryPrimitives.ReadUInt32LittleEndian(value[(4 + (8 * i))..]) << (32 * i);
            inheritable |= (ulong)BinaryPrimitives.ReadUInt32LittleEndian(value[(8 + (8 * i))..]) << (32 * i);
        }

        var effective = (magic & FlagEffective) != 0;
        var clauses = new List<(string Flags, List<string> Caps)>();
        for (var cap = 0; cap < 64; cap++)
        {
            var p = (permitted >> cap & 1) != 0;
            var inh = (inheritable >> cap & 1) != 0;
            if (!p && !inh)
            {
                continue;
            }

            // The effective bit of a file applies to every permitted capability (capabilities(7), "File capabilities").
            var flags = (effective && p ? "e" : "") + (inh ? "i" : "") + (p ? "p" : "");
            var name = cap < Names.Length ? "cap_" + Names[cap] : cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var clause = clauses.FindIndex(c => c.Flags == flags);
            if (clause < 0)
            {
                clauses.Add((flags, [name]));
            }
            else
            {
                clauses[clause].Caps.Add(name);
            }
        }

        var sb = new StringBuilder();
        foreach (var (flags, caps) in clauses)
        {
            sb.Append(sb.Length > 0 ? " " : "").AppendJoin(',', caps).Append('=').Append(flags);
        }

        text = sb.ToString();
        return true;
    }
}
