// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Udev;

namespace FarQuery.Tables;

/// <summary>Subscribes to the uevent publisher and turns each <see cref="HardwareEvent"/> into a
/// <c>hardware_events</c> row through the generated typed row (docs/events.md).</summary>
public sealed class HardwareEventsSubscriber(TableContext context)
    : EventSubscriberBase<HardwareEvent>(context, HardwareEventsTable.Spec, UdevPublisher.PublisherName)
{
    /// <inheritdoc/>
    protected override object?[] ToRow(HardwareEvent e) => Row(e);

    /// <summary>The row for <paramref name="e"/> (time and eid are the buffer's).</summary>
    internal static object?[] Row(HardwareEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = HardwareEventsTable.NewRow();
        r.Action = e.Action;
        r.Path = e.Path;
        r.Type = e.Type;
        r.Driver = e.Driver;
        r.Vendor = e.Vendor;
        r.VendorId = e.VendorId;
        r.Model = e.Model;
        r.ModelId = e.ModelId;
        r.Serial = e.Serial;
        r.Revision = e.Revision;
        r.Subsystem = e.Subsystem;
        return r;
    }
}
