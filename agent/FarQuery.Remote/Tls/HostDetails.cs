// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using FarQuery.Core;
using FarQuery.Sql;

namespace FarQuery.Remote.Tls;

/// <summary>The enroll request's <c>host_details</c>: the first row of <c>os_version</c>, <c>osquery_info</c>,
/// <c>system_info</c> and <c>platform_info</c>, every value a string (osquery.md §2.2). A table that is missing or empty
/// is left out, as osquery does; <c>osquery_info</c> falls back to what the agent knows about itself because Fleet reads
/// its <c>version</c> and <c>instance_id</c>.</summary>
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
                    row[result.Columns[i]] = result.Rows[0][i] switch
                    {
                        null => "",
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString() ?? "",
                    };
                }

                details[table] = row;
            }
            catch (SqlQueryException)
            {
                // The table does not exist in this build: osquery omits tables without rows too.
            }
        }

        if (!details.ContainsKey("osquery_info"))
        {
            details["osquery_info"] = Self(host.Context.Agent);
        }

        return details;
    }

    private static Dictionary<string, string> Self(AgentInfo agent) => new(StringComparer.Ordinal)
    {
        ["pid"] = agent.Pid.ToString(CultureInfo.InvariantCulture),
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
