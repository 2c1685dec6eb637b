-- Rule: Write below monitored dir
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: ERROR
-- Tags: host, container, filesystem, mitre_persistence, T1543
-- Purpose: A file below /boot, /lib, /lib64, /usr/lib or an .ssh directory was opened for writing or created by something other than a package manager.
WITH package_mgmt_binaries(name) AS (VALUES
    ('dnf'), ('dnf-automatic'), ('rpm'), ('rpmkey'), ('yum'), ('microdnf'), ('rpmkeys'), ('rpmq'), ('yum-cron'),
    ('dpkg'), ('dpkg-preconfigu'), ('dpkg-reconfigur'), ('dpkg-divert'), ('apt'), ('apt-get'), ('aptitude'),
    ('frontend'), ('preinst'), ('add-apt-reposit'), ('apt-auto-remova'), ('apt-key'), ('apt-listchanges'),
    ('unattended-upgr'), ('apt-add-reposit'), ('apt-cache'), ('update-alternat'), ('gem'), ('npm'), ('pip'),
    ('pip3'), ('conda'), ('uv'), ('sane-utils.post'), ('alternatives'), ('chef-client'), ('apk'), ('snapd'))
SELECT 'Write below monitored dir' AS rule,
       'ERROR' AS priority, 'container,filesystem,mitre_persistence,T1543' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation IN ('open', 'creat') AND f.status = 'succeeded'
  AND (f.operation = 'creat' OR substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7'))
  AND (f.path LIKE '/boot/%' OR f.path LIKE '/lib/%' OR f.path LIKE '/lib64/%' OR f.path LIKE '/usr/lib/%'
       OR f.path LIKE '/root/.ssh/%' OR f.path LIKE '/home/%/.ssh/%')
  AND coalesce(f.name, '') NOT IN ('ldconfig', 'ldconfig.real', 'ssh-keygen', 'sshd')
  AND coalesce(f.name, '') NOT IN (SELECT name FROM package_mgmt_binaries)
  AND NOT EXISTS (SELECT 1 FROM package_mgmt_binaries l WHERE instr(' ' || coalesce(f.ancestors, '') || ' ', ' ' || l.name || ' ') > 0);
