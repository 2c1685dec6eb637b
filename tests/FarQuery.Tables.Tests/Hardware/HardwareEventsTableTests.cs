// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Udev;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Hardware;

public sealed class HardwareEventsTableTests
{
    [Fact]
    public void SelectStar_LivePublisher_RowsMatchSpec()
    {
        // A real uevent (root writes "change" to /dev/null's sysfs uevent file) through the real publisher; see
        // FarQuery.Events.Tests/Udev for the publisher's own end-to-end tests.
        const string Trigger = "/sys/class/mem/null/uevent";
        if (Environment.UserName != "root" || !File.Exists(Trigger))
        {
            Console.Error.WriteLine($"LOUD SKIP: hardware_events live test needs root and {Trigger}");
            return;
        }

        var context = new TableContext();
        using (var publisher = new UdevPublisher(context, new HardwareEventsSubscriber(context)))
        {
            Assert.True(publisher.SetUp(), publisher.StatusMessage);
            publisher.Start();
            var buffer = context.Events.Buffer(HardwareEventsTable.Spec, UdevPublisher.PublisherName);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            var next = DateTime.MinValue;
            while (!buffer.Snapshot().Any(r => (string?)r[HardwareEventsTable.C.Path] == "/dev/null"))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    // Not in the host's network namespace: the kernel broadcasts uevents only there.
                    Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "no uevent arrived: " + publisher.StatusMessage);
                    Console.Error.WriteLine("LOUD SKIP: hardware_events live test: no uevent arrived (not in the host's network namespace?)");
                    return;
                }

                if (DateTime.UtcNow >= next)
                {
                    // Re-sent each second: an event the kernel sent before the bind took effect is not queued.
                    File.WriteAllText(Trigger, "change");
                    next = DateTime.UtcNow.AddSeconds(1);
                }

                Thread.Sleep(20);
            }
        }

        var result = TableAssert.SelectStarMatchesSpec("hardware_events", context: context);
        Assert.Contains(result.Rows, r => (string?)r[0] == "change" && (string?)r[1] == "/dev/null" && (string?)r[2] == "mem" && (string?)r[^1] == "mem");
    }

    [Fact]
    public void Query_TimeRangeAndNocaseIds_PushedDownAndCollated()
    {
        var context = new TableContext();
        var buffer = context.Events.Buffer(HardwareEventsTable.Spec, UdevPublisher.PublisherName);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (action, vendorId, time) in new[] { ("add", "046D", now - 100), ("change", "8086", now - 50), ("remove", "046d", now) })
        {
            var row = new object?[HardwareEventsTable.Spec.Columns.Count];
            row[HardwareEventsTable.C.Action] = action;
            row[HardwareEventsTable.C.VendorId] = vendorId;
            row[HardwareEventsTable.C.Time] = time;
            buffer.Add(row);
        }

        using var host = TableAssert.Host(context);
        Assert.Equal(["change", "remove"], host.Query($"select action from hardware_events where time >= {now - 50} order by time").Rows.Select(r => (string)r[0]!));
        Assert.Equal(["add", "remove"], host.Query("select action from hardware_events where vendor_id = '046d' order by time").Rows.Select(r => (string)r[0]!));
        Assert.Equal(["0000000001", "0000000002", "0000000003"], host.Query("select eid from hardware_events order by eid").Rows.Select(r => (string)r[0]!));
        Assert.DoesNotContain("eid", host.Query("select * from hardware_events").Columns);
    }

    [Fact]
    public void Query_UsbAndPciRows_NamesFromIdsDatabases()
    {
        var context = Fixtures.Context("hardware");
        var buffer = context.Events.Buffer(HardwareEventsTable.Spec, UdevPublisher.PublisherName);
        foreach (var (subsystem, vendorId, modelId, vendor, model) in new (string, string?, string?, string?, string?)[]
                 {
                     ("usb", "046d", "c52b", "Logitech", "USB Receiver"), // sysfs names: the database's win, as udev's hwdb
                     ("pci", "8086", "10d3", null, null),
                     ("pci", "8086", "ffff", null, null), // a device the database lacks keeps its (absent) model
                     ("usb", "ffff", "0001", "Acme", "Gadget"), // an unknown vendor keeps the sysfs names
                     ("block", "8086", "10d3", "ATA", "Disk"), // not a usb or pci row: left alone
                 })
        {
            var row = new object?[HardwareEventsTable.Spec.Columns.Count];
            row[HardwareEventsTable.C.Action] = "add";
            row[HardwareEventsTable.C.Subsystem] = subsystem;
            row[HardwareEventsTable.C.VendorId] = vendorId;
            row[HardwareEventsTable.C.ModelId] = modelId;
            row[HardwareEventsTable.C.Vendor] = vendor;
            row[HardwareEventsTable.C.Model] = model;
            buffer.Add(row);
        }

        using var host = TableAssert.Host(context);
        var rows = host.Query("select vendor, model from hardware_events order by eid").Rows;
        Assert.Equal(["Logitech, Inc.", "Unifying Receiver"], rows[0]);
        Assert.Equal(["Intel Corporation", "82574L Gigabit Network Connection"], rows[1]);
        Assert.Equal(["Intel Corporation", null], rows[2]);
        Assert.Equal(["Acme", "Gadget"], rows[3]);
        Assert.Equal(["ATA", "Disk"], rows[4]);

        // The buffered rows are shared with other readers and stay as the publisher wrote them.
        Assert.Equal("Logitech", buffer.Snapshot()[0][HardwareEventsTable.C.Vendor]);
    }

    [Fact]
    public void Query_NoPublisher_EmptyNotAnError()
    {
        using var host = TableAssert.Host(new TableContext());
        Assert.Empty(host.Query("select * from hardware_events").Rows);
    }
}
