// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Cli.Agent;

/// <summary>A write-only stream over an inherited descriptor (stdout) using write(2) directly. FileStream would track
/// its own offset and pwrite into a log file the app also appends to, overwriting the app's lines, and System.Console
/// would install a SIGCHLD handler (ptrace.md §3.8).</summary>
internal sealed unsafe class FileDescriptorStream(int fd) : Stream
{
    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var n = write(fd, p + done, (nuint)(buffer.Length - done));
                if (n < 0)
                {
                    if (Interop.LastErrno == Interop.Errno.EINTR)
                    {
                        continue;
                    }

                    throw new IOException($"write to fd {fd} failed: {Interop.LastErrno}");
                }

                done += (int)n;
            }
        }
    }
}
