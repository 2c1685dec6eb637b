// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;

namespace FarQuery.Cli.Inject;

/// <summary>Rewrites an ECS task definition so every app container runs under FarQuery (docs/ecs-and-ssm.md §7.2): a non-essential
/// agent container exposes /opt/farquery, each app container mounts it read-only with <c>volumesFrom</c>, waits for it
/// with <c>dependsOn</c>, gets <c>SYS_PTRACE</c>, and has its entrypoint wrapped in <c>farquery run --</c> with the
/// original entrypoint and command kept. Injecting twice changes nothing.</summary>
internal static class TaskDefinitionInjector
{
    /// <summary>Where the agent's files are mounted in every app container.</summary>
    public const string AgentBinary = "/opt/farquery/bin/farquery";

    private static readonly string[] ReadOnlyFields =
        ["taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt"];

    /// <summary>Injects FarQuery; throws <see cref="InjectException"/> with a clear message when it cannot.</summary>
    public static string Inject(string json, InjectOptions options)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InjectException("the task definition is not valid JSON: " + e.Message);
        }

        // `aws ecs describe-task-definition` wraps the definition; register-task-definition takes it bare.
        if (root is JsonObject wrapper && wrapper["taskDefinition"] is JsonObject inner)
        {
            root = inner.DeepClone();
        }

        if (root is not JsonObject task)
        {
            throw new InjectException("the task definition must be a JSON object");
        }

        if (task["containerDefinitions"] is not JsonArray containers || containers.Count == 0)
        {
            throw new InjectException("the task definition has no containerDefinitions");
        }

        foreach (var field in ReadOnlyFields)
        {
            task.Remove(field);
        }

        var fargate = task["requiresCompatibilities"] is JsonArray compat && compat.Any(c => c?.GetValue<string>() == "FARGATE");
        if (fargate && options.PlatformVersion is { } pv && pv != "LATEST" && CompareVersion(pv, "1.4.0") < 0)
        {
            throw new InjectException($"Fargate platform version {pv} cannot add SYS_PTRACE: use 1.4.0 or later (or LATEST)");
        }

        var apps = containers.OfType<JsonObject>().Where(c => Text(c, "name") != options.AgentName).ToList();
        foreach (var c in apps)
        {
            if (options.Containers.Count > 0 && !options.Containers.Contains(Text(c, "name") ?? ""))
            {
                continue;
            }

            InjectContainer(c, options, fargate);
        }

        if (!containers.OfType<JsonObject>().Any(c => Text(c, "name") == options.AgentName))
        {
            containers.Insert(0, AgentContainer(options));
        }

        return task.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject AgentContainer(InjectOptions options) => new()
    {
        ["name"] = options.AgentName,
        ["image"] = options.Image,
        ["essential"] = false,

        // The image only carries /opt/farquery as a VOLUME; the container exits 0 at once, which releases dependsOn SUCCESS.
        ["entryPoint"] = new JsonArray(AgentBinary, "--version"),
        ["memoryReservation"] = 16,
    };

    private static void InjectContainer(JsonObject c, InjectOptions options, bool fargate)
    {
        var name = Text(c, "name") ?? "(unnamed)";
        var linux = Obj(c, "linuxParameters");
        var caps = Obj(linux, "capabilities");
        var add = Arr(caps, "add");
        if (fargate)
        {
            var refused = add.Select(a => a?.GetValue<string>() ?? "").Where(a => a != "SYS_PTRACE").ToList();
            if (refused.Count > 0)
            {
                throw new InjectException($"container {name}: Fargate only allows adding SYS_PTRACE, but the task definition adds {string.Join(", ", refused)}");
            }
        }

        if (!add.Any(a => a?.GetValue<string>() == "SYS_PTRACE"))
        {
            add.Add((JsonNode?)"SYS_PTRACE");
        }

        var volumesFrom = Arr(c, "volumesFrom");
        if (!volumesFrom.OfType<JsonObject>().Any(v => Text(v, "sourceContainer") == options.AgentName))
        {
            volumesFrom.Add((JsonNode)new JsonObject { ["sourceContainer"] = options.AgentName, ["readOnly"] = true });
        }

        var dependsOn = Arr(c, "dependsOn");
        if (!dependsOn.OfType<JsonObject>().Any(d => Text(d, "containerName") == options.AgentName))
        {
            dependsOn.Add((JsonNode)new JsonObject { ["containerName"] = options.AgentName, ["condition"] = "SUCCESS" });
        }

        var entry = c["entryPoint"] as JsonArray;
        var alreadyWrapped = entry is { Count: > 0 } && entry[0]?.GetValue<string>() == AgentBinary;
        if (!alreadyWrapped)
        {
            options.EntryPoints.TryGetValue(name, out var flagEntry);
            options.Commands.TryGetValue(name, out var flagCommand);
            var original = entry is not null ? [.. entry.Select(e => e?.GetValue<string>() ?? "")] : flagEntry;
            if (original is null)
            {
                throw new InjectException($"container {name}: the task definition does not state its entryPoint, so the image's ENTRYPOINT would be lost; pass --entrypoint {name}='[\"/app/start\"]' (or '[]' when the image has none)");
            }

            // Setting entryPoint discards the image's CMD, so a command the task definition does not state must be given.
            if (entry is null && c["command"] is null)
            {
                if (flagCommand is null)
                {
                    throw new InjectException($"container {name}: the task definition does not state its command, and wrapping the entrypoint discards the image's CMD; pass --command {name}='[\"arg\"]' (or '[]')");
                }

                c["command"] = new JsonArray([.. flagCommand.Select(s => (JsonNode?)JsonValue.Create(s))]);
            }

            var wrapped = new JsonArray(AgentBinary, "run");
            foreach (var flag in options.RunFlags)
            {
                wrapped.Add((JsonNode?)flag);
            }

            wrapped.Add((JsonNode?)"--");
            foreach (var part in original)
            {
                wrapped.Add((JsonNode?)part);
            }

            c["entryPoint"] = wrapped;
        }

        var environment = Arr(c, "environment");
        foreach (var (key, value) in options.Environment)
        {
            var existing = environment.OfType<JsonObject>().FirstOrDefault(e => Text(e, "name") == key);
            if (existing is null)
            {
                environment.Add((JsonNode)new JsonObject { ["name"] = key, ["value"] = value });
            }
            else
            {
                existing["value"] = value;
            }
        }

        if (environment.Count == 0)
        {
            c.Remove("environment");
        }
    }

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject Obj(JsonObject o, string key) => Child(o, key, static () => new JsonObject());

    private static JsonArray Arr(JsonObject o, string key) => Child(o, key, static () => new JsonArray());

    /// <summary>The child node under <paramref name="key"/>, created empty when absent or of another kind.</summary>
    private static T Child<T>(JsonObject o, string key, Func<T> create)
        where T : JsonNode
    {
        if (o[key] is T existing)
        {
            return existing;
        }

        var created = create();
        o[key] = created;
        return created;
    }

    private static int CompareVersion(string a, string b)
    {
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            var x = i < pa.Length && int.TryParse(pa[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var xa) ? xa : 0;
            var y = i < pb.Length && int.TryParse(pb[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var yb) ? yb : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }
}

/// <summary>What <c>farquery inject</c> adds.</summary>
internal sealed class InjectOptions
{
    /// <summary>The agent image (it declares /opt/farquery as a VOLUME).</summary>
    public string Image { get; init; } = "farquery/agent:latest";

    /// <summary>The agent container's name.</summary>
    public string AgentName { get; init; } = "farquery-agent";

    /// <summary>Containers to instrument; empty for all.</summary>
    public IReadOnlySet<string> Containers { get; init; } = new HashSet<string>();

    /// <summary>The Fargate platform version the service uses, checked to be 1.4.0 or later.</summary>
    public string? PlatformVersion { get; init; }

    /// <summary>Entrypoints of containers whose task definition does not state one (the image's ENTRYPOINT).</summary>
    public IReadOnlyDictionary<string, string[]> EntryPoints { get; init; } = new Dictionary<string, string[]>();

    /// <summary>Commands of containers whose task definition does not state one (the image's CMD).</summary>
    public IReadOnlyDictionary<string, string[]> Commands { get; init; } = new Dictionary<string, string[]>();

    /// <summary>Flags put between <c>farquery run</c> and <c>--</c>.</summary>
    public IReadOnlyList<string> RunFlags { get; init; } = [];

    /// <summary>Environment variables set in every app container (backend host, SSM parameter name).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];
}

/// <summary>The task definition cannot be injected as asked.</summary>
internal sealed class InjectException(string message) : Exception(message);
