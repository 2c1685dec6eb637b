// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Syslog;

namespace FarQuery.Tables;

/// <summary>Subscribes to the syslog socket publisher and turns each <see cref="SyslogMessage"/> into a
/// <c>syslog_events</c> row (time and eid are the buffer's; docs/events.md). A message without a hostname gets the
/// agent's, as a local syslog daemon writes its own.</summary>
public sealed class SyslogEventsSubscriber(TableContext context)
    : EventSubscriberBase<SyslogMessage>(context, SyslogEventsTable.Spec, SyslogPublisher.PublisherName)
{
    /// <inheritdoc/>
    protected override object?[] ToRow(SyslogMessage e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = SyslogEventsTable.NewRow();
        r.Datetime = e.Datetime;
        r.Host = e.Host ?? Environment.MachineName;
        r.Severity = e.Severity;
        r.Facility = e.Facility;
        r.Tag = e.Tag;
        r.Message = e.Message;
        return r;
    }
}
