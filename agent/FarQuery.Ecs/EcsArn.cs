// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Ecs;

/// <summary>The parts of an ARN (<c>arn:partition:service:region:account:resource</c>). The task ARN is where the
/// region and account come from (docs/ecs-and-ssm.md §1.5).</summary>
/// <param name="Partition">aws, aws-cn, aws-us-gov.</param>
/// <param name="Service">ecs.</param>
/// <param name="Region">us-east-1.</param>
/// <param name="Account">The 12-digit account id.</param>
/// <param name="Resource">task/cluster/id, or task/uuid in the old format.</param>
public sealed record EcsArn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>The last path segment of the resource: the task id of a task ARN, the cluster name of a cluster ARN.</summary>
    public string ResourceId
    {
        get
        {
            var slash = Resource.LastIndexOf('/');
            return slash < 0 ? Resource : Resource[(slash + 1)..];
        }
    }

    /// <summary>Splits an ARN; false for null or anything without the six colon-separated parts.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EcsArn? arn)
    {
        arn = null;
        if (text is null || !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        // The resource may itself contain colons, so split into at most six parts.
        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[1].Length == 0 || parts[5].Length == 0)
        {
            return false;
        }

        arn = new EcsArn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }
}
