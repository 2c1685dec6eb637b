// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Remote.Secrets;

/// <summary>Where the enroll secret comes from, in osquery's order extended with SSM: an SSM parameter, else
/// <c>--enroll_secret_path</c> (trimmed), else the value already taken from <c>--enroll_secret_env</c>, else empty.</summary>
public sealed class EnrollSecretSource
{
    /// <summary>SSM parameter name, path or ARN (<c>--enroll_secret_ssm_parameter</c>).</summary>
    public string? SsmParameter { get; init; }

    /// <summary>osquery's <c>--enroll_secret_path</c>.</summary>
    public string? Path { get; init; }

    /// <summary>The value taken (and scrubbed) from <c>--enroll_secret_env</c> at startup.</summary>
    public EnrollSecret? FromEnvironment { get; init; }

    /// <summary>SSM client settings.</summary>
    public SsmSecretOptions Ssm { get; init; } = new();

    /// <summary>True when any source is configured.</summary>
    public bool IsConfigured => SsmParameter is not null || Path is not null || FromEnvironment is not null;

    /// <summary>Obtains the secret; throws <see cref="EnrollSecretException"/> with a loggable message.</summary>
    public async Task<EnrollSecret> ResolveAsync(Action<string> warn, CancellationToken cancellation)
    {
        if (SsmParameter is not null)
        {
            return await new SsmSecretReader(Ssm, warn).ReadAsync(SsmParameter, cancellation).ConfigureAwait(false);
        }

        if (Path is not null)
        {
            try
            {
                cancellation.ThrowIfCancellationRequested();
                return new EnrollSecret(BoundedFile.ReadAllText(Path, BoundedFile.FlagFileMaxBytes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new EnrollSecretException($"cannot read the enroll secret file {Path}: {e.Message}", retryable: false, e);
            }
        }

        return FromEnvironment ?? EnrollSecret.Empty;
    }
}
