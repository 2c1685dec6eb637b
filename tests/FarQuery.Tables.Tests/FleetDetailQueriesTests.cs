// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests;

/// <summary>The detail queries Fleet sends a Linux host (docs/ecs-and-ssm.md §5.3), in their shape: tables, columns,
/// joins and osquery's SQL functions. Each must run on this machine, not just prepare.</summary>
public sealed class FleetDetailQueriesTests
{
    public static TheoryData<string, string> Queries => new()
    {
        { "os_version", "SELECT * FROM os_version LIMIT 1" },
        { "os_unix_like", "SELECT os.name, os.major, os.minor, os.patch, os.extra, os.build, os.arch, os.platform, os.version AS version, k.version AS kernel_version FROM os_version os, kernel_info k" },
        { "osquery_info", "SELECT * FROM osquery_info LIMIT 1" },
        { "system_info", "SELECT * FROM system_info LIMIT 1" },
        { "uptime", "SELECT * FROM uptime LIMIT 1" },
        { "osquery_flags", "SELECT name, value FROM osquery_flags WHERE name IN ('distributed_interval', 'config_tls_refresh', 'config_refresh', 'logger_tls_period')" },
        {
            "network_interface_unix",
            "SELECT ia.address, id.mac FROM interface_addresses ia JOIN interface_details id ON id.interface = ia.interface JOIN routes r ON r.interface = ia.interface "
            + "WHERE ((r.destination = '0.0.0.0' OR r.destination = '::') AND r.netmask = 0 AND r.type = 'gateway') "
            + "AND (inet_aton(ia.address) IS NOT NULL AND (split(ia.address, '.', 0) = '10' OR (split(ia.address, '.', 0) = '172' AND (CAST(split(ia.address, '.', 1) AS INTEGER) & 0xf0) = 16) "
            + "OR (split(ia.address, '.', 0) = '192' AND split(ia.address, '.', 1) = '168')) OR (inet_aton(ia.address) IS NULL AND regex_match(lower(ia.address), '^f[cd][0-9a-f][0-9a-f]:[0-9a-f:]+', 0) IS NOT NULL)) "
            + "ORDER BY r.metric ASC, inet_aton(ia.address) IS NOT NULL DESC LIMIT 1"
        },
        {
            "disk_space_unix",
            "SELECT (blocks_available * 100 / blocks) AS percent_disk_space_available, ROUND((blocks_available * blocks_size * 10e-10), 2) AS gigs_disk_space_available, "
            + "ROUND((blocks * blocks_size * 10e-10), 2) AS gigs_total_disk_space FROM mounts WHERE path = '/' LIMIT 1"
        },
        { "disk_encryption_linux", "SELECT de.encrypted, m.path FROM disk_encryption de JOIN mounts m ON m.device_alias = de.name" },
        { "users", "SELECT uid, username, type, groupname, shell FROM users u LEFT JOIN groups g ON g.gid = u.gid" },
        {
            "scheduled_query_stats",
            "SELECT *, (SELECT value FROM osquery_flags WHERE name = 'pack_delimiter') AS delimiter FROM osquery_schedule"
        },
        {
            "software_linux",
            "SELECT name, version, 'Package (deb)' AS type, 'deb_packages' AS source, '' AS release, '' AS vendor, arch, '' AS installed_path FROM deb_packages WHERE status = 'install ok installed' "
            + "UNION SELECT package AS name, version, 'Package (Portage)' AS type, 'portage_packages' AS source, '' AS release, '' AS vendor, '' AS arch, '' AS installed_path FROM portage_packages "
            + "UNION SELECT name, version, 'Package (RPM)' AS type, 'rpm_packages' AS source, release, vendor, arch, '' AS installed_path FROM rpm_packages "
            + "UNION SELECT name, version, 'Package (npm)' AS type, 'npm_packages' AS source, '' AS release, '' AS vendor, '' AS arch, path AS installed_path FROM npm_packages "
            + "UNION SELECT name, version, 'Browser plugin (Chrome)' AS type, 'chrome_extensions' AS source, '' AS release, '' AS vendor, '' AS arch, path AS installed_path FROM cached_users CROSS JOIN chrome_extensions USING (uid) "
            + "UNION SELECT name, version, 'Browser plugin (Firefox)' AS type, 'firefox_addons' AS source, '' AS release, '' AS vendor, '' AS arch, path AS installed_path FROM cached_users CROSS JOIN firefox_addons USING (uid)"
        },
        { "software_python_packages", "SELECT name, version, 'Package (Python)' AS type, 'python_packages' AS source, path AS installed_path FROM python_packages" },
        {
            "software_go_binaries",
            "SELECT name AS name, version AS version, '' AS extension_id, '' AS extension_for, 'go_binaries' AS source, '' AS release, '' AS vendor, '' AS arch, "
            + "installed_path AS installed_path FROM go_binaries"
        },
        { "software_vscode_extensions", "SELECT name, version, 'IDE extension (VS Code)' AS type, 'vscode_extensions' AS source, publisher AS vendor, path AS installed_path FROM users CROSS JOIN vscode_extensions USING (uid)" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void DetailQuery_Linux_Runs(string name, string sql)
    {
        // Fleet wraps users in a CTE it calls cached_users.
        var withUsers = sql.Contains("cached_users", StringComparison.Ordinal) ? "WITH cached_users AS (SELECT * FROM users) " + sql : sql;
        using var host = TableAssert.Host();
        var e = Record.Exception(() => host.Query(withUsers));
        Assert.True(e is null, $"{name}: {e?.Message}");
    }
}
