// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Ecs;

/// <summary>The task context that the scheduler attaches to every result log line, so that each alert says which task,
/// cluster, image and account it came from.</summary>
public static class EcsDecorations
{
    /// <summary>Task ARN.</summary>
    public const string TaskArn = "task_arn";

    /// <summary>Cluster as the endpoint sent it (an ARN on Fargate).</summary>
    public const string Cluster = "cluster";

    /// <summary>Task definition family.</summary>
    public const string Family = "family";

    /// <summary>Task definition revision.</summary>
    public const string Revision = "revision";

    /// <summary>Image of the container FarQuery runs in.</summary>
    public const string Image = "image";

    /// <summary>Account id from the task ARN.</summary>
    public const string AccountId = "account_id";

    /// <summary>Region from the task ARN.</summary>
    public const string Region = "region";

    /// <summary>Reads the context from the client's cached documents (<c>/task</c> and <c>${uri}</c>; both are fetched
    /// at most every few seconds, so calling this per log line is cheap). Keys whose value is unknown are left out;
    /// outside ECS, or when the endpoint never answered, the dictionary is empty.</summary>
    public static IReadOnlyDictionary<string, string> From(EcsMetadataClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!client.Endpoint.IsAvailable)
        {
            return result;
        }

        var task = client.GetTask(false, cancellationToken).Value;
        var self = client.GetContainer(cancellationToken).Value;
        var arn = task?.Arn;
        Add(result, TaskArn, task?.TaskArn);
        Add(result, Cluster, task?.Cluster);
        Add(result, Family, task?.Family);
        Add(result, Revision, task?.Revision);
        Add(result, Image, self?.Image);
        Add(result, AccountId, arn?.Account);
        Add(result, Region, arn?.Region);
        return result;
    }

    private static void Add(Dictionary<string, string> map, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            map[key] = value;
        }
    }
}
