// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using System.Net;

namespace FarQuery.Events.Tracing;

/// <summary>Decodes a struct sockaddr (sockaddr_in, sockaddr_in6, sockaddr_un, sockaddr_ll) read from a tracee.</summary>
internal readonly record struct Sockaddr(int Family, string? Address, int? Port, string? UnixPath)
{
    /// <summary>Decodes the bytes; false when too short to hold the family.</summary>
    public static bool TryParse(ReadOnlySpan<byte> b, out Sockaddr addr)
    {
        addr = default;
        if (b.Length < 2)
        {
            return false;
        }

        var family = BinaryPrimitives.ReadUInt16LittleEndian(b);
        switch (family)
        {
            case 2 when b.Length >= 8:
                addr = new Sockaddr(family, new IPAddress(b.Slice(4, 4)).ToString(), BinaryPrimitives.ReadUInt16BigEndian(b[2..]), null);
                return true;
            case 10 when b.Length >= 24:
                addr = new Sockaddr(family, new IPAddress(b.Slice(8, 16)).ToString(), BinaryPrimitives.ReadUInt16BigEndian(b[2..]), null);
                return true;
            case 1:
                var path = b[2..];
                var nul = path.IndexOf((byte)0);

                // An abstract socket name starts with NUL; show it with a leading '@' as ss(8) does.
                var text = path.Length > 0 && path[0] == 0
                    ? "@" + Encoding.UTF8.GetString(path[1..].TrimEnd((byte)0))
                    : Encoding.UTF8.GetString(nul >= 0 ? path[..nul] : path);
                addr = new Sockaddr(family, null, null, text);
                return true;
            default:
                addr = new Sockaddr(family, null, null, null);
                return true;
        }
    }
}
