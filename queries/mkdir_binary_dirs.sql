-- Rule: Mkdir binary dirs
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: ERROR
-- Tags: host, container, filesystem, mitre_persistence, T1222.002
-- Purpose: A directory was created below /bin, /sbin, /usr/bin or /usr/sbin by something other than a package manager.
WITH package_mgmt_binaries(name) AS (VALUES
    ('dnf'), ('dnf-automatic'), ('rpm'), ('rpmkey'), ('yum'), ('microdnf'), ('rpmkeys'), ('rpmq'), ('yum-cron'),
    ('dpkg'), ('dpkg-preconfigu'), ('dpkg-reconfigur'), ('dpkg-divert'), ('apt'), ('apt-get'), ('aptitude'),
    ('frontend'), ('preinst'), ('add-apt-reposit'), ('apt-auto-remova'), ('apt-key'), ('apt-listchanges'),
    ('unattended-upgr'), ('apt-add-reposit'), ('apt-cache'), ('update-alternat'), ('gem'), ('npm'), ('pip'),
    ('pip3'), ('conda'), ('uv'), ('sane-utils.post'), ('alternatives'), ('chef-client'), ('apk'), ('snapd'))
SELECT 'Mkdir binary dirs' AS rule,
       'ERROR' AS priority, 'container,filesystem,mitre_persistence,T1222.002' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation = 'mkdir'
  AND (f.path LIKE '/bin/%' OR f.path LIKE '/sbin/%' OR f.path LIKE '/usr/bin/%' OR f.path LIKE '/usr/sbin/%')
  AND coalesce(f.name, '') NOT IN (SELECT name FROM package_mgmt_binaries);
