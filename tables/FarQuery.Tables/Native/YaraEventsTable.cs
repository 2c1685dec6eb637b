// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Inotify;

namespace FarQuery.Tables;

/// <summary>Reads the rows <see cref="YaraEventsSubscriber"/> buffered from the inotify publisher's events (the
/// publisher behind file_events: one watcher for both tables).</summary>
public sealed partial class YaraEventsTable(TableContext context) : EventTableBase(context, InotifyPublisher.PublisherName);
