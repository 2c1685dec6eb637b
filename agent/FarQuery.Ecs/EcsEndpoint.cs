// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>Where the task metadata endpoint is, or why there is none (docs/ecs-and-ssm.md §1.1, §2.1).</summary>
public sealed class EcsEndpoint
{
    /// <summary>The v4 variable, injected on Fargate platform 1.4.0+ and by the EC2 agent 1.39.0+.</summary>
    public const string V4Variable = "ECS_CONTAINER_METADATA_URI_V4";

    /// <summary>The v3 variable, the fallback for older platforms.</summary>
    public const string V3Variable = "ECS_CONTAINER_METADATA_URI";

    private EcsEndpoint(string? baseUrl, int version, string reason)
    {
        BaseUrl = baseUrl;
        Version = version;
        Reason = reason;
    }

    /// <summary>The per-container base URL without a trailing slash, or null outside ECS. The value is opaque: only
    /// suffixes (<c>/task</c>, <c>/stats</c>) are appended, because its shape differs between Fargate and EC2.</summary>
    public string? BaseUrl { get; }

    /// <summary>4 or 3 for the endpoint version, 0 when there is no endpoint.</summary>
    public int Version { get; }

    /// <summary>How the endpoint was found, or why none was.</summary>
    public string Reason { get; }

    /// <summary>True when there is an endpoint to ask.</summary>
    public bool IsAvailable => BaseUrl is not null;

    /// <summary>An endpoint at a known base URL (tests, or an explicit configuration).</summary>
    public static EcsEndpoint At(string baseUrl, int version = 4)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return TryNormalize(baseUrl, out var url)
            ? new EcsEndpoint(url, version, $"task metadata endpoint v{version} at {url}")
            : throw new ArgumentException($"'{baseUrl}' is not an absolute http URL", nameof(baseUrl));
    }

    /// <summary>No endpoint, with the reason the tables report.</summary>
    public static EcsEndpoint None(string reason) => new(null, 0, reason);

    /// <summary>Reads <see cref="V4Variable"/>, then <see cref="V3Variable"/>. The link-local address 169.254.170.2 is
    /// never guessed: outside ECS it may belong to something else (docs/ecs-and-ssm.md §2.1).</summary>
    /// <param name="getVariable">Reads one environment variable; defaults to the process environment.</param>
    public static EcsEndpoint FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var v4 = getVariable(V4Variable);
        var v3 = getVariable(V3Variable);
        string? rejected = null;
        if (!string.IsNullOrWhiteSpace(v4))
        {
            if (TryNormalize(v4, out var url))
            {
                return new EcsEndpoint(url, 4, $"task metadata endpoint v4 from {V4Variable}={url}");
            }

            rejected = $"{V4Variable} is not an absolute http URL ('{v4}')";
        }

        if (!string.IsNullOrWhiteSpace(v3))
        {
            if (TryNormalize(v3, out var url))
            {
                return new EcsEndpoint(url, 3, $"task metadata endpoint v3 from {V3Variable}={url}" + (rejected is null ? "" : "; " + rejected));
            }

            rejected = (rejected is null ? "" : rejected + "; ") + $"{V3Variable} is not an absolute http URL ('{v3}')";
        }

        return None(rejected ?? $"not running on Amazon ECS: neither {V4Variable} nor {V3Variable} is set");
    }

    private static bool TryNormalize(string value, out string url)
    {
        url = value.Trim().TrimEnd('/');
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}
