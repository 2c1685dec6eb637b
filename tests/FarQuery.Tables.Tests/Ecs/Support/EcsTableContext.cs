// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Ecs.Testing;

/// <summary>Table contexts wired to a metadata client, as the agent wires them.</summary>
internal static class EcsTableContext
{
    /// <summary>Quick retries, and a timeout generous enough for a loaded CI machine: only the slow-server tests
    /// shorten it (<see cref="ShortTimeout"/>), so no success test depends on how fast the machine is.</summary>
    public static EcsClientOptions Options { get; } = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(15),
        RetryDelay = TimeSpan.FromMilliseconds(10),
        Attempts = 2,
    };

    /// <summary>For the tests of a server that stalls: the client gives up after one second.</summary>
    public static EcsClientOptions ShortTimeout { get; } = Options with { RequestTimeout = TimeSpan.FromSeconds(1) };

    /// <summary>A context whose registered client reads <paramref name="baseUrl"/>.</summary>
    public static TableContext For(string baseUrl, int version = 4, EcsClientOptions? options = null)
    {
        var context = new TableContext();
        context.Services.Set(new EcsMetadataClient(EcsEndpoint.At(baseUrl, version), options ?? Options));
        return context;
    }

    /// <summary>A context whose client found no endpoint variable (outside ECS).</summary>
    public static TableContext OutsideEcs()
    {
        var context = new TableContext();
        context.Services.Set(EcsMetadataClient.FromEnvironment(_ => null, Options));
        return context;
    }

    /// <summary>The status the ECS tables published.</summary>
    public static PublisherStatus Status(TableContext context) =>
        context.Events.Publishers.Single(p => p.Name == "ecs_metadata");

    /// <summary>A fixture's text with ids replaced, to pair documents that AWS published for different tasks.</summary>
    public static Reply Rewritten(string fixture, params (string From, string To)[] replacements)
    {
        var text = File.ReadAllText(Path.Join(EcsFixtures.Directory, fixture));
        foreach (var (from, to) in replacements)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return Reply.Text(text);
    }
}
