-- Rule: Create Symlink Over Sensitive Files
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, filesystem, mitre_credential_access, T1555
-- Purpose: A symbolic link to a sensitive file (/etc/shadow, /etc/sudoers, ...) or to /, /etc or /root was created: a way to read or overwrite it through a less watched path.
SELECT 'Create Symlink Over Sensitive Files' AS rule,
       'WARNING' AS priority, 'container,filesystem,mitre_credential_access,T1555' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation = 'symlink'
  AND f.dest_path IN ('/etc/shadow', '/etc/sudoers', '/etc/pam.conf', '/etc/security/pwquality.conf', '/', '/etc', '/etc/', '/root', '/root/');
