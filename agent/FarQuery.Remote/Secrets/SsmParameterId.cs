// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Remote.Secrets;

/// <summary>An SSM parameter as the user names it: a name (<c>enroll</c>), a path (<c>/farquery/enroll</c>), either with a
/// <c>:version</c> or <c>:label</c> selector, or a full ARN <c>arn:aws:ssm:&lt;region&gt;:&lt;account&gt;:parameter/...</c>
/// (docs/ecs-and-ssm.md §4.3). The region comes from the ARN; for a name it is the task's region.</summary>
public sealed record SsmParameterId(string Name, string? Region)
{
    /// <summary>Parses a parameter identifier; false (with a reason) when it cannot name a parameter.</summary>
    public static bool TryParse(string? text, out SsmParameterId id, out string error)
    {
        id = new SsmParameterId("", null);
        error = "";
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "the SSM parameter name is empty";
            return false;
        }

        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            // arn:partition:ssm:region:account:parameter/name — the resource part may itself hold ':' selectors.
            var parts = text.Split(':', 6);
            if (parts.Length < 6 || parts[2] != "ssm" || parts[3].Length == 0 || !parts[5].StartsWith("parameter/", StringComparison.Ordinal))
            {
                error = $"'{text}' is not an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)";
                return false;
            }

            // GetParameter accepts the full ARN as Name (needed for parameters shared from another account).
            id = new SsmParameterId(text, parts[3]);
            return true;
        }

        if (text.Length > 2048 || text.Contains(' ', StringComparison.Ordinal))
        {
            error = $"'{text}' is not a valid SSM parameter name (no spaces, at most 2048 characters)";
            return false;
        }

        id = new SsmParameterId(text, null);
        return true;
    }
}
