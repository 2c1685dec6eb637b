// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Response;

/// <summary>Where a secret comes from: exactly one of an SSM parameter (SecureString, read with the task role), a file,
/// or an environment variable.</summary>
/// <param name="Ssm">SSM parameter name, path or ARN.</param>
/// <param name="File">File holding the value.</param>
/// <param name="Env">Environment variable holding the value.</param>
public sealed record SecretRef(string? Ssm, string? File, string? Env);

/// <summary>One configured output.</summary>
public sealed record OutputSpec(string Name, string Type, string Url, AlertFilter Filter)
{
    /// <summary>NATS: first subject token.</summary>
    public string SubjectPrefix { get; init; } = "farquery";

    /// <summary>Webhook: Slack's body.</summary>
    public bool Slack { get; init; }

    /// <summary>Webhook: plain headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Webhook: headers whose values are secrets.</summary>
    public IReadOnlyDictionary<string, SecretRef> SecretHeaders { get; init; } = new Dictionary<string, SecretRef>();

    /// <summary>NATS: token.</summary>
    public SecretRef? Token { get; init; }

    /// <summary>NATS: user.</summary>
    public string? User { get; init; }

    /// <summary>NATS: password.</summary>
    public SecretRef? Password { get; init; }

    /// <summary>CA bundle for the destination's TLS certificate.</summary>
    public string? CaFile { get; init; }

    /// <summary>Alerts buffered while the destination is away.</summary>
    public int Buffer { get; init; }
}

/// <summary>What a playbook does.</summary>
public enum PlaybookAction
{
    /// <summary>SIGKILL the offending process (and, with <c>descendants</c>, its descendants).</summary>
    Kill,

    /// <summary>End the app as PID 1 would (SIGTERM, grace, SIGKILL); the agent exits with
    /// <see cref="ResponseSettings.StopTaskExitCode"/>.</summary>
    StopTask,

    /// <summary>Refuse the action itself at the tracer's syscall stop (EPERM), for the enforceable detections the
    /// filter takes; enforced by the tracer, not by the alert path.</summary>
    Deny,

    /// <summary>Run forensic queries at the alert and ship their results through the outputs.</summary>
    Snapshot,
}

/// <summary>One configured playbook.</summary>
public sealed record PlaybookSpec(string Name, PlaybookAction Action, AlertFilter Filter)
{
    /// <summary>Only log what would be done.</summary>
    public bool DryRun { get; init; }

    /// <summary>Kill: also the offending process's descendants.</summary>
    public bool Descendants { get; init; }

    /// <summary>StopTask: time between SIGTERM and SIGKILL.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Actions per minute at most; past it an action is recorded as rate-limited and not taken (deny: the
    /// syscall is still refused, only its alert and record are limited).</summary>
    public int MaxPerMinute { get; init; } = 10;

    /// <summary>Deny: process names (comm, 15 characters) never refused.</summary>
    public IReadOnlyList<string> AllowProcesses { get; init; } = [];

    /// <summary>Snapshot: the forensic queries, name → SQL (empty: <see cref="ResponseSettings.DefaultSnapshotQueries"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Queries { get; init; } = [];

    /// <summary>Snapshot: rows kept per query.</summary>
    public int MaxRows { get; init; } = 200;
}

/// <summary>The config's <c>response</c> section and the response flags (docs/response.md), validated: every problem
/// is named in <see cref="Errors"/> and costs only the output or playbook it is in.</summary>
public sealed class ResponseSettings
{
    /// <summary>The agent's exit code after a <c>stop_task</c> playbook ended the app (README, "Responding to
    /// detections"): distinct from the codes the agent otherwise returns (the app's own, 127, 128+N).</summary>
    public const int StopTaskExitCode = 99;

    /// <summary>The forensic queries a snapshot playbook runs when it names none: what runs, what talks, what is open,
    /// what just happened (docs/response.md, "snapshot").</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> DefaultSnapshotQueries =
    [
        new("processes", "SELECT pid, parent, name, path, cmdline, cwd, uid, gid, start_time FROM processes"),
        new("listening_ports", "SELECT pid, port, protocol, family, address FROM listening_ports"),
        new("process_open_sockets", "SELECT pid, fd, family, protocol, local_address, local_port, remote_address, remote_port, state FROM process_open_sockets"),
        new("process_open_files", "SELECT pid, fd, path FROM process_open_files"),
        new("process_events", "SELECT time, pid, parent, syscall, path, cmdline, status FROM process_events WHERE time >= strftime('%s', 'now') - 300 ORDER BY time DESC"),
    ];

    /// <summary>The outputs.</summary>
    public List<OutputSpec> Outputs { get; } = [];

