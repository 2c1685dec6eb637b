// SPDX-License-Identifier: Apache-2.0
using System.Net.Sockets;

namespace FarQuery.Events.Syslog;

/// <summary>The <c>syslog_events</c> publisher (docs/events.md): osquery reads rsyslog's output through a pipe, but a
/// Fargate task runs no syslog daemon, so with <c>--enable_syslog</c> the agent takes the daemon's place and owns the
/// unix datagram socket syslog(3) writes to (<c>/dev/log</c> by default). Each datagram is parsed
/// (<see cref="SyslogMessage"/>) and handed to the subscribers on the publisher's thread. Lifecycle as the other
/// publishers: <see cref="SetUp"/> → <see cref="DescriptorPublisher{TEvent}.Start"/> → <see cref="Stop"/>.</summary>
public sealed class SyslogPublisher : DescriptorPublisher<SyslogMessage>
{
    /// <summary>The publisher name in <c>osquery_events</c> and the event buffer.</summary>
    public const string PublisherName = "syslog";

    private readonly string path;
    private Socket? socket;
    private volatile string? failure;
    private long messages;
    private long truncated;

    /// <summary>Creates a publisher for the socket at <paramref name="path"/> whose events go to
    /// <paramref name="subscriber"/> (the <c>syslog_events</c> table's, in FarQuery.Tables).</summary>
    public SyslogPublisher(TableContext context, string path, IEventSubscriber<SyslogMessage> subscriber)
        : base(context, PublisherName, subscriber) => this.path = path;

    /// <summary>Datagrams received.</summary>
    public long Messages => Interlocked.Read(ref messages);

    /// <summary>Datagrams longer than <see cref="SyslogMessage.MaxDatagram"/>, kept cut.</summary>
    public long Truncated => Interlocked.Read(ref truncated);

    /// <summary>Binds the socket, replacing a stale socket file (a daemon's, or the last run's) but never another kind
    /// of file; makes it writable by every user, since the app may run as one the agent is not. False with the status
    /// saying why.</summary>
    public override bool SetUp()
    {
        try
        {
            if (Interop.Libc.TryStatx(path, followSymlinks: false, out _, out _))
            {
                if (!IsSocket(path))
                {
                    return Refuse($"{path} exists and is not a socket; not replaced");
                }

                File.Delete(path);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path) ?? "/");
            var s = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            s.Bind(new UnixDomainSocketEndPoint(path));
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
            }

            socket = s;
            Attach(s.SafeHandle);
            PublishStatus();
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Refuse($"binding {path} failed: {e.Message}; no syslog events");
        }
    }

    private static bool IsSocket(string path) =>
        Interop.Libc.TryStatx(path, followSymlinks: false, out var st, out _) && (st.stx_mode & Interop.Libc.S_IFMT) == Interop.Libc.S_IFSOCK;

    private bool Refuse(string why)
    {
        failure = why;
        PublishStatus();
        return false;
    }

    /// <summary>Stops reading, closes the socket and removes its file, so the app's next syslog(3) fails as with no
    /// daemon rather than filling a queue no one reads.</summary>
    public override void Stop()
    {
        base.Stop();
        if (socket is not null)
        {
            socket.Dispose();
            try
            {
                if (IsSocket(path))
                {
                    File.Delete(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file that cannot be removed is left behind; the next start replaces it.
            }
        }
    }

    /// <inheritdoc/>
    protected override string ThreadName => "farquery-syslog";

    /// <inheritdoc/>
    protected override int BufferSize => SyslogMessage.MaxDatagram;

    /// <inheritdoc/>
    protected override string DescriptorName => "the syslog socket";

    /// <summary>Receives and handles one datagram; false when the socket failed for good.</summary>
    protected override unsafe bool OnReadable(int fd, byte* p)
    {
        var n = Interop.Libc.recvfrom(fd, p, SyslogMessage.MaxDatagram, Interop.Libc.MSG_DONTWAIT | Interop.Libc.MSG_TRUNC, null, null);
        if (n < 0)
        {
            if (Interop.LastErrno is Interop.Errno.EAGAIN or Interop.Errno.EINTR)
            {
                return true;
            }

            Fail("recvfrom", $"recvfrom on the syslog socket failed: {Interop.LastErrno}; publisher stopped");
            return false;
        }

        Interlocked.Increment(ref messages);
        if (n > SyslogMessage.MaxDatagram)
        {
            Interlocked.Increment(ref truncated);
        }

        try
        {
            if (SyslogMessage.TryParse(new ReadOnlySpan<byte>(p, (int)Math.Min(n, SyslogMessage.MaxDatagram)), Context.Time.GetUtcNow(), out var message))
            {
                Publish(message);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One odd datagram must not stop the publisher.
            CountDropped();
        }

        return true;
    }

    /// <inheritdoc/>
    protected override void Fail(string step, string message) => failure = message;

    /// <summary>The <c>osquery_events</c> status: active, a summary line, and the events dropped.</summary>
    protected override PublisherStatus BuildStatus()
    {
        var why = failure;
        var sb = new StringBuilder(why ?? (socket is null ? "not started" : IsStopping ? "stopped" : $"listening on {path}"));
        sb.Append(CultureInfo.InvariantCulture, $"; {Messages} messages, {RowsAdded} rows");
        if (Truncated > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", {Truncated} cut at {SyslogMessage.MaxDatagram} bytes");
        }

        return new PublisherStatus(PublisherName, IsActive && IsStarted && why is null, sb.ToString(), Dropped);
    }
}
