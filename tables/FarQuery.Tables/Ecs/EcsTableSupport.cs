// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>What the three ECS tables share: finding the metadata client and reporting its state.</summary>
internal static class EcsTableSupport
{
    /// <summary>Name under which the endpoint's state appears among the publisher statuses.</summary>
    public const string PublisherName = "ecs_metadata";

    // Guards the create-and-Set below so that concurrent first queries end up sharing one client and its cache.
    private static readonly Lock CreateGate = new();

    /// <summary>The client the agent registered, or one made from the environment and registered so that later
    /// queries reuse its cache.</summary>
    public static EcsMetadataClient Client(TableContext context)
    {
        lock (CreateGate)
        {
            var client = context.Services.Get<EcsMetadataClient>();
            if (client is null)
            {
                client = EcsMetadataClient.FromEnvironment();
                context.Services.Set(client);
            }

            return client;
        }
    }

    /// <summary>Publishes the client's state (active, message, failed fetches) where the status tables read it.</summary>
    public static void Report(TableContext context, EcsMetadataClient client)
    {
        var status = client.Status;
        context.Events.SetPublisher(new PublisherStatus(PublisherName, status.Available, status.Message, status.Failures));
    }

    /// <summary>1 or 0 when the own container's Docker id is known, else null.</summary>
    public static long? IsSelf(string? dockerId, string? selfDockerId) =>
        selfDockerId is null || dockerId is null ? null : string.Equals(dockerId, selfDockerId, StringComparison.Ordinal) ? 1L : 0L;

    /// <summary>True when an <c>=</c>/<c>IN</c> constraint on the column allows the value.</summary>
    public static bool Allowed(IReadOnlyList<string>? wanted, string? value) =>
        wanted is null || (value is not null && wanted.Contains(value, StringComparer.Ordinal));

    /// <summary>A comma-separated list, or null when empty.</summary>
    public static string? Join(IEnumerable<string> values)
    {
        var text = string.Join(',', values);
        return text.Length == 0 ? null : text;
    }
}
