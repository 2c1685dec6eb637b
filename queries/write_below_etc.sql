-- Rule: Write below etc
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: ERROR
-- Tags: host, container, filesystem, mitre_persistence, T1098
-- Purpose: A file below /etc was opened for writing or created by a process other than the system's own maintenance tools.
WITH package_mgmt_binaries(name) AS (VALUES
    ('dnf'), ('dnf-automatic'), ('rpm'), ('rpmkey'), ('yum'), ('microdnf'), ('rpmkeys'), ('rpmq'), ('yum-cron'),
    ('dpkg'), ('dpkg-preconfigu'), ('dpkg-reconfigur'), ('dpkg-divert'), ('apt'), ('apt-get'), ('aptitude'),
    ('frontend'), ('preinst'), ('add-apt-reposit'), ('apt-auto-remova'), ('apt-key'), ('apt-listchanges'),
    ('unattended-upgr'), ('apt-add-reposit'), ('apt-cache'), ('update-alternat'), ('gem'), ('npm'), ('pip'),
    ('pip3'), ('conda'), ('uv'), ('sane-utils.post'), ('alternatives'), ('chef-client'), ('apk'), ('snapd'))
SELECT 'Write below etc' AS rule,
       'ERROR' AS priority, 'container,filesystem,mitre_persistence,T1098' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.syscall IN ('open', 'openat', 'openat2') AND f.status = 'succeeded'
  -- Falco's open_write: an open for writing (O_WRONLY/O_RDWR, or one that created the file) of a regular file
  -- (O_DIRECTORY is octal 0200000); the creat() syscall is another event type in Falco and is not included.
  AND (f.operation = 'creat' OR (f.operation = 'open' AND substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7')))
  AND coalesce(substr(f.flags, -6, 1), '0') NOT IN ('2', '3', '6', '7')
  AND f.path LIKE '/etc/%'
  AND coalesce(f.name, '') NOT IN (SELECT name FROM package_mgmt_binaries)
  AND coalesce(f.name, '') NOT IN ('passwd', 'chpasswd', 'useradd', 'usermod', 'groupadd', 'groupmod', 'adduser',
                                   'deluser', 'userdel', 'groupdel', 'addgroup', 'delgroup', 'vipw', 'vigr', 'chage', 'chfn', 'chsh',
                                   'gpasswd', 'newgrp', 'ldconfig', 'ldconfig.real', 'update-ca-certi', 'certbot', 'systemd',
                                   'systemd-tmpfile', 'confd', 'puppet', 'gpg', 'run-parts', 'locale-gen', 'update-locale');
