// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests;

/// <summary>Every detail query Fleet sends a Linux host with its default settings (software inventory, host users and
/// scheduled query stats on; MDM, disk-encryption escrow and conditional access off), with its discovery query, in the
/// order they reach the host (Fleet's distributed/read body is a JSON object built from a Go map, whose keys are
/// written sorted). Each one either runs or is skipped because its own discovery query returned no row; none may fail
/// (docs/ecs-and-ssm.md §5.3, docs/osquery-compat.md).</summary>
public sealed class FleetDetailQueriesTests
{
    /// <summary>One of Fleet's detail queries: the name Fleet sends it under (without the <c>fleet_detail_query_</c>
    /// prefix), its SQL, and the discovery query that decides whether it runs (null: always runs).</summary>
    public sealed record DetailQuery(string Name, string Sql, string? Discovery);

    /// <summary>Fleet's query that decides whether a table exists.</summary>
    private static string DiscoveryTable(string table) =>
        $"SELECT 1 FROM osquery_registry WHERE active = true AND registry = 'table' AND name = '{table}'";

    /// <summary>Fleet's user selection, which the software and users queries share.</summary>
    private const string UsersSql =
        "WITH cached_groups AS (select * from groups) SELECT uid, uuid, username, type, groupname, shell FROM users LEFT JOIN cached_groups USING (gid) "
        + "WHERE type <> 'special' AND shell NOT LIKE '%/false' AND shell NOT LIKE '%/nologin' AND shell NOT LIKE '%/shutdown' AND shell NOT LIKE '%/halt' "
        + @"AND username NOT LIKE '%$' AND username NOT LIKE '\_%' ESCAPE '\' AND NOT (username = 'sync' AND shell ='/bin/sync' AND directory <> '')";

    private static string WithCachedUsers(string sql) => $"WITH cached_users AS ({UsersSql}) {sql}";

    private const string PythonVersionParts =
        "SELECT 1 FROM (SELECT CAST(SUBSTR(version, 1, INSTR(version, '.') - 1) AS INTEGER) major, "
        + "CAST(SUBSTR(version, INSTR(version, '.') + 1, INSTR(SUBSTR(version, INSTR(version, '.') + 1), '.') - 1) AS INTEGER) minor from osquery_info) AS version_parts WHERE ";

    private const string AllDiskSpaceConditions =
        "WHERE blocks > 0 AND blocks_size > 0 AND path NOT LIKE '/media%' AND path NOT LIKE '/mnt%' AND path NOT LIKE '/dev%' AND path NOT LIKE '/proc%' "
        + "AND path NOT LIKE '/sys%' AND path NOT LIKE '/run%' AND path NOT LIKE '/var/run%' AND path NOT LIKE '/boot%' AND path NOT LIKE '/snap%' "
        + "AND path NOT LIKE '/var/snap%' AND path NOT LIKE '/var/lib/docker%' AND path NOT LIKE '/var/lib/containers%' "
        + "AND type IN ('ext4', 'ext3', 'ext2', 'xfs', 'btrfs', 'ntfs', 'vfat', 'fuseblk', 'zfs') "
        + "AND (device LIKE '/dev/sd%' OR device LIKE '/dev/hd%' OR device LIKE '/dev/vd%' OR device LIKE '/dev/nvme%' OR device LIKE '/dev/mapper%' "
        + "OR device LIKE '/dev/md%' OR device LIKE '/dev/dm-%')";

    private const string SoftwareColumns = "'' AS extension_id, '' AS extension_for";

