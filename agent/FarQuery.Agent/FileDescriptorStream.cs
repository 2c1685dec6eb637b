// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Agent;

/// <summary>A write-only stream over an inherited descriptor (stdout) using write(2) directly. FileStream would track
/// its own offset and pwrite into a log file the app also appends to, overwriting the app's lines, and System.Console
/// would install a SIGCHLD handler that reaps the agent's tracees when it is PID 1.</summary>
/// <remarks>The descriptor is shared with the app (same pipe, same open file description), so it stays blocking: an
/// O_NONBLOCK set here would be seen by the app too. Instead a write never waits for the reader: it is refused with an
/// <see cref="IOException"/> (the sink drops and counts the line) when poll(2) does not report the descriptor writable
/// within <see cref="WriteWait"/>, when the reader has gone (EPIPE; SIGPIPE is ignored by the agent), or, on a pipe,
/// when the line would not fit in the pipe's free space with <see cref="AppReserve"/> bytes left over for the app:
/// a slow reader then costs result lines, never the app's own writes.</remarks>
internal sealed unsafe class FileDescriptorStream(int fd) : Stream
{
    /// <summary>The longest a line waits for the descriptor to become writable.</summary>
    public static TimeSpan WriteWait { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Bytes of a pipe's capacity left free for the app (a quarter of Linux's default 64 KiB pipe).</summary>
    public const int AppReserve = 16 * 1024;

    private readonly int pipeCapacity = fcntl(fd, F_GETPIPE_SZ, 0);

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
        WaitWritable();
        RefuseIfPipeTooFull(buffer.Length);
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

    private void WaitWritable()
    {
        var pfd = new pollfd { fd = fd, events = POLLOUT };
        int rc;
        do
        {
            rc = poll(&pfd, 1, (int)WriteWait.TotalMilliseconds);
        }
        while (rc < 0 && Interop.LastErrno == Interop.Errno.EINTR);

        if (rc == 0)
        {
            throw new IOException($"fd {fd} did not become writable within {WriteWait.TotalMilliseconds:0} ms");
        }

        if (rc < 0 || (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0)
        {
            throw new IOException($"fd {fd} cannot be written (poll: {(rc < 0 ? Interop.LastErrno.ToString() : "reader gone")})");
        }
    }

    /// <summary>On a pipe (F_GETPIPE_SZ answered), refuses a line that would leave less than <see cref="AppReserve"/>
    /// bytes free; an empty pipe takes any line (its reader is keeping up).</summary>
    private void RefuseIfPipeTooFull(int length)
    {
        if (pipeCapacity <= 0)
        {
            return;
        }

        int queued;
        if (ioctl(fd, FIONREAD, &queued) != 0 || queued == 0)
        {
            return;
        }

        if (queued + length > pipeCapacity - AppReserve)
        {
            throw new IOException($"the pipe on fd {fd} holds {queued} unread bytes: the line is dropped to leave room for the app");
        }
    }
}
