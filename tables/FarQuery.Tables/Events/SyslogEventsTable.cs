// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Syslog;

namespace FarQuery.Tables;

/// <summary>Reads the syslog_events buffer that SyslogEventsSubscriber fills from the syslog socket publisher
/// (<see cref="SyslogPublisher"/>); a constraint on <c>time</c> is applied to the buffer scan (docs/events.md).</summary>
public sealed partial class SyslogEventsTable(TableContext context) : EventTableBase(context, SyslogPublisher.PublisherName);
