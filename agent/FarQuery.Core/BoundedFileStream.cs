// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>The <see cref="Stream"/> face of a <see cref="BoundedFile"/>: seekable, read-only, positional reads of one
/// chunk at most, and end of file at the cap, so a reader that trusts a corrupt header (a zip central directory, an ELF
/// section table) cannot make the agent read past it.</summary>
internal sealed class BoundedFileStream(BoundedFile file, long maxBytes) : Stream
{
    private long position;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => true;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => Math.Min(file.Length, maxBytes);

    /// <inheritdoc/>
    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        var left = maxBytes - position;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        if (buffer.Length > left)
        {
            buffer = buffer[..(int)left];
        }

        if (!file.TryReadAt(position, buffer, out var n, out var refusal))
        {
            throw new IOException(refusal);
        }

        position += n;
        return n;
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => Length + offset,
        };
        return position;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
