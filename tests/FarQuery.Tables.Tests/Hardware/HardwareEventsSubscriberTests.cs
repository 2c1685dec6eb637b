// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Udev;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Hardware;

/// <summary>HardwareEventsSubscriber: a typed HardwareEvent in, a hardware_events row out.</summary>
public sealed class HardwareEventsSubscriberTests
{
    [Fact]
    public void Row_Event_FillsColumnsByName()
    {
        var e = new HardwareEvent("add", "/dev/sdb", "disk", "sd", Model: "Disk", ModelId: null, Vendor: "Acme", VendorId: null, Serial: "S1", Revision: "1.0", Subsystem: "block");
        var row = HardwareEventsSubscriber.Row(e);
        var spec = HardwareEventsTable.Spec;
        Assert.Equal("add", row[spec.IndexOf("action")]);
        Assert.Equal("/dev/sdb", row[spec.IndexOf("path")]);
        Assert.Equal("disk", row[spec.IndexOf("type")]);
        Assert.Equal("sd", row[spec.IndexOf("driver")]);
        Assert.Equal("Acme", row[spec.IndexOf("vendor")]);
        Assert.Equal("Disk", row[spec.IndexOf("model")]);
        Assert.Equal("S1", row[spec.IndexOf("serial")]);
        Assert.Equal("block", row[spec.IndexOf("subsystem")]);
    }

    [Fact]
    public void OnEvent_Event_AddsOneRowToTheBuffer()
    {
        var context = new TableContext();
        new HardwareEventsSubscriber(context).OnEvent(new HardwareEvent("remove", "/dev/sdb", "disk", "sd", null, null, null, null, null, null, "block"));
        Assert.Equal(1, context.Events.Buffer(HardwareEventsTable.Spec, UdevPublisher.PublisherName).Count);
    }
}
