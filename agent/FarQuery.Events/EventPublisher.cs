// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Events;

/// <summary>The shape every publisher shares, after osquery's EventPublisher (docs/events.md): it owns one kernel
/// resource (the ptrace tracer, an inotify descriptor, a uevent socket), goes through <see cref="SetUp"/> →
/// <see cref="Configure"/> → <see cref="Start"/> → <see cref="Stop"/>, reports its status to <c>osquery_events</c>, and
/// hands typed events to its subscribers. A subscriber that throws loses that event, which is counted in
/// <see cref="Dropped"/> with the publisher's own losses; the others still get it.</summary>
/// <typeparam name="TEvent">The event record this publisher emits.</typeparam>
public abstract class EventPublisher<TEvent> : IDisposable
    where TEvent : class
{
    private readonly Lock gate = new();
    private IEventSubscriber<TEvent>[] subscribers = [];
    private long published;
    private long dropped;

    /// <summary>Creates a publisher reporting under <paramref name="name"/> in <paramref name="context"/>'s event registry.</summary>
    protected EventPublisher(TableContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Name = name;
    }

    /// <summary>The publisher name in <c>osquery_events</c> and on its event buffers.</summary>
    public string Name { get; }

    /// <summary>Events handed to the subscribers.</summary>
    public long Published => Interlocked.Read(ref published);

    /// <summary>Events lost: a subscriber threw, or the publisher could not decode what the kernel reported.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>The status line also published to <c>osquery_events</c>.</summary>
    public string StatusMessage => BuildStatus().Message;

    /// <summary>The context whose event registry gets the status.</summary>
    protected TableContext Context { get; }

    /// <summary>Adds a subscriber; normally before <see cref="Start"/>, but safe at any time.</summary>
    public void Subscribe(IEventSubscriber<TEvent> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (gate)
        {
            subscribers = [.. subscribers, subscriber];
        }
    }

    /// <summary>Acquires the kernel resource; false (with the status saying why) when the kernel refuses.</summary>
    public abstract bool SetUp();

    /// <summary>Applies the configuration (watches, rules); nothing by default.</summary>
    public virtual void Configure()
    {
    }

    /// <summary>Starts delivering events.</summary>
    public abstract void Start();

    /// <summary>Stops delivering events and releases the kernel resource.</summary>
    public abstract void Stop();

    /// <summary>Stops the publisher (<see cref="Stop"/>).</summary>
    public void Dispose()
    {
        Stop();
        GC.SuppressFinalize(this);
    }

    /// <summary>The publisher's status now.</summary>
    protected abstract PublisherStatus BuildStatus();

    /// <summary>Sends the status to the event registry.</summary>
    protected virtual void PublishStatus() => Context.Events.SetPublisher(BuildStatus());

    /// <summary>Hands <paramref name="e"/> to every subscriber, on the calling (publisher) thread.</summary>
    protected internal void Publish(TEvent e)
    {
        Interlocked.Increment(ref published);
        foreach (var s in Volatile.Read(ref subscribers))
        {
            try
            {
                s.OnEvent(e);
            }
            catch (Exception x) when (x is not OutOfMemoryException)
            {
                // A failing subscriber must not stop the publisher (for ptrace the app would hang in its stop).
                Interlocked.Increment(ref dropped);
            }
        }
    }

    /// <summary>Counts an event the publisher itself lost.</summary>
    protected internal void CountDropped() => Interlocked.Increment(ref dropped);
}
