// SPDX-License-Identifier: Apache-2.0
using Amazon;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace FarQuery.Remote.Secrets;

/// <summary>Where and how to read the enroll secret from SSM Parameter Store.</summary>
public sealed class SsmSecretOptions
{
    /// <summary>Region for a parameter given by name (an ARN carries its own); null: <c>AWS_REGION</c>, then
    /// <c>AWS_DEFAULT_REGION</c> (the SDK itself ignores the latter, docs/ecs-and-ssm.md §2.3).</summary>
    public string? Region { get; init; }

    /// <summary>Endpoint override (a local fake in tests); null for the SDK's regional endpoint. The SDK's own
    /// <c>AWS_ENDPOINT_URL_SSM</c> also works.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>Attempts before giving up; 0 retries until cancelled (the agent keeps running meanwhile).</summary>
    public int MaxAttempts { get; init; }

    /// <summary>First back-off step; it doubles up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest back-off.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Credentials; null for the SDK's default chain (on ECS the task role through the container credentials
    /// endpoint).</summary>
    public AWSCredentials? Credentials { get; init; }
}

/// <summary>Reads a (SecureString) parameter with <c>GetParameter</c> + <c>WithDecryption</c> (docs/ecs-and-ssm.md §4). Each failure
/// becomes an <see cref="EnrollSecretException"/> with a message that says what to fix, and is retried with exponential
/// back-off: a missing parameter or permission is often fixed while the task runs, and throttling always passes.</summary>
public sealed class SsmSecretReader(SsmSecretOptions options, Action<string> warn)
{
    /// <summary>Requests sent so far (for status and tests).</summary>
    public int Attempts { get; private set; }

    /// <summary>Fetches the parameter's decrypted value, retrying until it succeeds, attempts run out or
    /// <paramref name="cancellation"/> fires.</summary>
    public async Task<EnrollSecret> ReadAsync(string parameter, CancellationToken cancellation)
    {
        if (!SsmParameterId.TryParse(parameter, out var id, out var error))
        {
            throw new EnrollSecretException(error, retryable: false);
        }

        var region = id.Region ?? options.Region ?? Env("AWS_REGION") ?? Env("AWS_DEFAULT_REGION");
        if (region is null && options.ServiceUrl is null)
        {
            throw new EnrollSecretException($"no AWS region for SSM parameter '{id.Name}': set AWS_REGION or give the parameter's ARN", retryable: false);
        }

        using var client = CreateClient(region);
        var delay = options.BaseDelay;
        for (var attempt = 1; ; attempt++)
        {
            EnrollSecretException failure;
            try
            {
                Attempts++;
                var response = await client.GetParameterAsync(new GetParameterRequest { Name = id.Name, WithDecryption = true }, cancellation).ConfigureAwait(false);
                var value = response.Parameter?.Value;
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new EnrollSecretException($"SSM parameter '{id.Name}' is empty", retryable: true);
                }

                return new EnrollSecret(value);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (EnrollSecretException e)
            {
                failure = e;
            }
            catch (Exception e)
            {
                failure = Classify(id.Name, region, e);
            }

            if (!failure.Retryable || (options.MaxAttempts > 0 && attempt >= options.MaxAttempts))
            {
                throw failure;
            }

            warn($"farquery: enroll secret: {failure.Message} (attempt {attempt}, retrying in {delay.TotalSeconds:0.#}s)");
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxDelay.Ticks));
        }
    }

    private AmazonSimpleSystemsManagementClient CreateClient(string? region)
    {
        var config = new AmazonSimpleSystemsManagementConfig
        {
            // Our loop does the retrying so every failure is reported with what to fix; the SDK's would hide them.
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(15),
        };
        if (options.ServiceUrl is not null)
        {
            // ServiceURL and RegionEndpoint are exclusive: setting the region would replace the URL (docs/ecs-and-ssm.md §4.2).
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return options.Credentials is null ? new AmazonSimpleSystemsManagementClient(config) : new AmazonSimpleSystemsManagementClient(options.Credentials, config);
    }

    /// <summary>Turns an SDK failure into a message that names the fix (docs/ecs-and-ssm.md §4.1 error codes).</summary>
    internal static EnrollSecretException Classify(string name, string? region, Exception e)
    {
        var where = region is null ? "" : $" in {region}";
        return e switch
        {
            ParameterNotFoundException => new($"SSM parameter '{name}' was not found{where}: check the name, or give its full ARN if it lives in another region or account", true, e),
            ParameterVersionNotFoundException => new($"the requested version of SSM parameter '{name}' does not exist{where}", true, e),
            InvalidKeyIdException => new($"SSM parameter '{name}' is encrypted with a KMS key that cannot be used: {e.Message}", true, e),
            AmazonServiceException { ErrorCode: "AccessDeniedException" or "AccessDenied" } s =>
                new($"access denied reading SSM parameter '{name}'{where}: the task role needs ssm:GetParameter on it (and kms:Decrypt for a customer-managed key): {s.Message}", true, e),
            AmazonServiceException { ErrorCode: "ThrottlingException" or "Throttling" or "TooManyUpdates" } => new($"SSM throttled GetParameter for '{name}'", true, e),
            AmazonServiceException s => new($"SSM GetParameter for '{name}' failed: {s.ErrorCode}: {s.Message}", true, e),
            AmazonClientException c => new($"cannot call SSM for '{name}' (credentials or network): {c.Message}", true, e),
            HttpRequestException or IOException or TaskCanceledException => new($"cannot reach SSM for '{name}': {e.Message}", true, e),
            _ => new($"reading SSM parameter '{name}' failed: {e.Message}", true, e),
        };
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
