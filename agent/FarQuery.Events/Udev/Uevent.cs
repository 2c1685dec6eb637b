// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics.CodeAnalysis;

namespace FarQuery.Events.Udev;

/// <summary>One kernel device event as sent on a <c>NETLINK_KOBJECT_UEVENT</c> socket: a header
/// <c>ACTION@DEVPATH\0</c> followed by <c>KEY=VALUE\0</c> pairs (lib/kobject_uevent.c). <see cref="TryParse"/> is a
/// pure function over the message bytes, so it is tested with fixture messages.</summary>
/// <param name="Action">add, remove, change, move, online, offline, bind, unbind.</param>
/// <param name="DevPath">The device's path under /sys, starting with <c>/devices/</c> (or <c>/module/</c>, ...).</param>
/// <param name="Properties">Every <c>KEY=VALUE</c> pair; a repeated key keeps its last value.</param>
public sealed record Uevent(string Action, string DevPath, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>The largest message the kernel builds (UEVENT_BUFFER_SIZE in include/linux/kobject.h).</summary>
    public const int MaxKernelMessage = 2048;

    /// <summary>A property, or null when absent or empty.</summary>
    public string? Get(string key) => Properties.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    /// <summary>True when the message is a libudev (udevd) message rather than a kernel one: udevd re-broadcasts
    /// processed events as "libudev\0" plus a binary header (libudev-monitor). A socket bound to the kernel group should
    /// never see them, but a sender with CAP_NET_ADMIN could send one there.</summary>
    public static bool IsLibudev(ReadOnlySpan<byte> message) => message.StartsWith("libudev"u8);

    /// <summary>Parses one kernel message. False for libudev messages and for anything without an
    /// <c>ACTION@/DEVPATH</c> header. The <c>ACTION</c> and <c>DEVPATH</c> properties, when present, win over the
    /// header (they are what udev reads); pairs without <c>=</c> are skipped.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, [NotNullWhen(true)] out Uevent? uevent)
    {
        uevent = null;
        if (message.IsEmpty || IsLibudev(message))
        {
            return false;
        }

        var end = message.IndexOf((byte)0);
        var header = end < 0 ? message : message[..end];
        var at = header.IndexOf((byte)'@');
        if (at <= 0 || at + 1 >= header.Length || header[at + 1] != (byte)'/')
        {
            return false;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = end < 0 ? [] : message[(end + 1)..];
        while (!rest.IsEmpty)
        {
            var nul = rest.IndexOf((byte)0);
            var field = nul < 0 ? rest : rest[..nul];
            rest = nul < 0 ? [] : rest[(nul + 1)..];
            var eq = field.IndexOf((byte)'=');
            if (eq > 0)
            {
                properties[Encoding.UTF8.GetString(field[..eq])] = Encoding.UTF8.GetString(field[(eq + 1)..]);
            }
        }

        var action = properties.TryGetValue("ACTION", out var a) && a.Length > 0 ? a : Encoding.UTF8.GetString(header[..at]);
        var devPath = properties.TryGetValue("DEVPATH", out var d) && d.StartsWith('/') ? d : Encoding.UTF8.GetString(header[(at + 1)..]);
        uevent = new Uevent(action, devPath, properties);
        return true;
    }
}
