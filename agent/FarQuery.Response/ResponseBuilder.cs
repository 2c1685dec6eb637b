// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Secrets;
using FarQuery.Scheduler.Config;

namespace FarQuery.Response;

/// <summary>Turns validated <see cref="ResponseSettings"/> into outputs: resolves their secrets (SSM with the task
/// role, a bounded file read, or the environment) and builds the clients. An output whose secret or CA cannot be read
/// is left out with a warning; the others still run.</summary>
public static class ResponseBuilder
{
    /// <summary>Builds the outputs.</summary>
    public static List<AlertOutput> Outputs(ResponseSettings settings, Action<string> warn, SsmSecretOptions? ssm = null)
    {
        var built = new List<AlertOutput>();
        foreach (var spec in settings.Outputs)
        {
            try
            {
                built.Add(spec.Type == "nats"
                    ? new NatsOutput(spec.Name, new NatsOutputOptions
                    {
                        Url = spec.Url,
                        SubjectPrefix = spec.SubjectPrefix,
                        Token = spec.Token is { } t ? Resolve(t, ssm, warn) : null,
                        User = spec.User,
                        Password = spec.Password is { } p ? Resolve(p, ssm, warn) : null,
                        CaFile = spec.CaFile,
                        Buffer = spec.Buffer,
                    }, spec.Filter, warn)
                    : new WebhookOutput(spec.Name, new WebhookOutputOptions
                    {
                        Url = new Uri(spec.Url),
                        Slack = spec.Slack,
                        Headers = spec.Headers.Concat(spec.SecretHeaders.Select(h => KeyValuePair.Create(h.Key, Resolve(h.Value, ssm, warn))))
                            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase),
                        CaFile = spec.CaFile,
                        Buffer = spec.Buffer,
                    }, spec.Filter, warn));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                warn($"farquery: response output {spec.Name} is off: {e.Message}");
            }
        }

        return built;
    }

    private static string Resolve(SecretRef secret, SsmSecretOptions? ssm, Action<string> warn)
    {
        if (secret.Env is { } variable)
        {
            return Environment.GetEnvironmentVariable(variable) ?? throw new InvalidOperationException($"the environment has no {variable}");
        }

        if (secret.File is { } file)
        {
            return BoundedFile.ReadAllText(file, BoundedFile.FlagFileMaxBytes).Trim();
        }

        var source = new EnrollSecretSource { SsmParameter = secret.Ssm, Ssm = ssm ?? new SsmSecretOptions() };
        return source.ResolveAsync(warn, CancellationToken.None).GetAwaiter().GetResult().Reveal();
    }
}
