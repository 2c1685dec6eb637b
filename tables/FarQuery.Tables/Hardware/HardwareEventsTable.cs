// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Udev;

namespace FarQuery.Tables;

/// <summary>Reads the rows the uevent publisher (<see cref="UdevPublisher"/>) buffered, with a <c>time</c> range pushed
/// down to the buffer so <c>where time &gt; N</c> copies only the newer rows. USB and PCI rows get their vendor and
/// model names from usb.ids / pci.ids here, as udev's hwdb gives osquery <c>ID_VENDOR_FROM_DATABASE</c>: the
/// publisher's thread stays free of the 1.4 MB database, which is loaded only when such a row is read.</summary>
public sealed partial class HardwareEventsTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        // The time range is pushed down, and a scheduled query sees each event once (its bookmark).
        var rows = Context.Events.Buffer(Spec, UdevPublisher.PublisherName).Read(query);
        var usb = new Lazy<HardwareIds?>(() => HardwareIdsCache.Load(Context.Fs, HardwareIdsCache.UsbPaths), LazyThreadSafetyMode.None);
        var pci = new Lazy<HardwareIds?>(() => HardwareIdsCache.Load(Context.Fs, HardwareIdsCache.PciPaths), LazyThreadSafetyMode.None);
        foreach (var row in rows)
        {
            var ids = row[C.Subsystem] switch
            {
                "usb" => usb.Value,
                "pci" => pci.Value,
                _ => null,
            };

            yield return ids is null || row[C.VendorId] is not string vendorId ? row : Named(row, ids, vendorId);
        }
    }

    /// <summary>A copy with the database's names (the buffered row is shared with other readers); the row's own names
    /// stay where the database has none.</summary>
    private static object?[] Named(object?[] row, HardwareIds ids, string vendorId)
    {
        var vendor = ids.Vendor(vendorId);
        var model = row[C.ModelId] is string modelId ? ids.Device(vendorId, modelId) : "";
        if (vendor.Length == 0 && model.Length == 0)
        {
            return row;
        }

        var copy = new Row((object?[])row.Clone());
        if (vendor.Length > 0)
        {
            copy.Vendor = vendor;
        }

        if (model.Length > 0)
        {
            copy.Model = model;
        }

        return copy;
    }
}
