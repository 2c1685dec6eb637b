// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Events.Tests;

/// <summary>The publisher base: fan-out to subscribers in order, a failing subscriber counted as a drop without
/// costing the others the event, and the status reaching the event registry.</summary>
public sealed class EventPublisherTests
{
    [Fact]
    public void Publish_TwoSubscribers_BothGetTheEventInOrder()
    {
        var seen = new List<string>();
        var publisher = new TestPublisher(new TableContext());
        publisher.Subscribe(new Recorder(e => seen.Add("a:" + e)));
        publisher.Subscribe(new Recorder(e => seen.Add("b:" + e)));
        publisher.Emit("x");
        Assert.Equal(["a:x", "b:x"], seen);
        Assert.Equal(1, publisher.Published);
        Assert.Equal(0, publisher.Dropped);
    }

    [Fact]
    public void Publish_SubscriberThrows_CountedAsDroppedOthersStillServed()
    {
        var seen = new List<string>();
        var publisher = new TestPublisher(new TableContext());
        publisher.Subscribe(new Recorder(_ => throw new InvalidOperationException("boom")));
        publisher.Subscribe(new Recorder(seen.Add));
        publisher.Emit("x");
        Assert.Equal(["x"], seen);
        Assert.Equal(1, publisher.Dropped);
    }

    [Fact]
    public void Lifecycle_SetUpStartDispose_StatusReachesRegistry()
    {
        var context = new TableContext();
        var publisher = new TestPublisher(context);
        Assert.True(publisher.SetUp());
        publisher.Configure();
        publisher.Start();
        Assert.True(Assert.Single(context.Events.Publishers, p => p.Name == "test").Active);
        publisher.Dispose();
        var status = Assert.Single(context.Events.Publishers, p => p.Name == "test");
        Assert.False(status.Active);
        Assert.Equal("stopped", publisher.StatusMessage);
    }

    private sealed class Recorder(Action<string> action) : IEventSubscriber<string>
    {
        public void OnEvent(string e) => action(e);
    }

    private sealed class TestPublisher(TableContext context) : EventPublisher<string>(context, "test")
    {
        private bool running;

        public void Emit(string e) => Publish(e);

        public override bool SetUp() => true;

        public override void Start()
        {
            running = true;
            PublishStatus();
        }

        public override void Stop()
        {
            running = false;
            PublishStatus();
        }

        protected override PublisherStatus BuildStatus() => new("test", running, running ? "running" : "stopped", Dropped);
    }
}
