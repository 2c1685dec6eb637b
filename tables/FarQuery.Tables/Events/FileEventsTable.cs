// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Inotify;

namespace FarQuery.Tables;

/// <summary>Reads the rows <see cref="FileEventsSubscriber"/> buffered from the inotify publisher, with a
/// <c>time</c> range pushed down to the buffer so <c>where time &gt; N</c> copies only the newer rows.</summary>
public sealed partial class FileEventsTable(TableContext context) : EventTableBase(context, InotifyPublisher.PublisherName);