    /// <summary>The playbooks.</summary>
    public List<PlaybookSpec> Playbooks { get; } = [];

    /// <summary>What was refused and why.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Reads the flags (<c>--nats_url</c>, <c>--webhook_url</c>: every alert, the defaults) and the section.</summary>
    public static ResponseSettings Parse(string? section, FlagValues flags)
    {
        var settings = new ResponseSettings();
        if (flags.Text(FlagCatalog.NatsUrl) is { } nats)
        {
            settings.Outputs.Add(new OutputSpec("nats_url", "nats", nats, AlertFilter.All) { SubjectPrefix = flags.Get(FlagCatalog.NatsSubjectPrefix), Buffer = 10_000 });
        }

        if (flags.Text(FlagCatalog.WebhookUrl) is { } webhook)
        {
            settings.Outputs.Add(new OutputSpec("webhook_url", "webhook", webhook, AlertFilter.All) { Slack = flags.Get(FlagCatalog.WebhookFormat) == "slack", Buffer = 1_000 });
        }

        if (section is null)
        {
            return settings;
        }

        try
        {
            using var doc = JsonDocument.Parse(section);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                settings.Errors.Add("response: must be an object with \"outputs\" and \"playbooks\"");
                return settings;
            }

            foreach (var p in root.EnumerateObject())
            {
                if (p.Name is not ("outputs" or "playbooks"))
                {
                    settings.Errors.Add($"response: unknown key '{p.Name}' (outputs, playbooks)");
                }
            }

            if (root.TryGetProperty("outputs", out var outputs))
            {
                foreach (var o in Members(outputs, "response.outputs", settings.Errors))
                {
                    settings.Output(o.Name, o.Value);
                }
            }

            if (root.TryGetProperty("playbooks", out var playbooks))
            {
                foreach (var o in Members(playbooks, "response.playbooks", settings.Errors))
                {
                    settings.Playbook(o.Name, o.Value);
                }
            }
        }
        catch (JsonException e)
        {
            settings.Errors.Add("response: " + e.Message);
        }

