// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Core;
using FarQuery.Events.Udev;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Events.Tests.Udev;

/// <summary>The publisher against the real kernel: a synthetic "change" uevent, written to a sysfs uevent file, has to
/// come back through the netlink socket, the parser and the mapper as a <c>hardware_events</c> row.</summary>
public sealed class UdevPublisherTests
{
    // /dev/null exists on every Linux system, and a "change" on it only makes udevd (if any) re-apply its permissions.
    private const string Trigger = "/sys/class/mem/null/uevent";

    [Fact]
    public void Start_SyntheticChangeUevent_RowArrivesThroughSql()
    {
        if (!UeventTrigger.CanTrigger(Trigger, out var reason))
        {
            UeventTrigger.Skip(reason);
            return;
        }

        var context = new TableContext();
        using (var publisher = new UdevPublisher(context, new HardwareEventsSubscriber(context)))
        {
            Assert.True(publisher.SetUp(), publisher.StatusMessage);
            publisher.Start();
            var buffer = context.Events.Buffer(HardwareEventsTable.Spec, UdevPublisher.PublisherName);
            if (!UeventTrigger.TriggerUntil(Trigger, () => buffer.Snapshot().Any(IsNullChange)))
            {
                // Writing worked but nothing came back: a network namespace other than the host's (the kernel only
                // broadcasts there). On CI, the runner is set up so this works, so it is a failure.
                Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "no uevent arrived after writing change to " + Trigger + ": " + publisher.StatusMessage);
                UeventTrigger.Skip("no uevent arrived after writing change to " + Trigger + " (not in the host's network namespace?)");
                return;
            }

            Assert.True(publisher.Messages >= 1);
            Assert.True(publisher.RowsAdded >= 1);
            Assert.Equal(0, publisher.Malformed);
            var status = context.Events.Publishers.Single(p => p.Name == UdevPublisher.PublisherName);
            Assert.True(status.Active, status.Message);
        }

        using var host = new SqlHost(TableRegistry.All, context);
        var rows = host.Query("select action, path, type, driver, vendor_id, time, eid from hardware_events where path = '/dev/null'").Rows;
        // Not Single: the trigger is re-sent each second until a row arrives, and other test assemblies running at the
        // same time write to the same file, so more than one change may be in the buffer.
        Assert.Contains(rows, r => (string?)r[0] == "change");
        var row = rows.First(r => (string?)r[0] == "change");
        Assert.Equal("mem", row[2]);
        Assert.Null(row[3]);
        Assert.Null(row[4]);
        Assert.True((long)row[5]! > 1_600_000_000);
        Assert.Matches("^[0-9]{10}$", (string)row[6]!);

        // osquery_events shows the publisher (stopped now that it is disposed) and the subscriber's buffer.
        var publisherRow = Assert.Single(host.Query("select active, events, message from osquery_events where name = 'udev' and type = 'publisher'").Rows);
        Assert.Equal(0L, publisherRow[0]);
        Assert.Contains("rows", (string)publisherRow[2]!, StringComparison.Ordinal);
        var subscriberRow = Assert.Single(host.Query("select buffered from osquery_events where name = 'hardware_events'").Rows);
        Assert.True((long)subscriberRow[0]! >= 1);
    }

    [Fact]
    public void Start_ForgedMessagesFromAProcess_CountedNotReported()
    {
        // Root may send to the uevent group from user space (CAP_NET_ADMIN): such messages, a forged kernel one and a
        // libudev one, must not become rows. They carry the sender's port id, not the kernel's 0.
        if (!UeventTrigger.CanTrigger(Trigger, out var reason))
        {
            UeventTrigger.Skip(reason);
            return;
        }

        var context = new TableContext();
        using var publisher = new UdevPublisher(context, new HardwareEventsSubscriber(context));
        Assert.True(publisher.SetUp(), publisher.StatusMessage);
        publisher.Start();
        var forged = Encoding.UTF8.GetBytes("add@/devices/virtual/mem/forged\0ACTION=add\0DEVPATH=/devices/virtual/mem/forged\0SUBSYSTEM=mem\0DEVNAME=forged\0");
        byte[] libudev = [.. "libudev\0"u8, 0xfe, 0xed, 0xca, 0xfe, .. "ACTION=add\0DEVNAME=forged\0"u8];

        // System.Net.Sockets does not support AF_NETLINK, so the sender is a raw socket.
        var sender = Interop.Libc.socket(Interop.Libc.AF_NETLINK, Interop.Libc.SOCK_DGRAM | Interop.Libc.SOCK_CLOEXEC, Interop.Libc.NETLINK_KOBJECT_UEVENT);
        Assert.True(sender >= 0, "socket: " + Interop.LastErrno);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (publisher.Foreign < 2 && DateTime.UtcNow < deadline)
            {
                // Re-sent until seen: one sent before the publisher's bind took effect is not queued for it.
                SendToGroup(sender, forged);
                SendToGroup(sender, libudev);
                Thread.Sleep(100);
            }
        }
        finally
        {
            Interop.Libc.close(sender);
        }

        Assert.True(publisher.Foreign >= 2, publisher.StatusMessage);
        Assert.Equal(0, publisher.Malformed);
        Assert.DoesNotContain(context.Events.Buffer(HardwareEventsTable.Spec, UdevPublisher.PublisherName).Snapshot(), r => (string?)r[HardwareEventsTable.C.Path] == "/dev/forged");
        Assert.Contains("not from the kernel", publisher.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_WhileWaiting_StopsThreadAndReportsInactive()
    {
        var context = new TableContext();
        var publisher = new UdevPublisher(context, new HardwareEventsSubscriber(context));
        if (!publisher.SetUp())
        {
            // Opening a uevent socket needs no privilege; only a seccomp profile or LSM refuses it.
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", publisher.StatusMessage);
            UeventTrigger.Skip(publisher.StatusMessage);
            return;
        }

        publisher.Start();
        Assert.True(publisher.IsActive);
        Assert.Contains("listening for kernel uevents", publisher.StatusMessage, StringComparison.Ordinal);
        publisher.Dispose();
        Assert.False(publisher.IsActive);
        var status = context.Events.Publishers.Single(p => p.Name == UdevPublisher.PublisherName);
        Assert.False(status.Active);
        Assert.StartsWith("stopped;", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithoutSetUp_Throws()
    {
        var context = new TableContext();
        using var publisher = new UdevPublisher(context, new HardwareEventsSubscriber(context));
        Assert.Throws<InvalidOperationException>(publisher.Start);
    }

    /// <summary>Sends to the kernel uevent group (port id 0 and group 1: the kernel delivers it to the group's members).</summary>
    private static unsafe void SendToGroup(int fd, byte[] message)
    {
        var to = new Interop.Libc.sockaddr_nl { nl_family = Interop.Libc.AF_NETLINK, nl_groups = 1 };
        fixed (byte* p = message)
        {
            var n = Interop.Libc.sendto(fd, p, (nuint)message.Length, 0, &to, (uint)sizeof(Interop.Libc.sockaddr_nl));
            Assert.True(n == message.Length, "sendto: " + Interop.LastErrno);
        }
    }

    private static bool IsNullChange(object?[] row) =>
        (string?)row[HardwareEventsTable.C.Action] == "change" && (string?)row[HardwareEventsTable.C.Path] == "/dev/null";
}