    /// <summary>Fleet's complete Linux list (server/service/osquery_utils/queries.go: the host and extra detail queries,
    /// the software queries and the Linux software override queries, users, scheduled query stats), sorted by name.</summary>
    public static IReadOnlyList<DetailQuery> Linux { get; } = new DetailQuery[]
    {
        new("disk_encryption_linux", "SELECT de.encrypted, m.path FROM disk_encryption de JOIN mounts m ON m.device_alias = de.name", null),
        new(
            "disk_space_unix",
            "SELECT (blocks_available * 100 / blocks) AS percent_disk_space_available, round((blocks_available * blocks_size * 10e-10),2) AS gigs_disk_space_available, "
            + "round((blocks * blocks_size * 10e-10),2) AS gigs_total_disk_space, "
            + $"(SELECT round(SUM(blocks * blocks_size) * 10e-10, 2) FROM mounts {AllDiskSpaceConditions}) AS gigs_all_disk_space "
            + "FROM mounts WHERE path = '/' LIMIT 1",
            null),
        new("google_chrome_profiles", "SELECT email FROM google_chrome_profiles WHERE NOT ephemeral AND email <> ''", DiscoveryTable("google_chrome_profiles")),
        new("kubequery_info", "SELECT * from kubernetes_info", DiscoveryTable("kubernetes_info")),
        new(
            "network_interface_unix",
            "SELECT ia.address, id.mac FROM interface_addresses ia JOIN interface_details id ON id.interface = ia.interface JOIN routes r ON r.interface = ia.interface "
            + "WHERE (r.destination = '0.0.0.0' OR r.destination = '::') AND r.netmask = 0 AND r.type = 'gateway' "
            + "AND (inet_aton(ia.address) IS NOT NULL AND (split(ia.address, '.', 0) = '10' OR (split(ia.address, '.', 0) = '172' AND (CAST(split(ia.address, '.', 1) AS INTEGER) & 0xf0) = 16) "
            + "OR (split(ia.address, '.', 0) = '192' AND split(ia.address, '.', 1) = '168')) OR (inet_aton(ia.address) IS NULL AND regex_match(lower(ia.address), '^f[cd][0-9a-f][0-9a-f]:[0-9a-f:]+', 0) IS NOT NULL)) "
            + "ORDER BY r.metric ASC, inet_aton(ia.address) IS NOT NULL DESC LIMIT 1",
            null),
        new("orbit_info", "SELECT * FROM orbit_info", DiscoveryTable("orbit_info")),
        new("os_unix_like", "SELECT os.name, os.major, os.minor, os.patch, os.extra, os.build, os.arch, os.platform, os.version AS version, k.version AS kernel_version FROM os_version os, kernel_info k", null),
        new("os_version", "SELECT * FROM os_version LIMIT 1", null),
        new("osquery_flags", "select name, value from osquery_flags where name in (\"distributed_interval\", \"config_tls_refresh\", \"config_refresh\", \"logger_tls_period\")", null),
        new("osquery_info", "select * from osquery_info limit 1", null),
        new("scheduled_query_stats", "SELECT *, (SELECT value from osquery_flags where name = 'pack_delimiter') AS delimiter FROM osquery_schedule", null),
        new(
            "software_deb_last_opened_at",
            "SELECT package, MAX(atime) AS last_opened_at FROM deb_package_files CROSS JOIN file USING (path) WHERE type = 'regular' AND regex_match(file.mode, '[1357]', 0) GROUP BY package",
            DiscoveryTable("deb_package_files")),
        new(
            "software_go_binaries",
            $"SELECT name AS name, version AS version, {SoftwareColumns}, 'go_binaries' AS source, '' AS release, '' AS vendor, '' AS arch, installed_path AS installed_path FROM go_binaries",
            DiscoveryTable("go_binaries")),
        new(
            "software_jetbrains_plugins",
            WithCachedUsers($"SELECT name, version, '' AS bundle_identifier, '' AS extension_id, product_type AS extension_for, 'jetbrains_plugins' AS source, vendor, '' AS last_opened_at, path AS installed_path FROM cached_users CROSS JOIN jetbrains_plugins USING (uid)"),
            DiscoveryTable("jetbrains_plugins")),
        new(
            "software_linux",
            WithCachedUsers(
                $"SELECT name AS name, version AS version, {SoftwareColumns}, 'deb_packages' AS source, '' AS release, '' AS vendor, '' AS arch, '' AS installed_path FROM deb_packages WHERE status LIKE '% ok installed' "
                + $"UNION SELECT package AS name, version AS version, {SoftwareColumns}, 'portage_packages' AS source, '' AS release, '' AS vendor, '' AS arch, '' AS installed_path FROM portage_packages "
                + $"UNION SELECT name AS name, version AS version, {SoftwareColumns}, 'rpm_packages' AS source, release AS release, vendor AS vendor, arch AS arch, '' AS installed_path FROM rpm_packages "
                + $"UNION SELECT name AS name, version AS version, {SoftwareColumns}, 'npm_packages' AS source, '' AS release, '' AS vendor, '' AS arch, path AS installed_path FROM npm_packages "
                + "UNION SELECT name AS name, version AS version, identifier AS extension_id, browser_type AS extension_for, 'chrome_extensions' AS source, '' AS release, '' AS vendor, '' AS arch, path AS installed_path FROM cached_users CROSS JOIN chrome_extensions USING (uid) "
                + "UNION SELECT name AS name, version AS version, identifier AS extension_id, 'firefox' AS extension_for, 'firefox_addons' AS source, '' AS release, '' AS vendor, '' AS arch, path AS installed_path FROM cached_users CROSS JOIN firefox_addons USING (uid)"),
            null),
        new(
            "software_linux_fleetd_pacman",
            $"SELECT name AS name, version AS version, {SoftwareColumns}, 'pacman_packages' AS source, '' AS release, '' AS vendor, arch AS arch, '' AS installed_path FROM fleetd_pacman_packages",
            DiscoveryTable("fleetd_pacman_packages")),
        new(
            "software_python_packages",
            $"SELECT name AS name, version AS version, {SoftwareColumns}, 'python_packages' AS source, '' AS vendor, path AS installed_path FROM python_packages",
            PythonVersionParts + "major < 5 OR (major = 5 AND minor < 16)"),
        new(
            "software_python_packages_with_users_dir",
            WithCachedUsers($"SELECT name AS name, version AS version, {SoftwareColumns}, 'python_packages' AS source, '' AS vendor, path AS installed_path FROM cached_users CROSS JOIN python_packages USING (uid)"),
            PythonVersionParts + "major > 5 OR (major = 5 AND minor >= 16)"),
        new(
            "software_rpm_last_opened_at",
            "SELECT package, MAX(atime) AS last_opened_at FROM (SELECT package, path FROM rpm_package_files WHERE regex_match(mode, '[1357]', 0)) CROSS JOIN file USING (path) WHERE type = 'regular' GROUP BY package",
            DiscoveryTable("rpm_package_files")),
        new(
            "software_vscode_extensions",
            WithCachedUsers("SELECT name, version, '' AS bundle_identifier, vscode_extensions.uuid AS extension_id, vscode_edition AS extension_for, 'vscode_extensions' AS source, publisher AS vendor, '' AS last_opened_at, path AS installed_path FROM cached_users CROSS JOIN vscode_extensions USING (uid)"),
            DiscoveryTable("vscode_extensions")),
        new("system_info", "select * from system_info limit 1", null),
        new("uptime", "select * from uptime limit 1", null),
        new("users", UsersSql, null),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var q in Linux)
        {
            data.Add(q.Name);
        }

