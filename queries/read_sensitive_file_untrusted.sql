-- Rule: Read sensitive file untrusted
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, filesystem, mitre_credential_access, T1555
-- Purpose: /etc/shadow, /etc/sudoers or PAM configuration was opened for reading by a program that has no reason to; detected by default (inotify watches on these files name the reader, docs/tracer.md §5), no option needed.
WITH package_mgmt_binaries(name) AS (VALUES
    ('dnf'), ('dnf-automatic'), ('rpm'), ('rpmkey'), ('yum'), ('microdnf'), ('rpmkeys'), ('rpmq'), ('yum-cron'),
    ('dpkg'), ('dpkg-preconfigu'), ('dpkg-reconfigur'), ('dpkg-divert'), ('apt'), ('apt-get'), ('aptitude'),
    ('frontend'), ('preinst'), ('add-apt-reposit'), ('apt-auto-remova'), ('apt-key'), ('apt-listchanges'),
    ('unattended-upgr'), ('apt-add-reposit'), ('apt-cache'), ('update-alternat'), ('gem'), ('npm'), ('pip'),
    ('pip3'), ('conda'), ('uv'), ('sane-utils.post'), ('alternatives'), ('chef-client'), ('apk'), ('snapd'))
SELECT 'Read sensitive file untrusted' AS rule,
       'WARNING' AS priority, 'container,filesystem,mitre_credential_access,T1555' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation = 'open' AND f.status = 'succeeded'
  AND substr(f.flags, -1, 1) IN ('0', '2', '4', '6')
  AND (f.path IN ('/etc/shadow', '/etc/sudoers', '/etc/pam.conf', '/etc/security/pwquality.conf') OR f.path LIKE '/etc/sudoers.d/%' OR f.path LIKE '/etc/pam.d/%')
  AND coalesce(f.name, '') NOT IN (SELECT name FROM package_mgmt_binaries)
  AND coalesce(f.name, '') NOT IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash', 'sudo', 'su', 'login', 'sshd', 'passwd', 'chpasswd', 'useradd', 'usermod',
                                   'userdel', 'adduser', 'deluser', 'chage', 'unix_chkpwd', 'cron', 'crond', 'systemd',
                                   'systemd-logind', 'osqueryd', 'aide', 'ps', 'iptables', 'psql', 'vipw', 'vigr');
