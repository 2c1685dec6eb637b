// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events;
using FarQuery.Events.Udev;

namespace FarQuery.Tables;

/// <summary>Subscribes to the uevent publisher and turns each <see cref="HardwareEvent"/> into a
/// <c>hardware_events</c> row through the generated column ordinals (docs/events.md).</summary>
public sealed class HardwareEventsSubscriber : IEventSubscriber<HardwareEvent>
{
    private readonly EventBuffer buffer;

    /// <summary>Binds to the context's <c>hardware_events</c> buffer.</summary>
    public HardwareEventsSubscriber(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        buffer = context.Events.Buffer(HardwareEventsTable.Spec, UdevPublisher.PublisherName);
    }

    /// <inheritdoc/>
    public void OnEvent(HardwareEvent e) => buffer.Add(Row(e));

    /// <summary>The row for <paramref name="e"/> (time and eid are the buffer's).</summary>
    internal static object?[] Row(HardwareEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = new object?[HardwareEventsTable.Spec.Columns.Count];
        r[HardwareEventsTable.C.Action] = e.Action;
        r[HardwareEventsTable.C.Path] = e.Path;
        r[HardwareEventsTable.C.Type] = e.Type;
        r[HardwareEventsTable.C.Driver] = e.Driver;
        r[HardwareEventsTable.C.Vendor] = e.Vendor;
        r[HardwareEventsTable.C.VendorId] = e.VendorId;
        r[HardwareEventsTable.C.Model] = e.Model;
        r[HardwareEventsTable.C.ModelId] = e.ModelId;
        r[HardwareEventsTable.C.Serial] = e.Serial;
        r[HardwareEventsTable.C.Revision] = e.Revision;
        r[HardwareEventsTable.C.Subsystem] = e.Subsystem;
        return r;
    }
}
