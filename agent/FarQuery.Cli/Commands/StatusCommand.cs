// SPDX-License-Identifier: Apache-2.0
using FarQuery.Admin.Protocol;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery status</c>: the running agent's state over its admin socket (version, uptime, event counts and
/// drops, publishers, and each subsystem's own section: tracer, scheduler, backend).</summary>
internal static class StatusCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (PROTOCOL.md)" };
        var command = new Command("status", "Show the running agent's status") { json };
        command.Options.Add(CliOptions.Socket);
        command.SetAction(r => Run(r.GetValue(CliOptions.Socket), r.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Fetches and prints the status; returns the exit code.</summary>
    public static int Run(string? socket, bool json, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            using var client = socket is not null ? AdminClient.Connect(socket) : AdminClient.TryConnectDefault(out var problem)
                ?? throw new AdminClientException(problem ?? "no running agent found (looked for " + string.Join(", ", AdminSocketPath.Candidates()) + ")");
            var status = client.Status();
            if (json)
            {
                WriteJson(stdout, status);
            }
            else
            {
                WriteText(stdout, status);
            }

            return ExitCodes.Ok;
        }
        catch (AdminClientException e)
        {
            stderr.WriteLine("Error: " + e.Message);
            return ExitCodes.QueryFailed;
        }
    }

    private static void WriteJson(TextWriter w, StatusReport status)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, status, AdminJsonContext.Default.StatusReport);
        }

        w.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteText(TextWriter w, StatusReport s)
    {
        Pairs(w, "agent",
        [
            new("version", s.Version),
            new("pid", s.Pid),
            new("uid", s.Uid),
            new("uptime", Uptime(s.UptimeSeconds)),
            new("started", DateTimeOffset.FromUnixTimeSeconds(s.StartTime).ToString("u", CultureInfo.InvariantCulture)),
            new("instance_id", s.InstanceId),
            new("socket", s.Socket),
        ]);
        var a = s.Admin;
        Pairs(w, "admin socket",
        [
            new("clients_active", a.ClientsActive),
            new("clients_idle", a.ClientsIdle),
            new("connections", a.Connections),
            new("refused", a.Refused),
            new("refused_busy", a.RefusedBusy),
            new("queries", a.Queries),
            new("query_errors", a.QueryErrors),
            new("timeouts", a.Timeouts),
            new("bad_frames", a.BadFrames),
            new("dropped_clients", a.DroppedClients),
            new("abandoned", a.Abandoned),
            new("workers", a.Workers),
        ]);

        w.WriteLine("event tables");
        if (s.EventTables.Count == 0)
        {
            w.WriteLine("  (none has a buffer yet: no event publisher is running)");
        }
        else
        {
            ResultWriter.Write(w, OutputFormat.Pretty, ["table", "publisher", "added", "dropped", "expired", "count", "capacity"],
                [.. s.EventTables.Select(e => new object?[] { e.Name, e.Publisher, e.Added, e.Dropped, e.Expired, e.Count, e.Capacity })]);
        }

        w.WriteLine();
        w.WriteLine("publishers");
        if (s.Publishers.Count == 0)
        {
            w.WriteLine("  (none registered)");
        }
        else
        {
            ResultWriter.Write(w, OutputFormat.Pretty, ["publisher", "active", "dropped", "message"],
                [.. s.Publishers.Select(p => new object?[] { p.Name, p.Active ? "yes" : "no", p.Dropped, p.Message })]);
        }

        w.WriteLine();

        foreach (var section in s.Sections)
        {
            Pairs(w, section.Name, section.Values);
        }
    }

    private static void Pairs(TextWriter w, string title, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        w.WriteLine(title);
        var width = values.Count == 0 ? 0 : values.Max(v => v.Key.Length);
        foreach (var (k, v) in values)
        {
            w.WriteLine("  " + k.PadRight(width) + "  " + (v is bool b ? (b ? "yes" : "no") : ResultWriter.Text(v, "-")));
        }

        w.WriteLine();
    }

    private static string Uptime(long seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalDays}d {t.Hours}h {t.Minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Hours}h {t.Minutes:00}m {t.Seconds:00}s");
    }
}
