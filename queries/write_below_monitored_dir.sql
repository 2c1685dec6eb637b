-- Rule: Write below monitored dir
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: ERROR
-- Tags: host, container, filesystem, mitre_persistence, T1543
-- Purpose: A file below /boot, /lib, /lib64, /usr/lib or an .ssh directory was opened for writing or created by something other than a package manager.
WITH package_mgmt_binaries(name) AS (VALUES
    ('dnf'), ('dnf-automatic'), ('rpm'), ('rpmkey'), ('yum'), ('75-system-updat'), ('rhsmcertd-worke'), ('rhsmcertd'),
    ('subscription-ma'), ('repoquery'), ('rpmkeys'), ('rpmq'), ('yum-cron'), ('yum-config-mana'), ('yum-debug-dump'),
    ('abrt-action-sav'), ('rpmdb_stat'), ('microdnf'), ('rhn_check'), ('yumdb'), ('dpkg'), ('dpkg-preconfigu'),
    ('dpkg-reconfigur'), ('dpkg-divert'), ('apt'), ('apt-get'), ('aptitude'), ('frontend'), ('preinst'), ('add-apt-reposit'),
    ('apt-auto-remova'), ('apt-key'), ('apt-listchanges'), ('unattended-upgr'), ('apt-add-reposit'), ('apt-cache'),
    ('apt.systemd.dai'), ('update-alternat'), ('gem'), ('npm'), ('pip'), ('pip3'), ('conda'), ('sane-utils.post'),
    ('alternatives'), ('chef-client'), ('apk'), ('snapd'))
SELECT 'Write below monitored dir' AS rule,
       'ERROR' AS priority, 'container,filesystem,mitre_persistence,T1543' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.syscall IN ('open', 'openat', 'openat2') AND f.status = 'succeeded'
  -- Falco's open_write: an open for writing (O_WRONLY/O_RDWR, or one that created the file) of a regular file
  -- (O_DIRECTORY is octal 0200000); the creat() syscall is another event type in Falco and is not included.
  AND (f.operation = 'creat' OR (f.operation = 'open' AND substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7')))
  AND coalesce(substr(f.flags, -6, 1), '0') NOT IN ('2', '3', '6', '7')
  -- Falco's monitored_dir: a file directly in one of monitored_directories, or below a user's .ssh directory.
  AND (f.directory IN ('/boot', '/lib', '/lib64', '/usr/lib', '/usr/local/lib', '/usr/local/sbin', '/usr/local/bin', '/root/.ssh')
       OR f.path GLOB '/home/*/.ssh/*')
  AND NOT (f.parent_name IN ('mkinitramfs', 'update-initramf') AND f.directory = '/boot')
  AND coalesce(f.name, '') NOT IN (SELECT name FROM package_mgmt_binaries)
  -- Falco's exe_running_docker_save.
  AND NOT (f.name = 'exe' AND (f.cmdline LIKE '%/var/lib/docker%' OR f.cmdline LIKE '%/var/run/docker%')
           AND f.parent_name IN ('dockerd', 'docker', 'dockerd-current', 'docker-current'))
  AND NOT (f.name = 'update-ssh-keys' AND f.path LIKE '/home/core/.ssh%')
  AND f.cmdline NOT LIKE 'python get-pip.py%' AND f.cmdline NOT LIKE 'python /var/lib/waagent/%'
  AND NOT (f.name IN ('google_accounts', 'cloud-init') AND f.path GLOB '/home/*/.ssh/*');
