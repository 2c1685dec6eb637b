// SPDX-License-Identifier: Apache-2.0
using FarQuery.Cli.Inject;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery inject TASKDEF.json</c>: writes the task definition with FarQuery added (docs/ecs-and-ssm.md §7.2).</summary>
internal static class InjectCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("task-definition") { Description = "Task definition JSON (a file, or - for stdin); describe-task-definition output is accepted" };
        var output = new Option<string?>("--output", "-o") { Description = "Write here instead of stdout" };
        var image = new Option<string>("--image") { Description = "The FarQuery agent image", DefaultValueFactory = _ => "farquery/agent:latest" };
        var containers = new Option<string[]>("--container") { Description = "Instrument only these containers (repeatable); default all", AllowMultipleArgumentsPerToken = true };
        var platform = new Option<string?>("--platform-version") { Description = "The Fargate platform version the service runs (must be 1.4.0 or later)" };
        var entry = new Option<string[]>("--entrypoint") { Description = "NAME='[\"...\"]': the image ENTRYPOINT of a container whose task definition states none" };
        var cmd = new Option<string[]>("--command") { Description = "NAME='[\"...\"]': the image CMD of a container whose task definition states neither entryPoint nor command" };
        var ssm = new Option<string?>("--enroll-secret-ssm") { Description = "SSM parameter (name or ARN) holding the enroll secret" };
        var tls = new Option<string?>("--tls-hostname") { Description = "The backend (osquery TLS API, e.g. Fleet) host:port" };
        var command = new Command("inject", "Add FarQuery to an ECS task definition (agent container, volumesFrom, SYS_PTRACE, wrapped entrypoints)")
        {
            input, output, image, containers, platform, entry, cmd, ssm, tls,
        };
        command.SetAction(r =>
        {
            try
            {
                var path = r.GetValue(input)!;
                var text = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
                var env = new List<KeyValuePair<string, string>>();
                if (r.GetValue(ssm) is { } parameter)
                {
                    env.Add(new("FARQUERY_ENROLL_SECRET_SSM_PARAMETER", parameter));
                }

                if (r.GetValue(tls) is { } host)
                {
                    env.Add(new("FARQUERY_TLS_HOSTNAME", host));
                }

                var result = TaskDefinitionInjector.Inject(text, new InjectOptions
                {
                    Image = r.GetValue(image)!,
                    Containers = (r.GetValue(containers) ?? []).ToHashSet(),
                    PlatformVersion = r.GetValue(platform),
                    EntryPoints = Pairs(r.GetValue(entry)),
                    Commands = Pairs(r.GetValue(cmd)),
                    Environment = env,
                });
                if (r.GetValue(output) is { } o)
                {
                    File.WriteAllText(o, result);
                }
                else
                {
                    Console.Out.Write(result);
                }

                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is InjectException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine("Error: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static Dictionary<string, string[]> Pairs(string[]? values)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var v in values ?? [])
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new InjectException($"'{v}' must be NAME=JSON-array");
            }

            try
            {
                using var doc = JsonDocument.Parse(v[(eq + 1)..]);
                result[v[..eq]] = [.. doc.RootElement.EnumerateArray().Select(e => e.GetString() ?? "")];
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw new InjectException($"'{v}': the value must be a JSON array of strings");
            }
        }

        return result;
    }
}
