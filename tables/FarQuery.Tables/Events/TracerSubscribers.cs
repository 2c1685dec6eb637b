// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The table subscribers of the ptrace publisher, for <see cref="TracerOptions.Subscribers"/>.</summary>
public static class TracerSubscribers
{
    /// <summary>One subscriber per ptrace table (process_events, socket_events, process_file_events, seccomp_events,
    /// user_events), bound to <paramref name="context"/>'s buffers.</summary>
    public static IEventSubscriber<TraceEvent>[] Create(TableContext context) =>
    [
        new ProcessEventsSubscriber(context),
        new SocketEventsSubscriber(context),
        new ProcessFileEventsSubscriber(context),
        new SeccompEventsSubscriber(context),
        new UserEventsSubscriber(context),
    ];
}
