// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events;

/// <summary>Receives the typed events of one publisher, as osquery's subscribers do (docs/events.md). Subscribers that
/// fill tables live in FarQuery.Tables and turn each event into a row through the table's generated column ordinals.
/// Called on the publisher's thread: an implementation must be quick (the traced app waits in its stop while a ptrace
/// event is handled); an exception costs this subscriber the event and is counted as dropped.</summary>
/// <typeparam name="TEvent">The publisher's event record.</typeparam>
public interface IEventSubscriber<in TEvent>
{
    /// <summary>Handles one event.</summary>
    void OnEvent(TEvent e);
}