        return settings;
    }

    private static IEnumerable<JsonProperty> Members(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{where}: must be an object of name → settings");
            return [];
        }

        return e.EnumerateObject();
    }

    private void Output(string name, JsonElement o)
    {
        var where = "response.outputs." + name;
        if (o.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(where + ": must be an object");
            return;
        }

        var known = new[] { "type", "url", "subject_prefix", "format", "headers", "secret_headers", "token", "user", "password", "ca_file", "buffer", "rules", "min_priority", "max_priority", "tags" };
        if (!CheckKeys(o, where, known) || Filter(o, where) is not { } filter)
        {
            return;
        }

        var type = String(o, "type");
        var url = String(o, "url");
        if (type is not ("nats" or "webhook"))
        {
            Errors.Add($"{where}.type: '{type}' is not an output type (nats, webhook)");
            return;
        }

        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            Errors.Add($"{where}.url: '{url}' is not an absolute URL");
            return;
        }

        if (type == "webhook" && !(uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback)))
        {
            Errors.Add($"{where}.url: a webhook must be https (http only on loopback)");
            return;
        }

        if (type == "nats" && uri.Scheme is not ("nats" or "tls"))
        {
            Errors.Add($"{where}.url: a NATS URL starts with nats:// or tls://");
            return;
        }

        var format = String(o, "format") ?? "json";
        if (format is not ("json" or "slack"))
        {
            Errors.Add($"{where}.format: '{format}' is not json or slack");
            return;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (o.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in h.EnumerateObject())
            {
                headers[p.Name] = p.Value.ToString();
            }
        }

        var secretHeaders = new Dictionary<string, SecretRef>(StringComparer.OrdinalIgnoreCase);
        if (o.TryGetProperty("secret_headers", out var sh) && sh.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in sh.EnumerateObject())
            {
                if (Secret(p.Value, $"{where}.secret_headers.{p.Name}") is not { } secret)
                {
                    return;
                }

                secretHeaders[p.Name] = secret;
            }
        }

        SecretRef? token = null, password = null;
        if (o.TryGetProperty("token", out var t) && (token = Secret(t, where + ".token")) is null)
        {
            return;
        }

        if (o.TryGetProperty("password", out var pw) && (password = Secret(pw, where + ".password")) is null)
        {
            return;
        }

        Outputs.Add(new OutputSpec(name, type, url, filter)
        {
            SubjectPrefix = String(o, "subject_prefix") ?? "farquery",
            Slack = format == "slack",
            Headers = headers,
            SecretHeaders = secretHeaders,
            Token = token,
            User = String(o, "user"),
            Password = password,
            CaFile = String(o, "ca_file"),
            Buffer = o.TryGetProperty("buffer", out var b) && b.TryGetInt32(out var n) && n > 0 ? n : type == "nats" ? 10_000 : 1_000,
        });
    }

    private void Playbook(string name, JsonElement o)
    {
        var where = "response.playbooks." + name;
        if (o.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(where + ": must be an object");
            return;
        }

        var known = new[] { "action", "dry_run", "descendants", "grace_seconds", "max_per_minute", "allow_processes", "queries", "max_rows", "rules", "min_priority", "max_priority", "tags" };
        if (!CheckKeys(o, where, known) || Filter(o, where) is not { } filter)
        {
            return;
        }

        PlaybookAction action;
        switch (String(o, "action"))
        {
            case "kill":
                action = PlaybookAction.Kill;
                break;
            case "stop_task":
                action = PlaybookAction.StopTask;
                break;
            case "deny":
                action = PlaybookAction.Deny;
                break;
            case "snapshot":
                action = PlaybookAction.Snapshot;
                break;
            case var other:
                Errors.Add($"{where}.action: '{other}' is not a playbook action (kill, stop_task, deny, snapshot)");
                return;
        }

        var queries = new List<KeyValuePair<string, string>>();
        if (o.TryGetProperty("queries", out var qs))
        {
            if (action != PlaybookAction.Snapshot || qs.ValueKind != JsonValueKind.Object)
            {
                Errors.Add($"{where}.queries: only a snapshot playbook takes queries, as an object of name → SQL");
                return;
            }

            foreach (var q in qs.EnumerateObject())
            {
                if (q.Value.ValueKind != JsonValueKind.String || q.Value.GetString()!.Trim().Length == 0)
                {
                    Errors.Add($"{where}.queries.{q.Name}: must be a SQL string");
                    return;
                }

                queries.Add(new(q.Name, q.Value.GetString()!));
            }
        }

        if (o.TryGetProperty("allow_processes", out _) && action != PlaybookAction.Deny)
        {
            Errors.Add($"{where}.allow_processes: only a deny playbook takes allow_processes");
            return;
        }

        Playbooks.Add(new PlaybookSpec(name, action, filter)
        {
            DryRun = o.TryGetProperty("dry_run", out var d) && d.ValueKind == JsonValueKind.True,
            Descendants = o.TryGetProperty("descendants", out var ds) && ds.ValueKind == JsonValueKind.True,
            Grace = TimeSpan.FromSeconds(o.TryGetProperty("grace_seconds", out var g) && g.TryGetInt32(out var gs) && gs >= 0 ? gs : 10),
            MaxPerMinute = o.TryGetProperty("max_per_minute", out var m) && m.TryGetInt32(out var mm) && mm > 0 ? mm : 10,
            AllowProcesses = Strings(o, "allow_processes"),
            Queries = queries.Count > 0 ? queries : action == PlaybookAction.Snapshot ? DefaultSnapshotQueries : [],
            MaxRows = o.TryGetProperty("max_rows", out var r) && r.TryGetInt32(out var rr) && rr > 0 ? Math.Min(rr, 10_000) : 200,
        });
    }

    private bool CheckKeys(JsonElement o, string where, string[] known)
    {
        foreach (var p in o.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                Errors.Add($"{where}: unknown key '{p.Name}' ({string.Join(", ", known)})");
                return false;
            }
        }

        return true;
    }

    private AlertFilter? Filter(JsonElement o, string where)
    {
        var min = String(o, "min_priority");
        var max = String(o, "max_priority");
        foreach (var (key, value) in new[] { ("min_priority", min), ("max_priority", max) })
        {
            if (value is not null && !FalcoPriority.TryRank(value, out _))
            {
                Errors.Add($"{where}.{key}: '{value}' is not a Falco priority ({string.Join(", ", FalcoPriority.Names)})");
                return null;
            }
        }

        return new AlertFilter(Strings(o, "rules"), min, max, Strings(o, "tags"));
    }

    private SecretRef? Secret(JsonElement e, string where)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var refs = new SecretRef(String(e, "ssm"), String(e, "file"), String(e, "env"));
            if (new[] { refs.Ssm, refs.File, refs.Env }.Count(v => v is not null) == 1 && e.EnumerateObject().Count() == 1)
            {
                return refs;
            }
        }

        Errors.Add($"{where}: a secret is an object with one of ssm, file or env (secrets are never written in the config)");
        return null;
    }

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : o.TryGetProperty(name, out v) && v.ValueKind == JsonValueKind.String ? [v.GetString()!] : [];
}
