// SPDX-License-Identifier: Apache-2.0
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FarQuery.Admin.Protocol;

namespace FarQuery.Admin.Tests.Support;

/// <summary>Speaks the protocol by hand, so tests can send what a well-behaved client never would.</summary>
internal static class Wire
{
    public static void SendFrame(Socket socket, string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        payload.CopyTo(frame, 4);
        socket.Send(frame);
    }

    /// <summary>Reads one response frame, or null when the server closed the connection.</summary>
    public static AdminResponse? Receive(Socket socket)
    {
        var header = new byte[4];
        if (!Fill(socket, header))
        {
            return null;
        }

        var payload = new byte[BinaryPrimitives.ReadInt32BigEndian(header)];
        Assert.True(Fill(socket, payload), "connection closed inside a frame");
        return JsonSerializer.Deserialize(payload, AdminJsonContext.Default.AdminResponse);
    }

    /// <summary>True when the server closed the connection (read returns 0 or reset).</summary>
    public static bool Closed(Socket socket)
    {
        try
        {
            return socket.Receive(new byte[1]) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    private static bool Fill(Socket socket, byte[] buffer)
    {
        var offset = 0;
        while (offset < buffer.Length)
        {
            var got = socket.Receive(buffer, offset, buffer.Length - offset, SocketFlags.None);
            if (got == 0)
            {
                return false;
            }

            offset += got;
        }

        return true;
    }
}
