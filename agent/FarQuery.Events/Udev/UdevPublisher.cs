// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events.Udev;

/// <summary>The <c>hardware_events</c> publisher: osquery fills that table from libudev; FarQuery has no libudev, so
/// this publisher owns one <c>NETLINK_KOBJECT_UEVENT</c> socket bound to the kernel's uevent group and turns each
/// kernel message into a <see cref="HardwareEvent"/> for its subscribers (the <c>hardware_events</c> table's, in
/// FarQuery.Tables) on its own thread (<see cref="Uevent"/> parses, <see cref="HardwareEvent"/> maps).
/// Lifecycle as the other publishers: <see cref="SetUp"/> → <see cref="Start"/> → <see cref="Stop"/> (docs/events.md).
/// The kernel broadcasts uevents only into the host's initial network namespace (apart from a namespace's own net
/// devices), so inside a container with its own network namespace, a Fargate task among them, the socket opens and
/// binds but stays silent; the status says so.</summary>
public sealed class UdevPublisher : DescriptorPublisher<HardwareEvent>
{
    /// <summary>The publisher name in <c>osquery_events</c> and the event buffer.</summary>
    public const string PublisherName = "udev";

    // Kernel messages are at most 2048 bytes (UEVENT_BUFFER_SIZE); room for more makes a truncated one impossible
    // unless something other than the kernel sent it, and MSG_TRUNC reports that case.
    private const int ReadBufferSize = 8 * Uevent.MaxKernelMessage;

    private readonly Lock statusGate = new();
    private UeventSocket? socket;
    private string? failure;
    private long messages;
    private long ignored;
    private long foreign;
    private long malformed;

    /// <summary>Creates a publisher whose events go to <paramref name="subscriber"/> (the <c>hardware_events</c>
    /// subscriber, which lives in the table project: that one references this one, not the reverse).</summary>
    public UdevPublisher(TableContext context, IEventSubscriber<HardwareEvent> subscriber)
        : base(context, PublisherName, subscriber)
    {
    }

    /// <summary>Kernel messages received.</summary>
    public long Messages => Interlocked.Read(ref messages);

    /// <summary>Kernel events with neither a device node nor a driver (not reported, as in osquery).</summary>
    public long Ignored => Interlocked.Read(ref ignored);

    /// <summary>Messages dropped because they came from a process rather than the kernel, or were libudev messages.</summary>
    public long Foreign => Interlocked.Read(ref foreign);

    /// <summary>Messages dropped because they could not be parsed (or were truncated).</summary>
    public long Malformed => Interlocked.Read(ref malformed);

    /// <summary>Opens and binds the socket; false (with the status saying why) when the kernel refuses.</summary>
    public override bool SetUp()
    {
        if (!UeventSocket.TryOpen(out var s, out var call, out var errno))
        {
            s.Dispose();
            lock (statusGate)
            {
                failure = $"{call} failed: {errno}; no hardware events (a seccomp profile or an LSM may forbid netlink sockets)";
            }

            PublishStatus();
            return false;
        }

        socket = s;
        Attach(s);
        PublishStatus();
        return true;
    }

    /// <inheritdoc/>
    protected override string ThreadName => "farquery-udev";

    /// <inheritdoc/>
    protected override int BufferSize => ReadBufferSize;

    /// <inheritdoc/>
    protected override string DescriptorName => "the uevent socket";

    /// <summary>Receives and handles one datagram; false when the socket failed for good.</summary>
    protected override unsafe bool OnReadable(int fd, byte* p)
    {
        var from = default(Interop.Libc.sockaddr_nl);
        var fromLength = (uint)sizeof(Interop.Libc.sockaddr_nl);
        var n = Interop.Libc.recvfrom(fd, p, ReadBufferSize, Interop.Libc.MSG_DONTWAIT | Interop.Libc.MSG_TRUNC, &from, &fromLength);
        if (n < 0)
        {
            switch (Interop.LastErrno)
            {
                case Interop.Errno.EAGAIN or Interop.Errno.EINTR:
                    return true;
                case Interop.Errno.ENOBUFS:
                    // The receive queue overflowed and the kernel dropped events; the socket keeps working.
                    CountOverflow();
                    PublishStatus();
                    return true;
                default:
                    Fail("recvfrom", $"recvfrom on the uevent socket failed: {Interop.LastErrno}; publisher stopped");
                    return false;
            }
        }

        Interlocked.Increment(ref messages);
        if (from.nl_pid != 0)
        {
            // Only the kernel (port id 0) is trusted: a local process with CAP_NET_ADMIN can send to the group too.
            Interlocked.Increment(ref foreign);
        }
        else if (n > ReadBufferSize)
        {
            Interlocked.Increment(ref malformed);
        }
        else
        {
            HandleSafely(new ReadOnlySpan<byte>(p, (int)n));
        }

        return true;
    }

    /// <summary>Parses, maps and buffers one message; a bug in that is counted as malformed, never thrown.</summary>
    private void HandleSafely(ReadOnlySpan<byte> message)
    {
        try
        {
            if (Uevent.IsLibudev(message))
            {
                Interlocked.Increment(ref foreign);
                return;
            }

            if (!Uevent.TryParse(message, out var uevent))
            {
                Interlocked.Increment(ref malformed);
                return;
            }

            var ev = HardwareEvent.From(uevent, Context.Fs);
            if (ev is null)
            {
                Interlocked.Increment(ref ignored);
                return;
            }

            Publish(ev);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One odd message must not stop the publisher: count it with the malformed ones and keep reading.
            Interlocked.Increment(ref malformed);
        }
    }

    /// <inheritdoc/>
    protected override void Fail(string step, string message)
    {
        lock (statusGate)
        {
            failure = message;
        }
    }

    /// <summary>The <c>osquery_events</c> status: active, a summary line, and overflows plus unreadable messages as
    /// the events dropped (with events a subscriber failed on).</summary>
    protected override PublisherStatus BuildStatus()
    {
        string? why;
        lock (statusGate)
        {
            why = failure;
        }

        var sb = new StringBuilder();
        if (why is not null)
        {
            sb.Append(why);
        }
        else if (socket is null)
        {
            sb.Append("not started");
        }
        else if (IsStopping)
        {
            sb.Append("stopped");
        }
        else
        {
            sb.Append("listening for kernel uevents (the kernel sends none into a network namespace other than the host's, such as a Fargate task's)");
        }

        sb.Append(CultureInfo.InvariantCulture, $"; {Messages} messages, {RowsAdded} rows, {Ignored} without a device node or driver");
        if (Foreign > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", {Foreign} not from the kernel");
        }

        if (Malformed > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", {Malformed} malformed");
        }

        if (Overflows > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", {Overflows} receive queue overflows (events lost)");
        }

        return new PublisherStatus(PublisherName, IsActive && IsStarted && why is null, sb.ToString(), Overflows + Malformed + Dropped);
    }
}
