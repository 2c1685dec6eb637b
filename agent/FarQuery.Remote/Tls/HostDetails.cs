// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Remote.Tls;

/// <summary>The enroll request's <c>host_details</c>: the first row of <c>os_version</c>, <c>osquery_info</c>,
/// <c>system_info</c> and <c>platform_info</c>, every value a string (docs/osquery-compat.md §2.2). A table that is missing or empty
/// is left out, as osquery does, except that Fleet needs <c>osquery_info.uuid</c>/<c>version</c> and
/// <c>system_info.uuid</c>/<c>hostname</c> at enrollment (docs/ecs-and-ssm.md §5.2): those are filled from the agent when the tables
/// could not give them.</summary>
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

        // Fleet keys hosts on these: a table that could not read them (no /etc/hostname, no DMI and no machine-id in a
        // container) or failed must not enroll an anonymous host. The agent's instance id is unique per agent run.
        var system = Row(details, "system_info");
        var info = Row(details, "osquery_info");
        var uuid = First(system.GetValueOrDefault("uuid"), info.GetValueOrDefault("uuid"), host.Context.Agent.InstanceId);
        system["hostname"] = First(system.GetValueOrDefault("hostname"), Environment.MachineName);
        system["uuid"] = uuid;
        info["uuid"] = First(info.GetValueOrDefault("uuid"), uuid);
        info["version"] = First(info.GetValueOrDefault("version"), FarQuery.Core.AgentInfo.OsqueryVersion);
        return details;
    }

    private static Dictionary<string, string> Row(Dictionary<string, Dictionary<string, string>> details, string table)
    {
        if (!details.TryGetValue(table, out var row))
        {
            row = new Dictionary<string, string>(StringComparer.Ordinal);
            details[table] = row;
        }

        return row;
    }

    private static string First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
}
