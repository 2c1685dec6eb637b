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
WHERE f.operation IN ('open', 'creat') AND f.status = 'succeeded'
  AND (f.operation = 'creat' OR substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7'))
  AND f.path LIKE '/etc/%'
  AND coalesce(f.name, '') NOT IN (SELECT name FROM package_mgmt_binaries)
  AND coalesce(f.name, '') NOT IN ('passwd', 'chpasswd', 'useradd', 'usermod', 'groupadd', 'groupmod', 'adduser',
                                   'deluser', 'userdel', 'groupdel', 'addgroup', 'delgroup', 'vipw', 'vigr', 'chage', 'chfn', 'chsh',
                                   'gpasswd', 'newgrp', 'ldconfig', 'ldconfig.real', 'update-ca-certi', 'certbot', 'systemd',
                                   'systemd-tmpfile', 'confd', 'puppet', 'gpg', 'run-parts', 'locale-gen', 'update-locale')
  AND f.path NOT LIKE '/etc/cron%';
