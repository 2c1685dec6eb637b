// SPDX-License-Identifier: Apache-2.0
using System.Text;

namespace FarQuery.Ecs.Testing;

/// <summary>One canned answer of <see cref="TmdsServer"/>.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">Body bytes.</param>
/// <param name="Delay">Wait before answering.</param>
/// <param name="DropConnection">Close the connection instead of answering.</param>
internal sealed record Reply(int StatusCode, byte[] Body, TimeSpan Delay = default, bool DropConnection = false)
{
    /// <summary>200 with a fixture file's bytes.</summary>
    public static Reply Fixture(string name) => new(200, EcsFixtures.Bytes(name));

    /// <summary>200 with the given body.</summary>
    public static Reply Text(string body) => new(200, Encoding.UTF8.GetBytes(body));

    /// <summary>An error status with a text body.</summary>
    public static Reply Status(int status, string body = "") => new(status, Encoding.UTF8.GetBytes(body));

    /// <summary>A fixture served only after <paramref name="delay"/>.</summary>
    public static Reply Slow(string name, TimeSpan delay) => new(200, EcsFixtures.Bytes(name), delay);

    /// <summary>The connection closed without an answer.</summary>
    public static Reply Drop() => new(0, [], default, true);
}
