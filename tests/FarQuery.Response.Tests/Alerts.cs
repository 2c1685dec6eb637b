// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Response.Tests;

/// <summary>Alerts as the scheduler's result lines carry them.</summary>
internal static class Alerts
{
    public static Alert Make(string rule = "Write below etc", string priority = "ERROR", string tags = "container,filesystem,mitre_persistence", int pid = 4242, string name = "touch") =>
        new(rule, priority, tags.Split(','), "pack_farquery-detections_write_below_etc", 1_700_000_000, "task-1",
            new Dictionary<string, string?> { ["rule"] = rule, ["priority"] = priority, ["tags"] = tags, ["pid"] = pid.ToString(System.Globalization.CultureInfo.InvariantCulture), ["name"] = name, ["cmdline"] = name + " /etc/x", ["file_path"] = "/etc/x" },
            new Dictionary<string, string?> { ["task_arn"] = "arn:aws:ecs:us-east-1:123456789012:task/prod/abc", ["cluster"] = "prod" });
}
