// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using FarQuery.Core;
using FarQuery.Sql;

namespace FarQuery.Remote.Tls;

/// <summary>The enroll request's <c>host_details</c>: the first row of <c>os_version</c>, <c>osquery_info</c>,
/// <c>system_info</c> and <c>platform_info</c>, every value a string (osquery.md §2.2). A table that is missing or empty
/// is left out, as osquery does. When this build lacks <c>osquery_info</c>, <c>system_info</c> or <c>os_version</c>, a few
/// columns are filled from what the agent knows (its own info, the hostname, <c>/etc/machine-id</c>,
/// <c>/etc/os-release</c>) because Fleet reads <c>osquery_info.version</c>, <c>system_info.uuid</c>/<c>hostname</c>
/// and <c>os_version.platform</c> at enrollment (ecs.md §5.2).</summary>
public static class HostDetails
{
    /// <summary>The tables osquery sends.</summary>
    public static readonly string[] Tables = ["os_version", "osquery_info", "system_info", "platform_info"];

    /// <summary>Queries the tables through <paramref name="host"/>.</summary>
    public static Dictionary<string, Dictionary<string, string>> Collect(SqlHost host)
    {
        var details = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            try
            {
                var result = host.Query($"SELECT * FROM {table} LIMIT 1", TimeSpan.FromSeconds(10), 1);
                if (result.Rows.Count == 0)
                {
                    continue;
                }

                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < result.Columns.Count; i++)
                {
                    row[result.Columns[i]] = ValueConvert.ToText(result.Rows[0][i]);
                }

                details[table] = row;
            }
            catch (SqlQueryException)
            {
                // The table does not exist in this build: osquery omits tables without rows too.
            }
        }

        var uuid = MachineId(host.Context.Fs) ?? host.Context.Agent.InstanceId;
        if (!details.ContainsKey("osquery_info"))
        {
            details["osquery_info"] = Self(host.Context.Agent, uuid);
        }

        if (!details.ContainsKey("system_info"))
        {
            details["system_info"] = new(StringComparer.Ordinal)
            {
                ["hostname"] = Environment.MachineName,
                ["computer_name"] = Environment.MachineName,
                ["uuid"] = uuid,
                ["cpu_logical_cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
                ["physical_memory"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes.ToString(CultureInfo.InvariantCulture),
            };
        }

        // Fleet keys hosts on these: a table that could not read them (no /etc/hostname, no DMI in a container) must not
        // enroll an anonymous host.
        var system = details["system_info"];
        if (string.IsNullOrEmpty(system.GetValueOrDefault("hostname")))
        {
            system["hostname"] = Environment.MachineName;
        }

        if (string.IsNullOrEmpty(system.GetValueOrDefault("uuid")))
        {
            system["uuid"] = uuid;
        }

        if (string.IsNullOrEmpty(details["osquery_info"].GetValueOrDefault("uuid")))
        {
            details["osquery_info"]["uuid"] = uuid;
        }

        if (!details.ContainsKey("os_version") && OsRelease(host.Context.Fs) is { } os)
        {
            details["os_version"] = os;
        }

        return details;
    }

    /// <summary><c>/etc/machine-id</c> formatted as a UUID, or null.</summary>
    private static string? MachineId(HostFileSystem fs)
    {
        if (!fs.TryReadAllBytes("/etc/machine-id", out var bytes))
        {
            return null;
        }

        var id = System.Text.Encoding.ASCII.GetString(bytes).Trim();
        return id.Length == 32 && Guid.TryParseExact(id, "N", out var g) ? g.ToString().ToUpperInvariant() : null;
    }

    /// <summary>The os_version columns that <c>/etc/os-release</c> gives directly.</summary>
    private static Dictionary<string, string>? OsRelease(HostFileSystem fs)
    {
        if (!fs.TryReadAllBytes("/etc/os-release", out var bytes))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in System.Text.Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields[raw[..eq].Trim()] = raw[(eq + 1)..].Trim().Trim('"');
            }
        }

        var version = fields.GetValueOrDefault("VERSION_ID", "");
        var parts = version.Split('.');
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = fields.GetValueOrDefault("NAME", ""),
            ["version"] = fields.GetValueOrDefault("VERSION", version),
            ["major"] = parts.Length > 0 ? parts[0] : "",
            ["minor"] = parts.Length > 1 ? parts[1] : "",
            ["patch"] = parts.Length > 2 ? parts[2] : "",
            ["platform"] = fields.GetValueOrDefault("ID", ""),
            ["platform_like"] = fields.GetValueOrDefault("ID_LIKE", ""),
            ["codename"] = fields.GetValueOrDefault("VERSION_CODENAME", ""),
            ["arch"] = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64",
        };
    }

    private static Dictionary<string, string> Self(AgentInfo agent, string uuid) => new(StringComparer.Ordinal)
    {
        ["pid"] = agent.Pid.ToString(CultureInfo.InvariantCulture),
        ["uuid"] = uuid,
        ["instance_id"] = agent.InstanceId,
        ["version"] = agent.Version,
        ["config_hash"] = agent.ConfigHash,
        ["config_valid"] = agent.ConfigValid ? "1" : "0",
        ["extensions"] = "inactive",
        ["build_platform"] = "linux",
        ["start_time"] = agent.StartTime.ToString(CultureInfo.InvariantCulture),
        ["watcher"] = "-1",
        ["platform_mask"] = "9",
    };
}
