// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events;

/// <summary>A publisher that owns one pollable kernel descriptor (an inotify instance, a uevent socket) and reads it on
/// its own thread (docs/events.md): the thread polls with a short timeout so <see cref="Stop"/> is noticed, and hands
/// each readable descriptor to <see cref="OnReadable"/>. A failing poll ends the thread and is reported through
/// <see cref="Fail"/>; nothing is thrown on the reader thread.</summary>
/// <typeparam name="TEvent">The event record this publisher emits.</typeparam>
public abstract class DescriptorPublisher<TEvent> : EventPublisher<TEvent>
    where TEvent : class
{
    private const int PollTimeoutMs = 200;

    private SafeHandle? descriptor;
    private Thread? thread;
    private volatile bool stopping;
    private long overflows;
    private readonly object catchUpGate = new();
    private long catchUpAsked;
    private long catchUpDone;

    /// <summary>Creates a publisher reporting under <paramref name="name"/> whose events go to
    /// <paramref name="subscriber"/> (a table's subscriber, which lives in the table project: that one references this
    /// one, not the reverse).</summary>
    protected DescriptorPublisher(TableContext context, string name, IEventSubscriber<TEvent> subscriber)
        : base(context, name) => Subscribe(subscriber);

    /// <summary>Times the kernel's queue for the descriptor overflowed: the kernel dropped events.</summary>
    public long Overflows => Interlocked.Read(ref overflows);

    /// <summary>Events published to the subscribers.</summary>
    public long RowsAdded => Published;

    /// <summary>The longest <see cref="Stop"/> waits for the reader thread: a system call stuck on a dead network
    /// mount must not hold up the agent's exit.</summary>
    public static TimeSpan DisposeWait { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>True once <see cref="EventPublisher{TEvent}.SetUp"/> opened the descriptor and until <see cref="Stop"/>.</summary>
    public bool IsActive => descriptor is { IsInvalid: false, IsClosed: false } && !stopping;

    /// <summary>True while the reader thread runs or has run.</summary>
    protected bool IsStarted => thread is not null;

    /// <summary>True once <see cref="Stop"/> was asked: long work on the reader thread (a tree walk) checks it.</summary>
    protected bool IsStopping => stopping;

    /// <summary>The reader thread's name.</summary>
    protected abstract string ThreadName { get; }

    /// <summary>The size of the pinned buffer handed to <see cref="OnReadable"/>.</summary>
    protected abstract int BufferSize { get; }

    /// <summary>What the descriptor is, for error lines ("the inotify descriptor").</summary>
    protected abstract string DescriptorName { get; }

    /// <summary>Counts one overflow of the kernel's queue.</summary>
    protected void CountOverflow() => Interlocked.Increment(ref overflows);

    /// <summary>Takes ownership of the descriptor <see cref="EventPublisher{TEvent}.SetUp"/> opened.</summary>
    protected void Attach(SafeHandle handle) => descriptor = handle;

    /// <summary>Starts the reader thread.</summary>
    public override void Start() => StartThread(null);

    /// <summary>Starts the reader thread, which first runs <paramref name="first"/> (so a long set-up never holds up
    /// the caller); an exception from it is reported through <see cref="Fail"/> and the thread reads on.</summary>
    protected void StartThread(Action? first)
    {
        if (descriptor is null || thread is not null)
        {
            throw new InvalidOperationException("Start needs a successful SetUp and runs once.");
        }

        thread = new Thread(() =>
        {
            if (first is not null)
            {
                try
                {
                    first();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Fail("setup", "setting up failed: " + e.Message);
                }
            }

            Loop();
        })
        { IsBackground = true, Name = ThreadName };
        thread.Start();
        PublishStatus();
    }

    /// <summary>Stops the thread (within one poll timeout, or at the next check of <see cref="IsStopping"/>) and closes
    /// the descriptor. Waits at most <see cref="DisposeWait"/>: a thread still inside one system call keeps the
    /// descriptor (closed at process exit) rather than having it closed under it.</summary>
    public override void Stop()
    {
        stopping = true;
        if (thread is not null && !thread.Join(DisposeWait))
        {
            return;
        }

        descriptor?.Dispose();
        PublishStatus();
    }

    /// <summary>Waits until the reader thread has read everything the kernel had queued when this was called, so a
    /// last query sees the events of the app's last moments (the agent calls it when the app has exited). False when
    /// the thread is not reading or <paramref name="timeout"/> passed first.</summary>
    public bool CatchUp(TimeSpan timeout)
    {
        if (thread is not { IsAlive: true } || stopping)
        {
            return false;
        }

        lock (catchUpGate)
        {
            var asked = ++catchUpAsked;
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (catchUpDone < asked)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !thread.IsAlive)
                {
                    return false;
                }

                Monitor.Wait(catchUpGate, (int)Math.Min(left, PollTimeoutMs));
            }

            return true;
        }
    }

    /// <summary>Handles a readable descriptor with <paramref name="buffer"/> (<see cref="BufferSize"/> bytes, pinned);
    /// false when the descriptor failed for good (after reporting it), which ends the thread.</summary>
    protected abstract unsafe bool OnReadable(int fd, byte* buffer);

    /// <summary>Runs after every poll, readable or not (publishing a changed status, for instance).</summary>
    protected virtual void AfterPoll()
    {
    }

    /// <summary>Records what went wrong in <paramref name="step"/> (<c>poll</c>, <c>setup</c>), for the status.</summary>
    protected abstract void Fail(string step, string message);

    private unsafe void Loop()
    {
        var h = descriptor!;
        var added = false;
        h.DangerousAddRef(ref added);
        var data = GC.AllocateArray<byte>(BufferSize, pinned: true);
        try
        {
            var fd = (int)h.DangerousGetHandle();
            fixed (byte* p = data)
            {
                while (!stopping)
                {
                    // A catch-up request asked before this poll is met once a poll finds the queue empty.
                    var asked = Interlocked.Read(ref catchUpAsked);
                    var pending = asked > Interlocked.Read(ref catchUpDone);
                    var pfd = new Interop.Libc.pollfd { fd = fd, events = Interop.Libc.POLLIN };
                    var rc = Interop.Libc.poll(&pfd, 1, pending ? 0 : PollTimeoutMs);
                    if (pending && rc == 0)
                    {
                        lock (catchUpGate)
                        {
                            catchUpDone = asked;
                            Monitor.PulseAll(catchUpGate);
                        }
                    }

                    if (rc < 0 && Interop.LastErrno != Interop.Errno.EINTR)
                    {
                        Fail("poll", $"poll on {DescriptorName} failed: {Interop.LastErrno}; publisher stopped");
                        break;
                    }

                    if (rc > 0 && !OnReadable(fd, p))
                    {
                        break;
                    }

                    AfterPoll();
                }
            }
        }
        finally
        {
            if (added)
            {
                h.DangerousRelease();
            }

            PublishStatus();
        }
    }
}
