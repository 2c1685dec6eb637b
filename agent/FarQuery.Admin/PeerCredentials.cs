// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;

namespace FarQuery.Admin;

/// <summary>The kernel's word on who is at the other end of a Unix socket: SO_PEERCRED (man 7 unix) returns the
/// <c>struct ucred {pid_t pid; uid_t uid; gid_t gid;}</c> captured at connect(2), with the effective uid, which the
/// client cannot forge.</summary>
/// <param name="Pid">Peer pid (in the agent's pid namespace).</param>
/// <param name="Uid">Peer effective uid at connect time.</param>
/// <param name="Gid">Peer effective gid at connect time.</param>
public readonly record struct PeerCredentials(int Pid, int Uid, int Gid)
{
    // asm-generic/socket.h: the same values on x86_64 and arm64, the two architectures FarQuery ships for.
    private const int SOL_SOCKET = 1;
    private const int SO_PEERCRED = 17;
    private const int SizeOfUcred = 12;

    private static readonly Lazy<int> OwnUid = new(ReadEffectiveUid);

    /// <summary>This process's effective uid (the owner of the files it creates, and what SO_PEERCRED reports for it).</summary>
    public static int EffectiveUid => OwnUid.Value;

    /// <summary>Reads the credentials of a connected Unix socket's peer.</summary>
    public static bool TryGet(Socket socket, out PeerCredentials credentials)
    {
        Span<byte> ucred = stackalloc byte[SizeOfUcred];
        try
        {
            if (socket.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, ucred) == SizeOfUcred)
            {
                credentials = new PeerCredentials(
                    BinaryPrimitives.ReadInt32LittleEndian(ucred),
                    BinaryPrimitives.ReadInt32LittleEndian(ucred[4..]),
                    BinaryPrimitives.ReadInt32LittleEndian(ucred[8..]));
                return true;
            }
        }
        catch (SocketException)
        {
            // The peer is gone already (ENOTCONN): the caller drops the connection.
        }

        credentials = default;
        return false;
    }

    /// <summary>The effective uid from /proc/self/status ("Uid: real effective saved fs"), so no libc binding is needed;
    /// -1 when unreadable, which leaves only root allowed.</summary>
    private static int ReadEffectiveUid()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    var fields = line[4..].Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : -1;
                }
            }
        }
        catch (IOException)
        {
            // Fall through: /proc not mounted.
        }
        catch (UnauthorizedAccessException)
        {
            // Fall through.
        }

        return -1;
    }
}