        return data;
    }

    /// <summary>Runs one detail query as osquery runs Fleet's: its discovery query first, the query only when that
    /// returned a row. Returns whether it ran, or the error of whichever failed.</summary>
    private static (bool Ran, string? Error) Run(FarQuery.Sql.SqlHost host, DetailQuery q)
    {
        if (q.Discovery is not null)
        {
            try
            {
                if (host.Query(q.Discovery).Rows.Count == 0)
                {
                    return (false, null);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return (false, $"{q.Name} discovery: {e.Message}");
            }
        }

        try
        {
            host.Query(q.Sql);
            return (true, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (true, $"{q.Name}: {e.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DetailQuery_Linux_RunsOrIsSkippedByItsDiscovery(string name)
    {
        using var host = TableAssert.Host();
        var (_, error) = Run(host, Linux.Single(q => q.Name == name));
        Assert.Null(error);
    }

    [Fact]
    public void DetailQueries_AllInDiscoveryOrderOnOneHost_NoneErrors()
    {
        // One host for the whole round, as one agent answers one distributed/read.
        using var host = TableAssert.Host();
        var errors = new List<string>();
        var ran = new List<string>();
        foreach (var q in Linux)
        {
            var (didRun, error) = Run(host, q);
            if (error is not null)
            {
                errors.Add(error);
            }

            if (didRun)
            {
                ran.Add(q.Name);
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // Tables FarQuery has must be discovered, so their queries really ran rather than being skipped.
        Assert.Contains("software_go_binaries", ran);
        Assert.Contains("software_vscode_extensions", ran);
        Assert.Contains("users", ran);
        Assert.Contains("scheduled_query_stats", ran);

        // osquery_info reports one osquery version, so exactly one of the two python_packages queries runs.
        Assert.Single(ran, n => n.StartsWith("software_python_packages", StringComparison.Ordinal));
    }

    [Fact]
    public void Linux_List_IsSortedAndComplete()
    {
        var names = Linux.Select(q => q.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(23, names.Distinct(StringComparer.Ordinal).Count());
    }
}
