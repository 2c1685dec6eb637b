// SPDX-License-Identifier: Apache-2.0
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization.Metadata;

namespace FarQuery.Admin;

/// <summary>Length-prefixed frames (PROTOCOL.md, "Framing"): a 4-byte big-endian payload length, then that many bytes
/// of UTF-8 JSON. Used by both ends; the server side is async with time limits, the client side blocking.</summary>
internal static class Frames
{
    /// <summary>Size of the length prefix.</summary>
    public const int HeaderSize = 4;

    /// <summary>Serializes a message into one buffer that already holds its length prefix, so it goes out in one send.</summary>
    public static ArrayBufferWriter<byte> Encode<T>(T message, JsonTypeInfo<T> type)
    {
        var buffer = Begin();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, message, type);
        }

        return Finish(buffer);
    }

    /// <summary>A buffer for one frame, its length prefix reserved: write the payload after it, then <see cref="Finish"/>.</summary>
    public static ArrayBufferWriter<byte> Begin()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.GetSpan(HeaderSize);
        buffer.Advance(HeaderSize);
        return buffer;
    }

    /// <summary>Writes the length prefix of a frame <see cref="Begin"/> started, once its payload is written.</summary>
    public static ArrayBufferWriter<byte> Finish(ArrayBufferWriter<byte> buffer)
    {
        var written = MemoryMarshal.AsMemory(buffer.WrittenMemory);
        BinaryPrimitives.WriteInt32BigEndian(written.Span, buffer.WrittenCount - HeaderSize);
        return buffer;
    }

    /// <summary>Reads one frame. Returns null at end of stream before the first byte (the peer hung up between
    /// requests). Waits up to <paramref name="idle"/> for the first byte and then <paramref name="rest"/> for the
    /// others, so a client that trickles bytes cannot hold its task forever.</summary>
    /// <exception cref="FrameException">The length is zero, negative or above <paramref name="maxBytes"/>, or the
    /// stream ended inside a frame.</exception>
    /// <exception cref="OperationCanceledException">A time limit passed or <paramref name="cancellation"/> fired.</exception>
    public static async ValueTask<byte[]?> ReadAsync(Socket socket, int maxBytes, TimeSpan idle, TimeSpan rest, CancellationToken cancellation)
    {
        var header = new byte[HeaderSize];
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(idle);
        var got = await socket.ReceiveAsync(header, SocketFlags.None, timer.Token).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        timer.CancelAfter(rest);
        await FillAsync(socket, header.AsMemory(got), timer.Token).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length <= 0 || length > maxBytes)
        {
            throw new FrameException($"frame length {(uint)length} is outside 1..{maxBytes} bytes (is the peer speaking this protocol?)");
        }

        var payload = new byte[length];
        await FillAsync(socket, payload, timer.Token).ConfigureAwait(false);
        return payload;
    }

    /// <summary>Sends a whole encoded frame, giving up after <paramref name="timeout"/> (a client that does not read).</summary>
    public static async ValueTask WriteAsync(Socket socket, ReadOnlyMemory<byte> frame, TimeSpan timeout, CancellationToken cancellation)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(timeout);
        while (!frame.IsEmpty)
        {
            var sent = await socket.SendAsync(frame, SocketFlags.None, timer.Token).ConfigureAwait(false);
            frame = frame[sent..];
        }
    }

    /// <summary>Sends a whole frame, blocking (the socket's SendTimeout applies).</summary>
    public static void Write(Socket socket, ReadOnlySpan<byte> frame)
    {
        while (!frame.IsEmpty)
        {
            frame = frame[socket.Send(frame)..];
        }
    }

    /// <summary>Reads one frame, blocking (the socket's ReceiveTimeout applies); null at end of stream before the first byte.</summary>
    public static byte[]? Read(Socket socket, int maxBytes)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        var got = socket.Receive(header);
        if (got == 0)
        {
            return null;
        }

        Fill(socket, header[got..]);
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length <= 0 || length > maxBytes)
        {
            throw new FrameException($"frame length {(uint)length} is outside 1..{maxBytes} bytes");
        }

        var payload = new byte[length];
        Fill(socket, payload);
        return payload;
    }

    private static async ValueTask FillAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellation)
    {
        while (!buffer.IsEmpty)
        {
            var got = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation).ConfigureAwait(false);
            if (got == 0)
            {
                throw new FrameException("the peer closed the connection inside a frame");
            }

            buffer = buffer[got..];
        }
    }

    private static void Fill(Socket socket, Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var got = socket.Receive(buffer);
            if (got == 0)
            {
                throw new FrameException("the peer closed the connection inside a frame");
            }

            buffer = buffer[got..];
        }
    }
}

/// <summary>Bytes on the socket that are not a valid frame.</summary>
internal sealed class FrameException(string message) : Exception(message);
