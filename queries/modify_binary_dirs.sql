-- Rule: Modify binary dirs
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: ERROR
-- Tags: host, container, filesystem, mitre_defense_evasion, T1222.002
-- Purpose: A file in /bin, /sbin, /usr/bin or /usr/sbin was renamed, removed or replaced by something other than a package manager.
WITH package_mgmt_binaries(name) AS (VALUES
    ('dnf'), ('dnf-automatic'), ('rpm'), ('rpmkey'), ('yum'), ('75-system-updat'), ('rhsmcertd-worke'), ('rhsmcertd'),
    ('subscription-ma'), ('repoquery'), ('rpmkeys'), ('rpmq'), ('yum-cron'), ('yum-config-mana'), ('yum-debug-dump'),
    ('abrt-action-sav'), ('rpmdb_stat'), ('microdnf'), ('rhn_check'), ('yumdb'), ('dpkg'), ('dpkg-preconfigu'),
    ('dpkg-reconfigur'), ('dpkg-divert'), ('apt'), ('apt-get'), ('aptitude'), ('frontend'), ('preinst'), ('add-apt-reposit'),
    ('apt-auto-remova'), ('apt-key'), ('apt-listchanges'), ('unattended-upgr'), ('apt-add-reposit'), ('apt-cache'),
    ('apt.systemd.dai'), ('update-alternat'), ('gem'), ('npm'), ('pip'), ('pip3'), ('conda'), ('sane-utils.post'),
    ('alternatives'), ('chef-client'), ('apk'), ('snapd'))
SELECT 'Modify binary dirs' AS rule,
       'ERROR' AS priority, 'container,filesystem,mitre_defense_evasion,T1222.002' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation IN ('rename', 'unlink', 'rmdir')
  AND ((f.path LIKE '/bin/%' OR f.path LIKE '/sbin/%' OR f.path LIKE '/usr/bin/%' OR f.path LIKE '/usr/sbin/%')
       OR f.dest_path LIKE '/bin/%' OR f.dest_path LIKE '/sbin/%' OR f.dest_path LIKE '/usr/bin/%' OR f.dest_path LIKE '/usr/sbin/%')
  -- Falco's package_mgmt_procs: the process itself is a package manager (its ancestors do not count).
  AND coalesce(f.name, '') NOT IN (SELECT name FROM package_mgmt_binaries)
  -- Falco's exe_running_docker_save.
  AND NOT (f.name = 'exe' AND (f.cmdline LIKE '%/var/lib/docker%' OR f.cmdline LIKE '%/var/run/docker%')
           AND f.parent_name IN ('dockerd', 'docker', 'dockerd-current', 'docker-current'));
