-- Rule: Create Hardlink Over Sensitive Files
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, filesystem, mitre_credential_access, T1555
-- Purpose: A hard link to a sensitive file (/etc/shadow, /etc/sudoers, ...) was created.
SELECT 'Create Hardlink Over Sensitive Files' AS rule,
       'WARNING' AS priority, 'container,filesystem,mitre_credential_access,T1555' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.operation = 'link'
  AND f.path IN ('/etc/shadow', '/etc/sudoers', '/etc/pam.conf', '/etc/security/pwquality.conf');
